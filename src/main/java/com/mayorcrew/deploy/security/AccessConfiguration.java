package com.mayorcrew.deploy.security;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the identity bootstrap into the engine's start. */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

  @Bean
  IdentityBootstrap identityBootstrap(AccessProperties properties) {
    return new IdentityBootstrap(properties);
  }

  /**
   * An engine plugin rather than an application event: it runs right after the engine is built, before the web
   * server accepts requests and regardless of whether a process application is enabled, so REST and webapps never
   * see an engine without users.
   */
  @Bean
  ProcessEnginePlugin identityBootstrapPlugin(IdentityBootstrap bootstrap) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void postProcessEngineBuild(ProcessEngine processEngine) {
        bootstrap.run(processEngine);
      }
    };
  }
}
