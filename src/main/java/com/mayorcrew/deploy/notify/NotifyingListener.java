package com.mayorcrew.deploy.notify;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * A listener that announces one kind of event; usable as an execution listener (e.g. {@code end} of the process,
 * {@code start}/{@code end} of a rollback, {@code end} of a timer event) and as a task listener (e.g. {@code create}
 * of an escalation task). It only records the delivery (a process instance with an async task) in the step's transaction; the HTTP call
 * happens later in that job, so a broken receiver never fails the step it is attached to.
 */
class NotifyingListener implements ExecutionListener, TaskListener {

  private final DeployEvent event;
  private final DeployNotifier notifier;

  NotifyingListener(DeployEvent event, DeployNotifier notifier) {
    this.event = event;
    this.notifier = notifier;
  }

  @Override
  public void notify(DelegateExecution execution) {
    notifier.notify(event, execution);
  }

  @Override
  public void notify(DelegateTask task) {
    notifier.notify(event, task);
  }
}
