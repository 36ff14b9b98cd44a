package com.mayorcrew.deploy.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.mayorcrew.deploy.history.DeployPhases.Phase;
import java.io.File;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;

class DeployPhasesTest {

  private final BpmnModelInstance model = Bpmn.readModelFromFile(new File("processes/canary-deploy.bpmn"));

  @Test
  void eachPartOfTheModelIsItsPhase() {
    assertThat(DeployPhases.phaseOf(model, "Task_ValidateRequest")).isEqualTo(Phase.REQUEST);
    assertThat(DeployPhases.phaseOf(model, "Timer_HostRecheck")).isEqualTo(Phase.HOST);
    assertThat(DeployPhases.phaseOf(model, "Task_CheckRunner")).isEqualTo(Phase.PRECHECKS);
    assertThat(DeployPhases.phaseOf(model, "Event_GitHubPrechecksSkipped")).isEqualTo(Phase.PRECHECKS);
    assertThat(DeployPhases.phaseOf(model, "Task_ReplaceContainer")).isEqualTo(Phase.EXECUTION);
    assertThat(DeployPhases.phaseOf(model, "Task_ObserveWorkflowRun")).isEqualTo(Phase.EXECUTION);
    assertThat(DeployPhases.phaseOf(model, "Timer_NextProbe")).isEqualTo(Phase.HEALTH);
    assertThat(DeployPhases.phaseOf(model, "Task_SmokeTest")).isEqualTo(Phase.CREW);
    assertThat(DeployPhases.phaseOf(model, "Task_ProbeRolledBackContainer")).isEqualTo(Phase.ROLLBACK);
    assertThat(DeployPhases.phaseOf(model, "Task_HumanDecision")).isEqualTo(Phase.ESCALATION);
    assertThat(DeployPhases.phaseOf(model, "Task_ResolveTechnicalFault")).isEqualTo(Phase.ESCALATION);
  }

  @Test
  void theBarAddsUpStepsAndWaitsPerPhaseInTheirOrder() {
    Instant t = Instant.parse("2026-11-28T08:00:00Z");
    List<ActivityEntry> ran = List.of(
        new ActivityEntry("1", "Task_ValidateRequest", "Validate", "serviceTask", t, t, 5L, "completed", null),
        new ActivityEntry("2", "Gateway_Production", "Production?", "exclusiveGateway", t, t, 1L, "completed", null),
        new ActivityEntry("3", "Task_ProbeHealth", "Probe", "serviceTask", t, t, 20L, "completed", null),
        new ActivityEntry("4", "Timer_NextProbe", "Wait", "intermediateTimer", t, t, 1000L, "completed", null),
        new ActivityEntry("5", "Task_CheckDockerDaemon", "Check", "serviceTask", t, t, 30L, "completed", null),
        new ActivityEntry("6", "SubProcess_Deploy", "Deploy", "subProcess", t, t, 9999L, "completed", null),
        new ActivityEntry("7", "Task_SmokeTest", "Smoke", "userTask", t, t, 60000L, "completed", "ptilopsis"));

    assertThat(DeployPhases.of(model, ran)).containsExactly(
        java.util.Map.entry("request and approval", 5L), java.util.Map.entry("prechecks", 30L),
        java.util.Map.entry("health verification", 1020L), java.util.Map.entry("crew and report", 60000L));
  }
}
