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

  private final RuntimeService runtimeService;
  private final AsApplication asApplication;

  public RollbackRequests(RuntimeService runtimeService, AsApplication asApplication) {
    this.runtimeService = runtimeService;
    this.asApplication = asApplication;
  }

  /**
   * Whether the deploy was at a point where it can roll back (running, past the request and its approval). The
   * callers have checked that the requester is a mayor; the message is the application's, so mayors need no
   * permission to steer instances.
   */
  public boolean request(String deployId, String requestedBy, String reason) {
    return asApplication.call(() -> !runtimeService.createMessageCorrelation(MESSAGE)
        .processInstanceBusinessKey(deployId)
        .setVariables(Map.of(ROLLBACK_REQUESTED_BY, requestedBy,
            ROLLBACK_REASON, "roll back now requested by " + requestedBy + ": " + reason))
        .correlateAllWithResult().isEmpty());
  }
}
