package com.mayorcrew.deploy.rollback;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.security.AsApplication;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * "Roll back now": a mayor's on-demand rollback of a running deploy, recorded with who asked and why. It reaches
 * the deploy as the message {@value #MESSAGE}, which every rollback-able point of the model catches.
 */
@Component
public class RollbackRequests {

  public static final String MESSAGE = "RollbackNow";
  /** The longest reason a rollback request may give. */
  public static final int MAX_REASON = 2000;

  /** What a rollback request did: the running deploy rolls back, a rollback deploy started, or why neither. */
  public record Outcome(String rollbackDeployId, String refusal) {
    static Outcome rollingBack() {
      return new Outcome("", "");
    }

    static Outcome rollbackDeploy(String deployId) {
      return new Outcome(deployId, "");
    }

    static Outcome refused(String why) {
      return new Outcome("", why);
    }

    public boolean accepted() {
      return refusal.isEmpty();
    }
  }

  private final RuntimeService runtimeService;
  private final AsApplication asApplication;
  private final EndedDeployRollbacks endedDeploys;

  public RollbackRequests(RuntimeService runtimeService, AsApplication asApplication,
      EndedDeployRollbacks endedDeploys) {
    this.runtimeService = runtimeService;
    this.asApplication = asApplication;
    this.endedDeploys = endedDeploys;
  }

  /**
   * Rolls a deploy back: a running one at once (past the request and its approval), an ended one by a rollback
   * deploy the caller requests. The callers have checked that the requester is a mayor; the message is the
   * application's, so mayors need no permission to steer instances.
   */
  public Outcome request(String deployId, String requestedBy, String reason) {
    boolean running = asApplication.call(() -> !runtimeService.createMessageCorrelation(MESSAGE)
        .processInstanceBusinessKey(deployId)
        .setVariables(Map.of(ROLLBACK_REQUESTED_BY, requestedBy,
            ROLLBACK_REASON, "roll back now requested by " + requestedBy + ": " + reason))
        .correlateAllWithResult().isEmpty());
    if (running) {
      return Outcome.rollingBack();
    }
    return endedDeploys.rollBack(deployId, reason).orElseGet(() -> Outcome.refused(
        "is neither a running deploy at a point that can roll back nor a deploy that has ended"));
  }
}
