package com.mayorcrew.deploy;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Points Camunda's static engine registry at the engine of the running test's own application context. The REST API
 * ({@code SpringBootProcessEngineProvider}) and the webapps look the engine up there by name, and every test context
 * registers its engine as "default": the context started last wins. A test of one context that runs after another
 * context has started would otherwise send its REST calls to that other engine (users unknown there: 401).
 * Registered for every test in {@code META-INF/spring.factories}.
 */
public class TestContextsEngine extends AbstractTestExecutionListener {

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE; // after dependency injection has loaded the context
  }

  @Override
  public void prepareTestInstance(TestContext testContext) {
    register(testContext);
  }

  @Override
  public void beforeTestMethod(TestContext testContext) {
    register(testContext);
  }

  private static void register(TestContext testContext) {
    if (testContext.hasApplicationContext()) {
      testContext.getApplicationContext().getBeanProvider(ProcessEngine.class)
          .ifAvailable(ProcessEngines::registerProcessEngine);
    }
  }
}
