package com.mayorcrew.deploy.rollout;

import com.mayorcrew.deploy.context.EscalationReason;
import com.mayorcrew.deploy.scripts.Script;
import com.mayorcrew.deploy.scripts.ScriptOutcome;

/**
 * What a failed run means for the process: either the deploy's health failed (a BPMN error the model routes to
 * rollback), or an escalation to the mayor with one of the seed's reasons.
 *
 * @param reason the escalation reason; null when the failure is the HEALTH_FAILED error
 */
record ScriptFailure(EscalationReason reason) {

  public boolean healthFailed() {
    return reason == null;
  }

  /**
   * Docker unavailable is the mayor's everywhere. A failed rollback or migration is their seed rule whatever the
   * exit code. For deploy and validate, an unhealthy container goes to rollback; the script's own reason tells
   * missing secrets and an unavailable image apart; anything else (a docker error, a usage error from the
   * configuration, a time-out that left the container in an unknown state) is a failed execution.
   */
  public static ScriptFailure of(Script script, ScriptOutcome outcome, String scriptReason) {
    if (outcome == ScriptOutcome.DOCKER_UNAVAILABLE) {
      return new ScriptFailure(EscalationReason.DOCKER_UNAVAILABLE);
    }
    return switch (script) {
      case ROLLBACK -> new ScriptFailure(EscalationReason.ROLLBACK_FAILED);
      case MIGRATE -> new ScriptFailure(EscalationReason.MIGRATION_FAILED);
      case DEPLOY, VALIDATE -> deployFailure(outcome, scriptReason);
    };
  }

  private static ScriptFailure deployFailure(ScriptOutcome outcome, String scriptReason) {
    if (outcome == ScriptOutcome.HEALTH_FAILED) {
      return new ScriptFailure(null);
    }
    return new ScriptFailure(switch (scriptReason) {
      case "secrets_missing" -> EscalationReason.SECRETS_MISSING;
      case "image_unavailable" -> EscalationReason.IMAGE_UNAVAILABLE;
      default -> EscalationReason.EXECUTION_FAILED;
    });
  }
}
