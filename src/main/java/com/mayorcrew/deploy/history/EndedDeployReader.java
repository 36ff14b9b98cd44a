package com.mayorcrew.deploy.history;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployEnds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.stereotype.Component;

/**
 * Reads the ended deploys the dashboard counts, as the authenticated caller (the engine's authorizations apply):
 * the list reader's deploys, landed per {@link DeployEnds}, their activities (phases by {@link DeployPhases}, and
 * when the health verification passed) and their escalations. A few queries for the whole period, not a few per
 * deploy.
 */
@Component
class EndedDeployReader {

  /** Reached when the canary container's health verification passed (the rollback's own check ends elsewhere). */
  static final String HEALTH_PASSED = "EndEvent_ContainerHealthy";

  private final DeployListReader listReader;
  private final HistoryService historyService;
  private final RepositoryService repositoryService;

  public EndedDeployReader(DeployListReader listReader, HistoryService historyService,
      RepositoryService repositoryService) {
    this.listReader = listReader;
    this.historyService = historyService;
    this.repositoryService = repositoryService;
  }

  /** The deploys of this service and host (null: any) that ended at or after {@code since}. */
  public List<EndedDeploy> endedSince(String service, String host, Instant since) {
    List<DeploySummary> deploys = listReader.endedSince(service, host, since);
    if (deploys.isEmpty()) {
      return List.of();
    }
    Set<String> ids = deploys.stream().map(DeploySummary::processInstanceId).collect(Collectors.toSet());
    Set<String> landed = DeployEnds.landed(historyService.createHistoricProcessInstanceQuery()
            .processDefinitionKey(PROCESS_KEY).finishedAfter(Date.from(since))).list().stream()
        .map(HistoricProcessInstance::getId).collect(Collectors.toSet());
    Map<String, List<HistoricActivityInstance>> activities = activities(deploys, ids);
    Map<String, List<String>> escalations = escalations(ids);
    Map<String, BpmnModelInstance> models = new HashMap<>();
    List<EndedDeploy> ended = new ArrayList<>();
    for (DeploySummary deploy : deploys) {
      List<HistoricActivityInstance> ran = activities.getOrDefault(deploy.processInstanceId(), List.of());
      Map<String, Long> phases = ran.isEmpty() ? Map.of() : DeployPhases.of(
          models.computeIfAbsent(ran.get(0).getProcessDefinitionId(), repositoryService::getBpmnModelInstance),
          ran.stream().map(activity -> ActivityEntry.of(activity, null)).toList());
      Instant healthy = ran.stream().filter(activity -> HEALTH_PASSED.equals(activity.getActivityId()))
          .map(activity -> Times.instant(activity.getStartTime())).min(Instant::compareTo).orElse(null);
      ended.add(new EndedDeploy(deploy.deployId(), deploy.service(), deploy.host(), deploy.result(),
          landed.contains(deploy.processInstanceId()), deploy.startTime(), healthy, deploy.endTime(), phases,
          escalations.getOrDefault(deploy.processInstanceId(), List.of())));
    }
    return ended;
  }

  /** The deploys' activities, oldest first: one query from the earliest start (activities have no id-list filter). */
  private Map<String, List<HistoricActivityInstance>> activities(List<DeploySummary> deploys, Set<String> ids) {
    Instant earliest = deploys.stream().map(DeploySummary::startTime).min(Instant::compareTo).orElseThrow();
    // A second earlier: the start event may carry the instance's start time rounded the other way.
    return historyService.createHistoricActivityInstanceQuery().startedAfter(Date.from(earliest.minusSeconds(1)))
        .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list().stream()
        .filter(activity -> ids.contains(activity.getProcessInstanceId()))
        .collect(Collectors.groupingBy(HistoricActivityInstance::getProcessInstanceId));
  }

  /** Each escalation rewrites {@code escalationReason} (as {@link EscalationHistory} reads it): one update each. */
  private Map<String, List<String>> escalations(Set<String> ids) {
    Map<String, List<String>> reasons = new HashMap<>();
    for (HistoricDetail detail : historyService.createHistoricDetailQuery().variableUpdates()
        .variableNameLike(ESCALATION_REASON).processInstanceIdIn(ids.toArray(String[]::new))
        .disableCustomObjectDeserialization().orderByTime().asc().orderPartiallyByOccurrence().asc().list()) {
      reasons.computeIfAbsent(detail.getProcessInstanceId(), id -> new ArrayList<>())
          .add(VariableChange.of((HistoricVariableUpdate) detail).value());
    }
    return reasons;
  }
}
