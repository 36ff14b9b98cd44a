package com.mayorcrew.deploy.history;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.stereotype.Component;

/**
 * Reads a deploy's diagram as the authenticated caller: the deploy must be in the caller's history (the timeline
 * reader checks that), then the model of the exact version that ran is read from the repository.
 */
@Component
class DeployDiagramReader {

  private final DeployTimelineReader timelineReader;
  private final HistoryService historyService;
  private final RepositoryService repositoryService;

  public DeployDiagramReader(DeployTimelineReader timelineReader, HistoryService historyService,
      RepositoryService repositoryService) {
    this.timelineReader = timelineReader;
    this.historyService = historyService;
    this.repositoryService = repositoryService;
  }

  /** The deploy's diagram, or null when it does not exist or the caller may not read its history. */
  public DeployDiagram read(String deployId) {
    DeployTimeline timeline = timelineReader.read(deployId);
    if (timeline == null) {
      return null;
    }
    HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(timeline.deploy().processInstanceId()).singleResult();
    String definitionId = instance.getProcessDefinitionId();
    List<ActivityEntry> activities = timeline.activities();
    Map<String, Integer> counts = new LinkedHashMap<>();
    Set<String> waiting = new LinkedHashSet<>();
    Map<String, String> lastOutcome = new LinkedHashMap<>();
    for (ActivityEntry activity : activities) {
      counts.merge(activity.activityId(), 1, Integer::sum);
      if (activity.endTime() == null) {
        waiting.add(activity.activityId());
      }
      lastOutcome.put(activity.activityId(), activity.outcome());
    }
    List<String> interrupted = new ArrayList<>();
    lastOutcome.forEach((id, outcome) -> {
      if ("interrupted".equals(outcome)) {
        interrupted.add(id);
      }
    });
    BpmnModelInstance model = repositoryService.getBpmnModelInstance(definitionId);
    return new DeployDiagram(xml(definitionId), counts, List.copyOf(waiting), interrupted,
        TakenFlows.of(model, activities), activities, DeployPhases.of(model, activities));
  }

  private String xml(String definitionId) {
    try (InputStream model = repositoryService.getProcessModel(definitionId)) {
      return new String(model.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
