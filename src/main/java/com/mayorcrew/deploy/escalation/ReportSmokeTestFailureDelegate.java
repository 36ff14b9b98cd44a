package com.mayorcrew.deploy.escalation;

import static com.mayorcrew.deploy.process.DeployVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Report smoke test failure": turns the crew's failed checklist into the mayor's escalation. */
@Component
public class ReportSmokeTestFailureDelegate implements JavaDelegate {

  static final String SMOKE_TEST_STEP = "Task_SmokeTest";

  @Override
  public void execute(DelegateExecution execution) {
    StringBuilder failed = new StringBuilder();
    if (!Boolean.TRUE.equals(execution.getVariable(WEB_UI_LOADS))) {
      failed.append("web UI does not load");
    }
    if (!Boolean.TRUE.equals(execution.getVariable(DASHBOARD_LOADS))) {
      failed.append(failed.isEmpty() ? "" : ", ").append("dashboard does not load");
    }
    Object notes = execution.getVariable(SMOKE_TEST_NOTES);
    Escalations.record(execution, EscalationReason.SMOKE_TEST_FAILED, SMOKE_TEST_STEP, "Run smoke test",
        "Smoke test failed: " + failed, notes == null ? "" : "Crew notes: " + notes);
  }
}
