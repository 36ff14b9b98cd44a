package com.mayorcrew.deploy.security;

import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@link RequesterRuleExceptionMapper} with the engine's REST API (/engine-rest). */
@Configuration(proxyBeanMethods = false)
class RequesterRuleRestConfiguration {

  @Bean
  ResourceConfigCustomizer requesterRuleExceptionMapping() {
    return config -> config.register(RequesterRuleExceptionMapper.class);
  }
}
