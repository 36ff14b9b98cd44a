package com.mayorcrew.deploy.rollback;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Record smoke test failure": the crew's failed checklist is the reason the deploy rolls back. */
@Component
public class RecordSmokeTestFailureDelegate implements JavaDelegate {

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
    execution.setVariable(ROLLBACK_REASON, "smoke test failed: " + failed
        + (notes == null || notes.toString().isBlank() ? "" : " (crew notes: " + notes + ")"));
  }
}
