package com.mayorcrew.deploy.production;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.reporting.DeployRecord;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/**
 * "Check canary record": a production deploy needs a successful canary deploy of the same gastown ref on record.
 * The record is the engine's history, shared by all nodes, not one node's metadata files.
 */
@Component
class CheckCanaryRecordDelegate implements JavaDelegate {

  private final HistoryService historyService;

  public CheckCanaryRecordDelegate(HistoryService historyService) {
    this.historyService = historyService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    String gastownRef = deploy.gastownRef();
    HistoricProcessInstance canary = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY)
        .variableValueEquals(ENVIRONMENT, "canary")
        .variableValueEquals(GASTOWN_REF, gastownRef)
        .variableValueEquals(DEPLOY_RESULT, DeployRecord.SUCCESS)
        .orderByProcessInstanceStartTime().desc()
        .listPage(0, 1).stream().findFirst().orElse(null);
    if (canary == null) {
      deploy.set(CANARY_RECORD, "");
      deploy.set(FAILURE_REASON, "production deploy refused: no successful canary deploy of gastown ref "
          + gastownRef + " is on record");
    } else {
      deploy.set(CANARY_RECORD, canary.getBusinessKey());
    }
  }
}
