package com.mayorcrew.deploy.security;

import static com.mayorcrew.deploy.process.DeployVariables.REQUESTER;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (event {@code complete}) for escalation and approval tasks: the authenticated user who requested
 * the deploy may not complete them. Completions without an authenticated user (the engine's own calls, tests
 * driving the Java API) are not a person's decision and pass.
 */
@Component("requesterMayNotDecideListener")
public class RequesterMayNotDecideListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    Object requester = task.getVariable(REQUESTER);
    if (authentication != null && requester != null && requester.equals(authentication.getUserId())) {
      throw new RequesterMayNotDecideException(authentication.getUserId(), task.getName(),
          task.getExecution().getProcessBusinessKey());
    }
  }
}
