package com.mayorcrew.deploy.request;

import static com.mayorcrew.deploy.process.DeployVariables.*;

import com.mayorcrew.deploy.config.DeployProperties;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Validate deploy request": runs inside the start transaction, so a refused request leaves nothing behind
 * (no instance, no history, no container). An accepted one gets its deploy id, requester and crew assignee.
 */
@Component
public class ValidateDeployRequestDelegate implements JavaDelegate {

  private final DeployRequestValidator validator;
  private final CrewAssignees crewAssignees;
  private final DeployProperties properties;
  private final IdentityService identityService;
  private final HistoryService historyService;

  public ValidateDeployRequestDelegate(DeployRequestValidator validator, CrewAssignees crewAssignees,
      DeployProperties properties, IdentityService identityService, HistoryService historyService) {
    this.validator = validator;
    this.crewAssignees = crewAssignees;
    this.properties = properties;
    this.identityService = identityService;
    this.historyService = historyService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> request = new HashMap<>();
    REQUEST_FIELDS.forEach(field -> request.put(field, execution.getVariable(field)));
    List<FieldViolation> violations = new ArrayList<>(validator.validate(request));

    String deployId = execution.getProcessBusinessKey();
    if (deployId == null || deployId.isBlank()) {
      deployId = DeployIds.generate(ClockUtil.getCurrentTime().toInstant());
    } else if (!DeployIds.isValid(deployId)) {
      violations.add(new FieldViolation("businessKey", DeployIds.RULE));
    } else if (isTaken(deployId, execution.getProcessInstanceId())) {
      violations.add(new FieldViolation("businessKey", "is already the deploy id of another deploy"));
    }
    Authentication authentication = identityService.getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      violations.add(new FieldViolation("requester", "a deploy must be requested by an authenticated user"));
    }
    if (!violations.isEmpty()) {
      throw new DeployRequestRejectedException(violations);
    }

    execution.setProcessBusinessKey(deployId);
    execution.setVariable(DEPLOY_ID, deployId);
    execution.setVariable(REQUESTER, authentication.getUserId());
    execution.setVariable(REQUESTED_AT, new Date(ClockUtil.getCurrentTime().getTime()));
    String assignee = (String) request.get(ASSIGNEE);
    execution.setVariable(CREW_ASSIGNEE, crewAssignees.existingUserFor(assignee).orElse(null));
    DeployProperties.Service service = properties.service((String) request.get(SERVICE));
    execution.setVariable(SMOKE_TEST_REQUIRED, service.smokeTest());
    execution.setVariable(EXECUTION_MODE, service.executionMode().name().toLowerCase(java.util.Locale.ROOT));
    // Optional fields exist as variables from the start, so forms, gateways and reports can read them.
    for (String optional : List.of(NOTES, IMAGE)) {
      if (request.get(optional) == null) {
        execution.setVariable(optional, "");
      }
    }
    execution.setVariable(RESUME_AT, "");
    execution.setVariable(ESCALATION_LOG, "");
  }

  private boolean isTaken(String deployId, String ownInstanceId) {
    return historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(deployId).list().stream()
        .anyMatch(instance -> !instance.getId().equals(ownInstanceId));
  }
}
