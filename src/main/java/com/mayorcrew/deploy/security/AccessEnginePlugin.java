package com.mayorcrew.deploy.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * Hooks access control into the engine's start. An engine plugin rather than an application event: the bootstrap
 * runs right after the engine is built, before the web server accepts requests and whether or not a process
 * application is enabled, so REST and webapps never see an engine without its users.
 */
class AccessEnginePlugin extends AbstractProcessEnginePlugin {

  private final IdentityBootstrap bootstrap;

  AccessEnginePlugin(IdentityBootstrap bootstrap) {
    this.bootstrap = bootstrap;
  }

  /**
   * The HISTORIC_TASK and HISTORIC_PROCESS_INSTANCE grants are only evaluated with this switch on (the engine
   * otherwise rejects checks against them). It only widens access: READ_HISTORY on the process definition still
   * suffices on its own.
   */
  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setEnableHistoricInstancePermissions(true);
    // One guard per chain: an interceptor holds its chain's next link, so an instance cannot sit in two chains.
    configuration.setCustomPreCommandInterceptorsTxRequired(withGuard(
        configuration.getCustomPreCommandInterceptorsTxRequired(), new EngineApiGuard(configuration)));
    configuration.setCustomPreCommandInterceptorsTxRequiresNew(withGuard(
        configuration.getCustomPreCommandInterceptorsTxRequiresNew(), new EngineApiGuard(configuration)));
  }

  /** The guard runs first, before the command gets its context, so it sees who issued it and whether it is nested. */
  private static List<CommandInterceptor> withGuard(List<CommandInterceptor> interceptors, EngineApiGuard guard) {
    List<CommandInterceptor> all = new ArrayList<>();
    all.add(guard);
    if (interceptors != null) {
      all.addAll(interceptors);
    }
    return all;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    bootstrap.run(processEngine);
  }
}
