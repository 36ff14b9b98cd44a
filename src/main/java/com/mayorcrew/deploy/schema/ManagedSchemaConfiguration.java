package com.mayorcrew.deploy.schema;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires {@link EngineSchemaAdoption}; it acts only when Liquibase runs (profile {@code managed-schema}). */
@Configuration(proxyBeanMethods = false)
class ManagedSchemaConfiguration {

  @Bean
  static BeanPostProcessor engineSchemaAdoption() {
    return new EngineSchemaAdoption();
  }
}
