package com.mayorcrew.deploy.context;

/**
 * Why a deploy needs the mayor. The first seven are the seed's "escalate to the Mayor immediately" rules, word
 * for word; the others are outcomes of this application's own steps that a person must decide on. (A failed
 * health check or smoke test is not one: it rolls back, and only a failed rollback escalates.)
 */
public enum EscalationReason {
  REPO_ACCESS_BLOCKED("Repo access blocked (gastown or GTRuntime)."),
  DOCKER_UNAVAILABLE("Docker daemon unavailable or permission denied on canary host."),
  RUNNER_OFFLINE("Self-hosted runner offline or missing required labels."),
  SECRETS_MISSING("Required secrets missing (e.g., GT_WEB_AUTH_TOKEN_CANARY)."),
  ROLLBACK_FAILED("Deploy health checks fail and rollback is not successful."),
  MIGRATION_FAILED("Migrations fail or data integrity is at risk."),
  HOST_IDENTITY_UNCLEAR("Canary host identity is unclear."),
  BRANCH_PROTECTION_FAILED("Branch protection fails for the target branch."),
  IMAGE_UNAVAILABLE("The image to deploy is not available on the canary host."),
  EXECUTION_FAILED("The deploy script or workflow failed in a way that is not a health check; see the evidence."),
  CREW_DID_NOT_FINISH("The crew did not finish its task before the deadline; the deploy holds the canary host.");

  private final String text;

  EscalationReason(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }
}
