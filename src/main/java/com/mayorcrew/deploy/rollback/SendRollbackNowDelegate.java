package com.mayorcrew.deploy.rollback;

import com.mayorcrew.deploy.context.DeployRequestRejectedException;
import com.mayorcrew.deploy.context.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * "Send roll back now" of the small process {@code request-rollback}, which puts "roll back now" into Tasklist's
 * start menu for mayors. Runs in the start transaction: a request that reaches no deploy is refused and leaves
 * nothing behind.
 */
@Component
class SendRollbackNowDelegate implements JavaDelegate {

  /** The fields of the request-rollback form: all a start may carry. */
  static final Set<String> REQUEST_FIELDS = Set.of("deployId", "reason");
  /** The deploy that rolls back an ended one, when the request started one. */
  static final String ROLLBACK_DEPLOY = "rollbackDeployId";

  private final RollbackRequests requests;
  private final IdentityService identityService;

  public SendRollbackNowDelegate(RollbackRequests requests, IdentityService identityService) {
    this.requests = requests;
    this.identityService = identityService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String deployId = (String) execution.getVariable("deployId");
    String reason = (String) execution.getVariable("reason");
    Authentication caller = identityService.getCurrentAuthentication();
    List<FieldViolation> violations = new ArrayList<>();
    execution.getVariableNames().stream().filter(name -> !REQUEST_FIELDS.contains(name)).sorted()
        .forEach(name -> violations.add(new FieldViolation(name, "is not a field of the rollback request")));
    if (deployId == null || deployId.isBlank()) {
      violations.add(new FieldViolation("deployId", "is required"));
    }
    if (reason == null || reason.isBlank() || reason.length() > RollbackRequests.MAX_REASON) {
      violations.add(new FieldViolation("reason", "is required, at most " + RollbackRequests.MAX_REASON + " characters"));
    }
    if (caller == null || caller.getUserId() == null) {
      violations.add(new FieldViolation("requester", "must be an authenticated user"));
    }
    if (violations.isEmpty()) {
      RollbackRequests.Outcome outcome = requests.request(deployId, caller.getUserId(), reason.strip());
      if (!outcome.accepted()) {
        violations.add(new FieldViolation("deployId", outcome.refusal()));
      } else if (!outcome.rollbackDeployId().isEmpty()) {
        execution.setVariable(ROLLBACK_DEPLOY, outcome.rollbackDeployId());
      }
    }
    if (!violations.isEmpty()) {
      throw new DeployRequestRejectedException("Rollback request", violations);
    }
    execution.setVariable("requester", caller.getUserId());
  }
}
