package com.mayorcrew.deploy.context;

/** Process variables written by the script steps (execution mode {@code script}). */
public final class ScriptVariables {

  /** The handle of the run the next poll looks at: {@code <deployId>/<nn>-<script>}. */
  public static final String SCRIPT_RUN_ID = "scriptRunId";
  /** {@code running}, {@code succeeded} or {@code failed}: the poll loop's gateway reads it. */
  public static final String SCRIPT_VERDICT = "scriptVerdict";
  public static final String SCRIPT_OUTPUT_TAIL = "scriptOutputTail";
  public static final String SCRIPT_LOG_PATH = "scriptLogPath";
  public static final String SCRIPT_EXIT_CODE = "scriptExitCode";
  /** The script's last-line JSON, as text. */
  public static final String SCRIPT_RESULT = "scriptResult";
  /** How many script runs this deploy has started; numbers the steps so that a mayor's retry runs anew. */
  public static final String SCRIPT_RUN_COUNT = "scriptRunCount";
  /** The activity that started the current run: a failure found by a poll is escalated as that step's. */
  public static final String SCRIPT_STEP_ID = "scriptStepId";
  public static final String SCRIPT_STEP_NAME = "scriptStepName";
  /** Whether the service has a migration command (false: "Run migration" started nothing). */
  public static final String MIGRATION_CONFIGURED = "migrationConfigured";

  public static final String VERDICT_RUNNING = "running";
  public static final String VERDICT_SUCCEEDED = "succeeded";
  public static final String VERDICT_FAILED = "failed";


  private ScriptVariables() {}
}
