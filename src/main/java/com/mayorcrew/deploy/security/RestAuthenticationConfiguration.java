package com.mayorcrew.deploy.security;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * HTTP Basic authentication against the engine's identity service for the REST API, the application's own
 * endpoints and the deploy history pages. The Camunda REST starter leaves {@code /engine-rest} open otherwise. The filter also makes the caller
 * the engine's authenticated user for the request, so the authorizations apply to everything the request does.
 * The webapps under {@code /camunda} keep their own session login and CSRF filter; {@code /actuator} has its own
 * (observability.ActuatorAccess), since its health summary answers anonymous probes.
 */
@Configuration(proxyBeanMethods = false)
class RestAuthenticationConfiguration {

  static final String[] PROTECTED_PATHS = {"/engine-rest/*", "/api/*", "/history/*"};

  /** Before authentication: a forged request is refused whatever credentials the browser attached. */
  @Bean
  FilterRegistrationBean<CrossSiteRequestRefusal> crossSiteRequestRefusal(AccessProperties access) {
    var registration = new FilterRegistrationBean<>(new CrossSiteRequestRefusal(access.trustedOrigins().stream()
        .map(CrossSiteRequestRefusal::normalize).collect(java.util.stream.Collectors.toUnmodifiableSet())));
    registration.setName("mcd-cross-site-request-refusal");
    registration.addUrlPatterns(PROTECTED_PATHS);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> restAuthenticationFilter() {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("mcd-rest-authentication");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns(PROTECTED_PATHS);
    return registration;
  }
}
