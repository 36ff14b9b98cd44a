package com.mayorcrew.deploy.observability;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Adds {@link DeployHistoryMetrics} to the engine's history event handlers, next to the database handler (which
 * stays on: the history pages read it), and gives the engine {@link JobExecutorMetricsRegistry} as its metrics
 * registry, so the job executor's counts reach Micrometer too.
 */
@Configuration(proxyBeanMethods = false)
class DeployMetricsConfiguration {

  /** The registry is looked up when the engine starts, not when the plugin is created (engine plugins come early). */
  @Bean
  ProcessEnginePlugin deployMetricsPlugin(ObjectProvider<MeterRegistry> registry) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null
            ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
        handlers.add(new DeployHistoryMetrics(new DeployMeters(registry.getObject())));
        configuration.setCustomHistoryEventHandlers(handlers);
      }
    };
  }

  @Bean
  ProcessEnginePlugin jobExecutorMetricsPlugin(ObjectProvider<MeterRegistry> registry) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setMetricsRegistry(new JobExecutorMetricsRegistry(registry.getObject()));
      }
    };
  }
}
