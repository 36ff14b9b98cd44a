package com.mayorcrew.deploy.history;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.HistoricDeploys;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/**
 * Lists deploys from the engine's history as the authenticated caller: the engine's authorizations decide which
 * deploys a caller sees (READ_HISTORY on the process definition).
 */
@Component
class DeployListReader {

  private static final String[] SUMMARY_VARIABLES = {TITLE, SERVICE, CANARY_HOST, ENVIRONMENT, REQUESTER,
      DEPLOY_RESULT};

  private final HistoryService historyService;

  public DeployListReader(HistoryService historyService) {
    this.historyService = historyService;
  }

  public DeployPage list(HistoryFilter filter) {
    HistoricProcessInstanceQuery query = query(filter);
    if (!HistoricDeploys.restrict(historyService, query, variableConditions(filter))) {
      return new DeployPage(List.of(), filter.page(), filter.size(), 0);
    }
    long total = query.count();
    List<HistoricProcessInstance> instances = query.orderByProcessInstanceStartTime().desc()
        .listPage(filter.firstResult(), filter.size());
    return new DeployPage(summaries(instances), filter.page(), filter.size(), total);
  }

  /** The deploy with this id, or null when it does not exist or the caller may not read it. */
  public DeploySummary find(String deployId) {
    HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(deployId).singleResult();
    return instance == null ? null : summaries(List.of(instance)).get(0);
  }

  /**
   * The deploys of this service and host (null: any) that ended at or after {@code since}, oldest end first. With
   * no paging: the dashboard bounds {@code since} to its longest period.
   */
  public List<DeploySummary> endedSince(String service, String host, Instant since) {
    HistoricProcessInstanceQuery query = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).finished().finishedAfter(Date.from(since));
    if (!HistoricDeploys.restrict(historyService, query,
        variableConditions(new HistoryFilter(service, host, null, null, null, null, null, null, null)))) {
      return List.of();
    }
    return summaries(query.orderByProcessInstanceEndTime().asc().list());
  }

  private HistoricProcessInstanceQuery query(HistoryFilter filter) {
    HistoricProcessInstanceQuery query = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY);
    if (HistoryFilter.RUNNING.equals(filter.result())) {
      query.unfinished();
    }
    if (filter.from() != null) {
      query.startedAfter(startOfDay(filter.from()));
    }
    if (filter.to() != null) {
      query.startedBefore(startOfDay(filter.to().plusDays(1)));
    }
    return query;
  }

  /** The filter's conditions on the deploys' variables (a null value: no condition). */
  private static Map<String, String> variableConditions(HistoryFilter filter) {
    Map<String, String> conditions = new LinkedHashMap<>();
    conditions.put(SERVICE, filter.service());
    conditions.put(CANARY_HOST, filter.host());
    conditions.put(ENVIRONMENT, filter.environment());
    conditions.put(REQUESTER, filter.requester());
    conditions.put(DEPLOY_RESULT, HistoryFilter.RUNNING.equals(filter.result()) ? null : filter.result());
    return conditions;
  }

  private static Date startOfDay(LocalDate day) {
    return Date.from(day.atStartOfDay().toInstant(ZoneOffset.UTC));
  }

  private List<DeploySummary> summaries(List<HistoricProcessInstance> instances) {
    if (instances.isEmpty()) {
      return List.of();
    }
    Map<String, Map<String, String>> variables = new HashMap<>();
    historyService.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
        .variableNameIn(SUMMARY_VARIABLES).list()
        .forEach(variable -> variables.computeIfAbsent(variable.getProcessInstanceId(), id -> new HashMap<>())
            .put(variable.getName(), text(variable)));
    return instances.stream().map(instance -> summary(instance,
        variables.getOrDefault(instance.getId(), Map.of()))).toList();
  }

  static DeploySummary summary(HistoricProcessInstance instance, Map<String, String> variables) {
    return new DeploySummary(instance.getBusinessKey(), instance.getId(), variables.get(TITLE),
        variables.get(SERVICE), variables.get(CANARY_HOST), variables.get(ENVIRONMENT),
        Objects.requireNonNullElse(variables.get(REQUESTER), instance.getStartUserId()), instance.getState(),
        variables.get(DEPLOY_RESULT), Times.instant(instance.getStartTime()), Times.instant(instance.getEndTime()));
  }

  private static String text(HistoricVariableInstance variable) {
    return variable.getValue() == null ? null : variable.getValue().toString();
  }
}
