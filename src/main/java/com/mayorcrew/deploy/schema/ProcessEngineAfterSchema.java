package com.mayorcrew.deploy.schema;

import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * Makes the process engine wait for the database initializers (Liquibase, {@code schema.sql}): the engine checks
 * its schema and queries its tables while it is built, so they must exist by then. Registered in
 * META-INF/spring.factories, as Spring Boot finds these detectors.
 */
public class ProcessEngineAfterSchema extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

  @Override
  protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
    return Set.of(ProcessEngine.class);
  }
}
