package com.mayorcrew.deploy.escalation;

/**
 * Why a deploy needs the mayor. The first seven are the seed's "escalate to the Mayor immediately" rules, word
 * for word; the others are outcomes of this application's own steps that a person must decide on.
 */
public enum EscalationReason {
  REPO_ACCESS_BLOCKED("Repo access blocked (gastown or GTRuntime)."),
  DOCKER_UNAVAILABLE("Docker daemon unavailable or permission denied on canary host."),
  RUNNER_OFFLINE("Self-hosted runner offline or missing required labels."),
  SECRETS_MISSING("Required secrets missing (e.g., GT_WEB_AUTH_TOKEN_CANARY)."),
  ROLLBACK_FAILED("Deploy health checks fail and rollback is not successful."),
  MIGRATION_FAILED("Migrations fail or data integrity is at risk."),
  HOST_IDENTITY_UNCLEAR("Canary host identity is unclear."),
  HEALTH_CHECK_FAILED("Deploy health checks failed."),
  IMAGE_UNAVAILABLE("The image to deploy is not available on the canary host."),
  SMOKE_TEST_FAILED("The crew's smoke test failed.");

  private final String text;

  EscalationReason(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }
}
