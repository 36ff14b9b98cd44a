package com.mayorcrew.deploy.escalation;

/** Why an escalation goes to the humans: the seed's "escalate to the human" rules, and the mayor's deadline. */
enum HumanTierReason {
  INFRASTRUCTURE_ACCESS("Infrastructure access cannot be granted."),
  HOST_OWNERSHIP_OR_SECURITY("Host ownership or security approval is required."),
  PRODUCTION_WITHOUT_SAFE_ROLLBACK("Production-impacting failure without safe rollback."),
  MAYOR_DEADLINE_PASSED("The mayor did not resolve the escalation before its deadline.");

  private final String text;

  HumanTierReason(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }
}
