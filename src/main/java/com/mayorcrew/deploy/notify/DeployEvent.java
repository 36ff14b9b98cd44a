package com.mayorcrew.deploy.notify;

/** What a notification reports; configured by the lower-case, dashed name ({@code escalation-created}…). */
enum DeployEvent {
  ESCALATION_CREATED("escalation created"),
  ESCALATION_FORWARDED("escalation forwarded"),
  DEADLINE_FIRED("deadline fired"),
  ROLLBACK_STARTED("rollback started"),
  ROLLBACK_ENDED("rollback ended"),
  DEPLOY_ENDED("deploy ended");

  private final String label;

  DeployEvent(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The name used in configuration and in the JSON payload. */
  public String key() {
    return name().toLowerCase().replace('_', '-');
  }
}
