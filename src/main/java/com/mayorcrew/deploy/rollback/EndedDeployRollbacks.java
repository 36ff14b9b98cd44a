package com.mayorcrew.deploy.rollback;

import static com.mayorcrew.deploy.context.DeployVariables.*;
import static com.mayorcrew.deploy.context.GitHubVariables.GASTOWN_SHA;
import static com.mayorcrew.deploy.context.GitHubVariables.GTRUNTIME_SHA;

import com.mayorcrew.deploy.context.DeployEnds;
import com.mayorcrew.deploy.context.HistoricDeploys;
import com.mayorcrew.deploy.security.AsApplication;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Rolls back a deploy after it ended: a new canary deploy, requested by the mayor who asks, of the deploy that
 * landed before it on the same host, pinned to that deploy's commits and image. It goes through everything a
 * deploy goes through (prechecks, the host lock, replacement, health verification, metadata, the crew's status
 * update), and records which deploy it rolled back ({@code rollbackOf}), so a second rollback goes one further.
 */
@Component
public class EndedDeployRollbacks {

  private final HistoryService history;
  private final RuntimeService runtime;
  private final AsApplication asApplication;

  EndedDeployRollbacks(HistoryService history, RuntimeService runtime, AsApplication asApplication) {
    this.history = history;
    this.runtime = runtime;
    this.asApplication = asApplication;
  }

  /** The deploys of a service that landed on a host in an environment, as the stack rollbacks walk down. */
  LandedDeploys landedOn(String host, String service, String environment) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put(CANARY_HOST, host);
    facts.put(SERVICE, service);
    facts.put(ENVIRONMENT, environment);
    List<HistoricProcessInstance> landed = asApplication.call(() -> HistoricDeploys.withValues(history, facts,
        DeployEnds::landed)).stream()
        .sorted(Comparator.comparing(HistoricProcessInstance::getEndTime))
        .toList();
    Map<String, Map<String, Object>> variables = variablesOf(landed.stream().map(HistoricProcessInstance::getId)
        .toArray(String[]::new), DEPLOY_IMAGE, ROLLBACK_OF);
    return new LandedDeploys(landed.stream().map(instance -> {
      Map<String, Object> values = variables.getOrDefault(instance.getId(), Map.of());
      return new LandedDeploys.Landed(instance.getBusinessKey(), text(values.get(DEPLOY_IMAGE)),
          text(values.get(ROLLBACK_OF)));
    }).toList());
  }

  /**
   * Starts the rollback deploy of {@code deployId}, which has ended; empty when no ended deploy has that id. The
   * start runs as the caller, who becomes its requester; a request the deploy's own validation refuses throws.
   */
  Optional<RollbackRequests.Outcome> rollBack(String deployId, String reason) {
    Optional<HistoricProcessInstance> ended = asApplication.call(() -> history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(deployId).finished().list()).stream()
        .findFirst();
    if (ended.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> undone = variablesOf(new String[] {ended.get().getId()}).getOrDefault(ended.get().getId(),
        Map.of());
    LandedDeploys landed = landedOn(text(undone.get(CANARY_HOST)), text(undone.get(SERVICE)),
        text(undone.get(ENVIRONMENT)));
    Optional<LandedDeploys.Rollback> rollback = landed.rollbackOf(deployId);
    if (rollback.isEmpty()) {
      return Optional.of(RollbackRequests.Outcome.refused(landed.whyNot(deployId)));
    }
    ProcessInstance started = runtime.startProcessInstanceByKey(PROCESS_KEY,
        request(undone, restoredDeploy(rollback.get().toDeployId()), rollback.get(), reason));
    return Optional.of(RollbackRequests.Outcome.rollbackDeploy(started.getBusinessKey()));
  }

  /**
   * Why a deploy request that names {@code rollbackOf} is not that rollback, if it is not: the named deploy must
   * be the current one of the service on the host, and the image the one of the deploy that landed before it.
   */
  public Optional<String> refusalOfRollbackRequest(String host, String service, String environment,
      String rollbackOf, String image) {
    LandedDeploys landed = landedOn(host, service, environment);
    Optional<LandedDeploys.Rollback> rollback = landed.rollbackOf(rollbackOf);
    if (rollback.isEmpty()) {
      return Optional.of(rollbackOf + " " + landed.whyNot(rollbackOf));
    }
    if (!rollback.get().toImage().equals(image)) {
      return Optional.of("rolling back " + rollbackOf + " restores image " + rollback.get().toImage() + " of "
          + rollback.get().toDeployId() + ", not " + (image.isEmpty() ? "no image" : image));
    }
    return Optional.empty();
  }

  /** The deploy request that puts the restored deploy's image back, at the commits it was pinned to. */
  private static Map<String, Object> request(Map<String, Object> undone, Map<String, Object> restored,
      LandedDeploys.Rollback rollback, String reason) {
    Map<String, Object> request = new HashMap<>();
    REQUEST_FIELDS.forEach(field -> request.put(field, restored.get(field)));
    request.put(TITLE, "Roll back " + rollback.undo() + " to " + rollback.toDeployId());
    request.put(GASTOWN_REF, Optional.ofNullable(restored.get(GASTOWN_SHA)).orElse(restored.get(GASTOWN_REF)));
    request.put(GTRUNTIME_REF, Optional.ofNullable(restored.get(GTRUNTIME_SHA)).orElse(restored.get(GTRUNTIME_REF)));
    request.put(IMAGE, rollback.toImage());
    request.put(NOTES, reason);
    request.put(ROLLBACK_CRITERIA, undone.get(ROLLBACK_CRITERIA));
    request.put(ROLLBACK_OF, rollback.undo());
    request.values().removeIf(value -> value == null);
    return request;
  }

  private Map<String, Object> restoredDeploy(String deployId) {
    HistoricProcessInstance restored = asApplication.call(() -> history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(deployId).singleResult());
    return variablesOf(new String[] {restored.getId()}).getOrDefault(restored.getId(), Map.of());
  }

  private Map<String, Map<String, Object>> variablesOf(String[] instanceIds, String... names) {
    if (instanceIds.length == 0) {
      return Map.of();
    }
    return asApplication.call(() -> {
      var query = history.createHistoricVariableInstanceQuery().processInstanceIdIn(instanceIds);
      if (names.length > 0) {
        query.variableNameIn(names);
      }
      return query.list();
    }).stream().filter(variable -> variable.getValue() != null)
        .collect(Collectors.groupingBy(HistoricVariableInstance::getProcessInstanceId,
            Collectors.toMap(HistoricVariableInstance::getName, HistoricVariableInstance::getValue,
                (first, second) -> second)));
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }
}
