package com.mayorcrew.deploy.audit.history;

import static com.mayorcrew.deploy.process.DeployVariables.*;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
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
public class DeployListReader {

  private static final String[] SUMMARY_VARIABLES = {TITLE, SERVICE, CANARY_HOST, ENVIRONMENT, REQUESTER,
      DEPLOY_RESULT};

  private final HistoryService historyService;

  public DeployListReader(HistoryService historyService) {
    this.historyService = historyService;
  }

  public DeployPage list(HistoryFilter filter) {
    HistoricProcessInstanceQuery query = query(filter);
    long total = query.count();
    List<HistoricProcessInstance> instances = query(filter).orderByProcessInstanceStartTime().desc()
        .listPage(filter.firstResult(), filter.size());
    return new DeployPage(summaries(instances), filter.page(), filter.size(), total);
  }

  /** The deploy with this id, or null when it does not exist or the caller may not read it. */
  public DeploySummary find(String deployId) {
    HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(deployId).singleResult();
    return instance == null ? null : summaries(List.of(instance)).get(0);
  }

  private HistoricProcessInstanceQuery query(HistoryFilter filter) {
    HistoricProcessInstanceQuery query = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY);
    equalsIfSet(query, SERVICE, filter.service());
    equalsIfSet(query, CANARY_HOST, filter.host());
    equalsIfSet(query, ENVIRONMENT, filter.environment());
    equalsIfSet(query, REQUESTER, filter.requester());
    if (HistoryFilter.RUNNING.equals(filter.result())) {
      query.unfinished();
    } else {
      equalsIfSet(query, DEPLOY_RESULT, filter.result());
    }
    if (filter.from() != null) {
      query.startedAfter(startOfDay(filter.from()));
    }
    if (filter.to() != null) {
      query.startedBefore(startOfDay(filter.to().plusDays(1)));
    }
    return query;
  }

  private static void equalsIfSet(HistoricProcessInstanceQuery query, String variable, String value) {
    if (value != null) {
      query.variableValueEquals(variable, value);
    }
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
