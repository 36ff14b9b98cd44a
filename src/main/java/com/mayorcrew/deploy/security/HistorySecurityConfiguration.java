package com.mayorcrew.deploy.security;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Security headers on the history pages and exports; authentication is {@link RestAuthenticationConfiguration}'s. */
@Configuration(proxyBeanMethods = false)
class HistorySecurityConfiguration {

  @Bean
  FilterRegistrationBean<HistorySecurityHeaders> historySecurityHeaders() {
    var registration = new FilterRegistrationBean<>(new HistorySecurityHeaders());
    registration.setName("mcd-history-security-headers");
    registration.addUrlPatterns("/history/*", "/api/history/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
