package com.mayorcrew.deploy.security;

import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * Runs engine calls as the application rather than as the person whose request triggered them. People hold only
 * the permissions their forms need; what follows from their decision (retrying the failed job they chose to retry,
 * waking the next deploy for a host, delivering "roll back now" after the application checked the caller is a
 * mayor, looking up who started a deploy) is the application's own step and must not need more. Inside a running
 * command only authorization checks are suspended; outside one, the calls run in a command of their own that the
 * {@link EngineApiGuard} does not inspect, because it is not a person's command.
 */
@Component
public class AsApplication {

  private final ProcessEngineConfigurationImpl engine;

  public AsApplication(ProcessEngineConfigurationImpl engine) {
    this.engine = engine;
  }

  public <T> T call(Supplier<T> work) {
    if (Context.getCommandContext() != null) {
      return Context.getCommandContext().runWithoutAuthorization(work::get);
    }
    return engine.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(work::get));
  }

  public void run(Runnable work) {
    call(() -> {
      work.run();
      return null;
    });
  }
}
