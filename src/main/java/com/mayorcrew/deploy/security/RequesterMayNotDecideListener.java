package com.mayorcrew.deploy.security;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Task listener (event {@code complete}) for escalation and approval tasks: the authenticated user who requested
 * the deploy may not complete those named by {@code mcd.access.four-eyes}. Who requested it is what the engine recorded when the instance started (its
 * start user), never a variable. Completions without an authenticated user (the engine's own calls, tests driving
 * the Java API) are not a person's decision and pass.
 */
@Component("requesterMayNotDecideListener")
class RequesterMayNotDecideListener implements TaskListener {

  private final HistoryService historyService;
  private final AsApplication asApplication;
  private final AccessProperties access;

  public RequesterMayNotDecideListener(HistoryService historyService, AsApplication asApplication,
      AccessProperties access) {
    this.historyService = historyService;
    this.asApplication = asApplication;
    this.access = access;
  }

  @Override
  public void notify(DelegateTask task) {
    if (!access.fourEyes().contains(task.getTaskDefinitionKey())) {
      return;
    }
    var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      return;
    }
    HistoricProcessInstance instance = asApplication.call(() -> historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(task.getProcessInstanceId()).singleResult());
    if (instance != null && authentication.getUserId().equals(instance.getStartUserId())) {
      throw new RequesterMayNotDecideException(authentication.getUserId(), task.getName(),
          task.getExecution().getProcessBusinessKey());
    }
  }
}
