package com.mayorcrew.deploy.history;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;

/**
 * Sequence flows a deploy took. Camunda 7 history has no sequence-flow table, so they are derived from the model
 * and the historic activity instances: each activity instance entered through the incoming flow whose source
 * activity ended most recently at or before it started. Deriving needs no listener on the model, so it also works
 * for deploys of earlier model versions already in the history.
 */
final class TakenFlows {

  private TakenFlows() {
  }

  /** Times each flow was taken, by flow id; flows never taken are absent. */
  static Map<String, Integer> of(BpmnModelInstance model, List<ActivityEntry> activities) {
    Map<String, Integer> counts = new TreeMap<>();
    for (ActivityEntry target : activities) {
      if (model.getModelElementById(target.activityId()) instanceof FlowNode node) {
        SequenceFlow entered = enteredThrough(node.getIncoming(), target, activities);
        if (entered != null) {
          counts.merge(entered.getId(), 1, Integer::sum);
        }
      }
    }
    return counts;
  }

  private static SequenceFlow enteredThrough(Collection<SequenceFlow> incoming, ActivityEntry target,
      List<ActivityEntry> activities) {
    SequenceFlow best = null;
    ActivityEntry bestSource = null;
    for (SequenceFlow flow : incoming) {
      for (ActivityEntry source : sourcesEndedBefore(flow.getSource().getId(), target, activities)) {
        if (bestSource == null || source.endTime().isAfter(bestSource.endTime())) {
          best = flow;
          bestSource = source;
        }
      }
    }
    return best;
  }

  private static List<ActivityEntry> sourcesEndedBefore(String sourceId, ActivityEntry target,
      List<ActivityEntry> activities) {
    List<ActivityEntry> sources = new ArrayList<>();
    for (ActivityEntry source : activities) {
      if (source != target && source.activityId().equals(sourceId) && source.endTime() != null
          && !source.endTime().isAfter(target.startTime()) && !"interrupted".equals(source.outcome())) {
        sources.add(source);
      }
    }
    return sources;
  }
}
