package com.mayorcrew.deploy.rollback;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Record smoke test failure": the crew's failed checklist is the reason the deploy rolls back. */
@Component
class RecordSmokeTestFailureDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    StringBuilder failed = new StringBuilder();
    if (!deploy.isTrue(WEB_UI_LOADS)) {
      failed.append("web UI does not load");
    }
    if (!deploy.isTrue(DASHBOARD_LOADS)) {
      failed.append(failed.isEmpty() ? "" : ", ").append("dashboard does not load");
    }
    String notes = deploy.text(SMOKE_TEST_NOTES);
    deploy.set(ROLLBACK_REASON,
        "smoke test failed: " + failed + (notes.isBlank() ? "" : " (crew notes: " + notes + ")"));
  }
}
