package com.mayorcrew.deploy.history;

import java.util.List;
import java.util.Map;

/**
 * What the deploy page's diagram shows: the BPMN XML of the model version that ran, and the path taken on it.
 *
 * @param activityCounts how many times each activity (including fired boundary events) ran, by activity id
 * @param waitingAt activities with an instance that has not ended (where a running deploy waits)
 * @param interruptedAt activities whose last instance was cancelled or left by an error
 * @param flowCounts how many times each sequence flow was taken, by flow id (derived, see {@link TakenFlows})
 * @param rows every activity instance, for the rows shown when an activity is clicked
 */
record DeployDiagram(
    String bpmnXml,
    Map<String, Integer> activityCounts,
    List<String> waitingAt,
    List<String> interruptedAt,
    Map<String, Integer> flowCounts,
    List<ActivityEntry> rows,
    Map<String, Long> phaseMillis) {
}
