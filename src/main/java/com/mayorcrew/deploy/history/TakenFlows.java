package com.mayorcrew.deploy.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.LinkEventDefinition;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;

/**
 * Sequence flows a deploy took. Camunda 7 history has no sequence-flow table, so they are derived from the model
 * and the historic activity instances: each activity instance entered through the incoming way whose source
 * activity ended (not interrupted, see {@link #leftNormally}) most recently at or before it started. Link events leave no activity instance,
 * so a way may pass through a link throw/catch pair: both its flows count as taken. Deriving needs no listener on
 * the model, so it also works for deploys of earlier model versions already in the history.
 */
final class TakenFlows {

  /** The flows from a source activity to the one entered, more than one when passing a link event pair. */
  private record Way(FlowNode source, List<SequenceFlow> flows) {
  }

  private TakenFlows() {
  }

  /** Times each flow was taken, by flow id; flows never taken are absent. */
  static Map<String, Integer> of(BpmnModelInstance model, List<ActivityEntry> activities) {
    Map<String, Integer> counts = new TreeMap<>();
    for (ActivityEntry target : activities) {
      if (model.getModelElementById(target.activityId()) instanceof FlowNode node) {
        Way entered = enteredThrough(ways(model, node), target, activities);
        if (entered != null) {
          entered.flows().forEach(flow -> counts.merge(flow.getId(), 1, Integer::sum));
        }
      }
    }
    return counts;
  }

  private static List<Way> ways(BpmnModelInstance model, FlowNode node) {
    List<Way> ways = new ArrayList<>();
    for (SequenceFlow flow : node.getIncoming()) {
      String link = linkName(flow.getSource());
      if (flow.getSource() instanceof IntermediateCatchEvent && link != null) {
        for (IntermediateThrowEvent thrower : model.getModelElementsByType(IntermediateThrowEvent.class)) {
          if (link.equals(linkName(thrower))) {
            thrower.getIncoming().forEach(into -> ways.add(new Way(into.getSource(), List.of(into, flow))));
          }
        }
      } else {
        ways.add(new Way(flow.getSource(), List.of(flow)));
      }
    }
    return ways;
  }

  private static String linkName(FlowNode node) {
    return node.getChildElementsByType(LinkEventDefinition.class).stream().map(LinkEventDefinition::getName)
        .findFirst().orElse(null);
  }

  /**
   * Whether the source was left along a flow: not interrupted, except an event-based gateway, whose activity
   * instance the engine records as canceled when one of its events fires and the way goes on through that event.
   */
  private static boolean leftNormally(ActivityEntry source, FlowNode node) {
    return !"interrupted".equals(source.outcome()) || node instanceof EventBasedGateway;
  }

  private static Way enteredThrough(List<Way> ways, ActivityEntry target, List<ActivityEntry> activities) {
    Way best = null;
    ActivityEntry bestSource = null;
    for (Way way : ways) {
      for (ActivityEntry source : activities) {
        if (source != target && source.activityId().equals(way.source().getId()) && source.endTime() != null
            && !source.endTime().isAfter(target.startTime()) && leftNormally(source, way.source())
            && (bestSource == null || source.endTime().isAfter(bestSource.endTime()))) {
          best = way;
          bestSource = source;
        }
      }
    }
    return best;
  }
}
