package com.mayorcrew.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.junit.jupiter.api.Test;

/**
 * "Resume at?" is how a retry decided by the mayor or the humans re-enters the deploy at the step that escalated:
 * one visible branch per step, chosen by the step id the escalation recorded. The branches name their step in
 * their condition, so they must stay in step with the model when steps are added or renamed.
 */
class ResumeAtGatewayTest {

  private final BpmnModelInstance model = Bpmn.readModelFromFile(new File("processes/canary-deploy.bpmn"));

  @Test
  void everyBranchResumesAtTheStepItsConditionNames() {
    ExclusiveGateway resumeAt = model.getModelElementById("Gateway_ResumeAt");
    List<SequenceFlow> branches = resumeAt.getOutgoing().stream()
        .filter(flow -> flow.getConditionExpression() != null).toList();

    assertThat(branches).isNotEmpty().allSatisfy(flow -> {
      assertThat(flow.getConditionExpression().getTextContent().strip())
          .isEqualTo("${resumeAt == '" + flow.getTarget().getId() + "'}");
      assertThat(flow.getId()).isEqualTo("Flow_ResumeAt" + flow.getTarget().getId().replaceFirst("^Task_", ""));
    });
    assertThat(resumeAt.getDefault().getId()).isEqualTo("Flow_ResumeFromStart");
  }
}
