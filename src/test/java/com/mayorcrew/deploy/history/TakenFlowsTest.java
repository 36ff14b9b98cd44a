package com.mayorcrew.deploy.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;

/** Flows derived from the engine's activity instances, as the engine records them at the health wait. */
class TakenFlowsTest {

  private static final BpmnModelInstance MODEL = Bpmn.readModelFromFile(Path.of("processes/canary-deploy.bpmn").toFile());
  private static final Instant T = Instant.parse("2026-11-28T10:00:00Z");

  private static ActivityEntry ran(String activityId, long startMillis, long endMillis, String outcome) {
    return new ActivityEntry(activityId + "-" + startMillis, activityId, activityId, "", T.plusMillis(startMillis),
        T.plusMillis(endMillis), endMillis - startMillis, outcome, null);
  }

  @Test
  void theEventThatEndedTheWaitWasEnteredFromTheEventBasedGatewayWhoseInstanceTheEngineCanceled() {
    List<ActivityEntry> activities = List.of(
        ran("Task_ProbeHealth", 0, 40, "completed"),
        ran("Gateway_Healthy", 42, 43, "completed"),
        // the engine records the event-based gateway as canceled when one of its events fires
        ran("Gateway_WaitForHealth", 50, 980, "interrupted"),
        ran("Event_ContainerHealthChanged", 981, 985, "completed"),
        ran("Task_ProbeHealth", 1040, 1060, "completed"));

    assertThat(TakenFlows.of(MODEL, activities)).containsEntry("Flow_NotYetHealthy", 1)
        .containsEntry("Flow_AwaitHealthEvent", 1).doesNotContainKey("Flow_AwaitProbeTimer");
  }

  @Test
  void anInterruptedTaskLeavesAlongNoFlow() {
    List<ActivityEntry> activities = List.of(
        ran("Task_ProbeHealth", 0, 40, "interrupted"),
        ran("Gateway_Healthy", 42, 43, "completed"));

    assertThat(TakenFlows.of(MODEL, activities)).doesNotContainKey("Flow_Probed");
  }
}
