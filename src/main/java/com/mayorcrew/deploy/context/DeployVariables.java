package com.mayorcrew.deploy.context;

import java.util.List;

/**
 * Names of the process variables of {@code canary-deploy}. The request fields are a public API (the start form
 * and {@code POST /engine-rest/process-definition/key/canary-deploy/start} use them); the others are written by
 * the steps and read by forms, reports and auditors.
 */
public final class DeployVariables {

  public static final String PROCESS_KEY = "canary-deploy";

  // The Deploy Request Template
  public static final String TITLE = "title";
  public static final String PRIORITY = "priority";
  public static final String OWNER = "owner";
  public static final String ASSIGNEE = "assignee";
  public static final String SERVICE = "service";
  public static final String ENVIRONMENT = "environment";
  public static final String GASTOWN_REF = "gastownRef";
  public static final String GTRUNTIME_REF = "gtruntimeRef";
  public static final String BRANCH = "branch";
  public static final String CANARY_HOST = "canaryHost";
  public static final String RUNNER_LABEL = "runnerLabel";
  public static final String DOCKER_ACCESS = "dockerAccess";
  public static final String ROLLBACK_CRITERIA = "rollbackCriteria";
  public static final String NOTES = "notes";
  public static final String IMAGE = "image";
  /** Set only on a rollback deploy: the ended deploy it rolls back (see EndedDeployRollbacks). */
  public static final String ROLLBACK_OF = "rollbackOf";

  public static final List<String> REQUEST_FIELDS = List.of(TITLE, PRIORITY, OWNER, ASSIGNEE, SERVICE, ENVIRONMENT,
      GASTOWN_REF, GTRUNTIME_REF, BRANCH, CANARY_HOST, RUNNER_LABEL, DOCKER_ACCESS, ROLLBACK_CRITERIA, NOTES, IMAGE,
      ROLLBACK_OF);

  // Set when the request is accepted
  public static final String DEPLOY_ID = "deployId";
  public static final String REQUESTER = "requester";
  public static final String REQUESTED_AT = "requestedAt";
  public static final String CREW_ASSIGNEE = "crewAssignee";
  public static final String SMOKE_TEST_REQUIRED = "smokeTestRequired";
  public static final String EXECUTION_MODE = "executionMode";
  /** Whether the service has a GitHub configuration: the model's gateway runs or skips the GitHub prechecks. */
  public static final String GITHUB_PRECHECKS = "gitHubPrechecks";
  /**
   * The note a ref was written with ("mounted at /gt" of "HEAD (mounted at /gt)"), set only when there is one. Not
   * named "...Note": the history reads those as decisions.
   */
  public static final String GASTOWN_REF_REMARK = "gastownRefRemark";
  public static final String GTRUNTIME_REF_REMARK = "gtruntimeRefRemark";

  // Prechecks
  public static final String DAEMON_NAME = "daemonName";
  public static final String DAEMON_ID = "daemonId";
  public static final String DOCKER_VERSION = "dockerVersion";

  // Execution
  public static final String DEPLOY_IMAGE = "deployImage";
  public static final String PREVIOUS_IMAGE = "previousImage";
  /** The service's container before the deploy ("" when there was none): a different one now means the host changed. */
  public static final String PREVIOUS_CONTAINER_ID = "previousContainerId";
  public static final String CONTAINER_ID = "containerId";
  public static final String CONTAINER_NAME = "containerName";

  // Health verification
  public static final String HEALTH_DEADLINE = "healthDeadline";
  public static final String HEALTH_PASSES = "healthPasses";
  public static final String HEALTH_VERDICT = "healthVerdict";
  public static final String HEALTH_SUMMARY = "healthSummary";
  public static final String HEALTH_POLL_INTERVAL = "healthPollInterval";

  // Metadata and result
  public static final String DEPLOY_RESULT = "deployResult";
  public static final String METADATA_PATH = "metadataPath";
  public static final String DEPLOY_METADATA = "deployMetadata";

  // Crew tasks
  public static final String WEB_UI_LOADS = "webUiLoads";
  public static final String DASHBOARD_LOADS = "dashboardLoads";
  public static final String SMOKE_TEST_NOTES = "smokeTestNotes";
  public static final String STATUS_REPORT = "statusReport";
  public static final String STATUS_REPORT_PATH = "statusReportPath";

  // Escalation
  public static final String ESCALATION_REASON = "escalationReason";
  public static final String ESCALATION_REASON_TEXT = "escalationReasonText";
  public static final String ESCALATION_STEP = "escalationStep";
  public static final String ESCALATION_STEP_NAME = "escalationStepName";
  public static final String ESCALATION_DETAIL = "escalationDetail";
  public static final String ESCALATION_EVIDENCE = "escalationEvidence";
  public static final String ESCALATION_LOG = "escalationLog";
  public static final String MAYOR_DECISION = "mayorDecision";
  public static final String MAYOR_NOTE = "mayorNote";
  public static final String RESUME_AT = "resumeAt";

  // One deploy per host
  public static final String HOST_ACQUIRED = "hostAcquired";
  public static final String HOST_HOLDER = "hostHolder";
  public static final String HOST_HOLDER_SINCE = "hostHolderSince";
  public static final String HOST_QUEUE = "hostQueue";

  // Production gate
  public static final String CANARY_RECORD = "canaryRecord";
  public static final String PRODUCTION_DECISION = "productionDecision";
  public static final String APPROVAL_NOTE = "approvalNote";

  // Outcome of a deploy that did not succeed, for metadata and the status report
  public static final String FAILURE_REASON = "failureReason";

  // Rollback
  public static final String ROLLBACK_REASON = "rollbackReason";
  public static final String ROLLBACK_REQUESTED_BY = "rollbackRequestedBy";
  public static final String ROLLBACK_NEEDED = "rollbackNeeded";
  public static final String LEAVE_HOST_AS_IS = "leaveHostAsIs";

  // Escalation, tier 2
  public static final String FORWARDED_BY = "forwardedBy";
  public static final String HUMAN_REASON = "humanReason";
  public static final String HUMAN_DECISION = "humanDecision";
  public static final String HUMAN_NOTE = "humanNote";
  public static final String DEPLOY_HISTORY = "deployHistory";
  public static final String MAYOR_REMINDERS = "mayorReminders";

  // Technical faults (retries exhausted)
  public static final String FAULT_STEP = "faultStep";
  public static final String FAULT_MESSAGE = "faultMessage";
  public static final String FAULT_JOB_ID = "faultJobId";
  public static final String FAULT_DECISION = "faultDecision";

  private DeployVariables() {}

}
