package com.mayorcrew.deploy.security;

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

  @Bean
  ProcessEnginePlugin accessEnginePlugin(IdentityBootstrap bootstrap) {
    return new AccessEnginePlugin(bootstrap);
  }
}
