package com.mayorcrew.deploy.security;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

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
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    bootstrap.run(processEngine);
  }
}
