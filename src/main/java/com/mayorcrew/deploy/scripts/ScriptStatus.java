package com.mayorcrew.deploy.scripts;

import java.nio.file.Path;
import java.util.Map;

/**
 * A run as seen by a poll: still running, or finished with an outcome, the exit code (none when it was killed or
 * lost), the fields of the script's last-line JSON, a bounded tail of its output and the path of its full log.
 */
public record ScriptStatus(
    Script script,
    boolean finished,
    ScriptOutcome outcome,
    Integer exitCode,
    Map<String, Object> result,
    String tail,
    Path logPath) {

  public ScriptStatus {
    result = result == null ? Map.of() : Map.copyOf(result);
  }

  static ScriptStatus running(Script script, Path logPath) {
    return new ScriptStatus(script, false, null, null, Map.of(), "", logPath);
  }

  /** The script's own failure reason from its JSON line (e.g. secrets_missing), or "". */
  public String reason() {
    Object reason = result.get("reason");
    return reason == null ? "" : reason.toString();
  }

  public String message() {
    Object message = result.get("message");
    return message == null ? "" : message.toString();
  }
}
