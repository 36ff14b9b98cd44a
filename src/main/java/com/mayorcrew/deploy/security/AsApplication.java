package com.mayorcrew.deploy.security;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Runs engine calls as the application rather than as the person whose request triggered them. People hold only
 * the permissions their forms need; what follows from their decision (retrying the failed job they chose to retry,
 * waking the next deploy for a host, delivering "roll back now" after the application checked the caller is a
 * mayor, looking up who started a deploy) is the application's own step and must not need more. The person's
 * authentication is set aside for the duration, inside a command (a command of its own when none runs, which the
 * {@link EngineApiGuard} does not inspect: it is not a person's command).
 */
@Component
public class AsApplication {

  private final ProcessEngineConfigurationImpl engine;

  public AsApplication(ProcessEngineConfigurationImpl engine) {
    this.engine = engine;
  }

  public <T> T call(Supplier<T> work) {
    if (Context.getCommandContext() == null) {
      return engine.getCommandExecutorTxRequired().execute(context -> call(work));
    }
    // Suspending the command's checks is not enough: identity queries still filter by the current user.
    IdentityService identity = engine.getIdentityService();
    Authentication person = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return Context.getCommandContext().runWithoutAuthorization(work::get);
    } finally {
      if (person != null) {
        identity.setAuthentication(person);
      }
    }
  }

  public void run(Runnable work) {
    call(() -> {
      work.run();
      return null;
    });
  }
}
