package com.mayorcrew.deploy.escalation;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.springframework.stereotype.Component;

/** Registers {@link TechnicalFaultIncidentHandler} in place of the engine's default failed-job handler. */
@Component
class TechnicalFaultPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<IncidentHandler> handlers = configuration.getCustomIncidentHandlers() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomIncidentHandlers());
    handlers.add(new TechnicalFaultIncidentHandler());
    configuration.setCustomIncidentHandlers(handlers);
  }
}
