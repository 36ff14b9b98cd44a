package com.mayorcrew.deploy.notify;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The listener beans the model refers to, e.g.
 * {@code <camunda:taskListener event="create" delegateExpression="${notifyEscalationCreated}"/>}.
 */
@Configuration(proxyBeanMethods = false)
class NotificationListeners {

  @Bean
  NotifyingListener notifyEscalationCreated(DeployNotifier notifier) {
    return new NotifyingListener(DeployEvent.ESCALATION_CREATED, notifier);
  }

  @Bean
  NotifyingListener notifyEscalationForwarded(DeployNotifier notifier) {
    return new NotifyingListener(DeployEvent.ESCALATION_FORWARDED, notifier);
  }

  @Bean
  NotifyingListener notifyDeadlineFired(DeployNotifier notifier) {
    return new NotifyingListener(DeployEvent.DEADLINE_FIRED, notifier);
  }

  @Bean
  NotifyingListener notifyRollbackStarted(DeployNotifier notifier) {
    return new NotifyingListener(DeployEvent.ROLLBACK_STARTED, notifier);
  }

  @Bean
  NotifyingListener notifyRollbackEnded(DeployNotifier notifier) {
    return new NotifyingListener(DeployEvent.ROLLBACK_ENDED, notifier);
  }

  @Bean
  NotifyingListener notifyDeployEnded(DeployNotifier notifier) {
    return new NotifyingListener(DeployEvent.DEPLOY_ENDED, notifier);
  }
}
