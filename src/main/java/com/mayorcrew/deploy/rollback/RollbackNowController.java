package com.mayorcrew.deploy.rollback;

import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/deploys/{deployId}/rollback} with {@code {"reason": "..."}}: any mayor rolls a running deploy
 * back now. The requester is the authenticated user, never a value from the request.
 */
@RestController
class RollbackNowController {

  static final int MAX_REASON = 2000;

  private final RollbackRequests requests;
  private final IdentityService identityService;

  public RollbackNowController(RollbackRequests requests, IdentityService identityService) {
    this.requests = requests;
    this.identityService = identityService;
  }

  public record RollbackNow(String reason) {}

  @PostMapping("/api/deploys/{deployId}/rollback")
  public ResponseEntity<Map<String, String>> rollBackNow(@PathVariable String deployId, @RequestBody RollbackNow body) {
    Authentication caller = identityService.getCurrentAuthentication();
    if (caller == null || caller.getGroupIds() == null
        || caller.getGroupIds().stream().noneMatch(group -> group.equals("mayor") || group.equals("camunda-admin"))) {
      return error(HttpStatus.FORBIDDEN, "only a mayor may roll a deploy back");
    }
    if (body == null || body.reason() == null || body.reason().isBlank() || body.reason().length() > MAX_REASON) {
      return error(HttpStatus.BAD_REQUEST, "reason: is required, at most " + MAX_REASON + " characters");
    }
    RollbackRequests.Outcome outcome;
    try {
      outcome = requests.request(deployId, caller.getUserId(), body.reason().strip());
    } catch (OptimisticLockingException busy) {
      return error(HttpStatus.CONFLICT, "deploy " + deployId + " is executing a step right now; send it again");
    }
    if (!outcome.accepted()) {
      return error(HttpStatus.CONFLICT, "deploy " + deployId + " " + outcome.refusal());
    }
    if (!outcome.rollbackDeployId().isEmpty()) {
      return ResponseEntity.accepted().body(Map.of("deployId", deployId, "requestedBy", caller.getUserId(),
          "status", "rollback deploy started", "rollbackDeployId", outcome.rollbackDeployId()));
    }
    return ResponseEntity.accepted().body(Map.of("deployId", deployId, "requestedBy", caller.getUserId(),
        "status", "rolling back"));
  }

  private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
    return ResponseEntity.status(status).body(Map.of("message", message));
  }
}
