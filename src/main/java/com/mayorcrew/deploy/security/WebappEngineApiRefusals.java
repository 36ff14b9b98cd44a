package com.mayorcrew.deploy.security;

import jakarta.servlet.ServletRegistration;
import org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration;
import org.glassfish.jersey.server.ServerProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;

/**
 * Tasklist starts deploys and completes tasks through the webapps' own copy of the engine REST API (servlet
 * "Engine Api", a separate JAX-RS application), so {@link EngineRestRefusals} is added there too: a mayor sees a
 * refused request as 400 with the violated rules and the requester rule as 403, as REST clients do, not as 500.
 * An auto-configuration ordered after Camunda's webapp one, because its initializer must already have registered
 * the servlet; initializers without an order run in the order their beans were defined.
 */
@AutoConfiguration(after = CamundaBpmWebappAutoConfiguration.class)
public class WebappEngineApiRefusals {

  static final String WEBAPP_ENGINE_API = "Engine Api";

  @Bean
  ServletContextInitializer webappEngineApiRefusalsInitializer() {
    return context -> {
      ServletRegistration engineApi = context.getServletRegistration(WEBAPP_ENGINE_API);
      if (engineApi == null) {
        throw new IllegalStateException("Camunda's webapp servlet '" + WEBAPP_ENGINE_API
            + "' is not registered yet: Tasklist would answer refusals with 500");
      }
      engineApi.setInitParameter(ServerProperties.PROVIDER_CLASSNAMES, EngineRestRefusals.class.getName());
    };
  }
}
