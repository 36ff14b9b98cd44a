package com.mayorcrew.deploy.request;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.context.DeployIds;
import com.mayorcrew.deploy.context.DeployRequestRejectedException;
import com.mayorcrew.deploy.context.FieldViolation;
import com.mayorcrew.deploy.github.GitHubProperties;
import com.mayorcrew.deploy.rollback.EndedDeployRollbacks;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
class ValidateDeployRequestDelegate implements JavaDelegate {

  private final DeployRequestValidator validator;
  private final CrewAssignees crewAssignees;
  private final DeployProperties properties;
  private final IdentityService identityService;
  private final HistoryService historyService;
  private final GitHubProperties gitHub;
  private final EndedDeployRollbacks rollbacks;

  public ValidateDeployRequestDelegate(DeployRequestValidator validator, CrewAssignees crewAssignees,
      DeployProperties properties, IdentityService identityService, HistoryService historyService,
      GitHubProperties gitHub, EndedDeployRollbacks rollbacks) {
    this.validator = validator;
    this.crewAssignees = crewAssignees;
    this.properties = properties;
    this.identityService = identityService;
    this.historyService = historyService;
    this.gitHub = gitHub;
    this.rollbacks = rollbacks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    Map<String, Object> request = new HashMap<>();
    REQUEST_FIELDS.forEach(field -> request.put(field, execution.getVariable(field)));
    List<FieldViolation> violations = new ArrayList<>(validator.validate(request));
    if (request.get(ROLLBACK_OF) instanceof String rollbackOf && !rollbackOf.isEmpty() && violations.isEmpty()) {
      rollbacks.refusalOfRollbackRequest(deploy.canaryHost(), deploy.service(), deploy.environment(), rollbackOf,
          deploy.requestedImage().orElse("")).ifPresent(why -> violations.add(new FieldViolation(ROLLBACK_OF, why)));
    }
    // At this first step the instance holds exactly what the caller sent: the request is the whole contract.
    execution.getVariableNames().stream().filter(name -> !REQUEST_FIELDS.contains(name)).sorted()
        .forEach(name -> violations.add(new FieldViolation(name, "is not a field of the Deploy Request")));

    String deployId = deploy.deployId();
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
    String crewMember = request.get(ASSIGNEE) instanceof String address
        && violations.stream().noneMatch(v -> v.field().equals(ASSIGNEE)) ? crewAssignee(address,
            authentication, violations) : null;
    if (!violations.isEmpty()) {
      throw new DeployRequestRejectedException(violations);
    }

    execution.setProcessBusinessKey(deployId);
    deploy.set(DEPLOY_ID, deployId);
    deploy.set(REQUESTER, authentication.getUserId());
    deploy.set(REQUESTED_AT, new Date(ClockUtil.getCurrentTime().getTime()));
    deploy.set(CREW_ASSIGNEE, crewMember);
    DeployProperties.Service service = properties.service(deploy.service());
    deploy.set(SMOKE_TEST_REQUIRED, service.smokeTest());
    deploy.set(EXECUTION_MODE, service.executionMode().name().toLowerCase(java.util.Locale.ROOT));
    deploy.set(GITHUB_PRECHECKS, gitHub.service(deploy.service()).isPresent());
    // Optional fields exist as variables from the start, so forms, gateways and reports can read them.
    for (String optional : List.of(NOTES, IMAGE, ROLLBACK_OF)) {
      if (request.get(optional) == null) {
        deploy.set(optional, "");
      }
    }
    keepRefNote(deploy, GASTOWN_REF, GASTOWN_REF_REMARK);
    keepRefNote(deploy, GTRUNTIME_REF, GTRUNTIME_REF_REMARK);
    deploy.set(RESUME_AT, "");
    deploy.set(ESCALATION_LOG, "");
  }

  /** The ref field keeps the ref every step uses; the note it was written with goes to its own variable. */
  private static void keepRefNote(DeployContext deploy, String refField, String noteField) {
    WrittenRef written = WrittenRef.parse(deploy.text(refField));
    if (written.hasNote()) {
      deploy.set(refField, written.ref());
      deploy.set(noteField, written.note());
    }
  }

  /**
   * The crew member who smoke-tests the deploy: a member of group crew, and not the requester (no one checks their
   * own deploy). Null after recording why there is none.
   */
  private String crewAssignee(String address, Authentication requester, List<FieldViolation> violations) {
    Optional<String> member = crewAssignees.crewMemberFor(address);
    if (member.isEmpty()) {
      violations.add(new FieldViolation(ASSIGNEE, "must name a member of group crew (" + address + " is user '"
          + crewAssignees.userIdFor(address) + "', who is not)"));
      return null;
    }
    if (requester != null && member.get().equals(requester.getUserId())) {
      violations.add(new FieldViolation(ASSIGNEE, "must not be the requester: someone else smoke-tests a deploy"));
      return null;
    }
    return member.get();
  }

  private boolean isTaken(String deployId, String ownInstanceId) {
    return historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(deployId).list().stream()
        .anyMatch(instance -> !instance.getId().equals(ownInstanceId));
  }
}
