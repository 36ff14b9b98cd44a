package com.mayorcrew.deploy.security;

import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** In the dev profile: where the webapps and REST API are, and who can log in (passwords are in application-dev.yaml). */
@Component
@Profile("dev")
class DevAccessBanner {

  private static final Logger LOG = LoggerFactory.getLogger(DevAccessBanner.class);

  private final AccessProperties access;
  private final Environment environment;

  DevAccessBanner(AccessProperties access, Environment environment) {
    this.access = access;
    this.environment = environment;
  }

  @EventListener(ApplicationReadyEvent.class)
  void printAccess() {
    String base = "http://localhost:" + environment.getProperty("local.server.port", "8080")
        + environment.getProperty("server.servlet.context-path", "");
    String webapps = base + environment.getProperty("camunda.bpm.webapp.application-path", "/camunda") + "/app/";
    String users = access.users().stream()
        .map(user -> user.id() + " " + user.groups())
        .collect(Collectors.joining(", "));
    LOG.info("Dev profile: Cockpit/Tasklist/Admin at {} , REST at {}/engine-rest ; users: {}, {} [camunda-admin] "
        + "(dev passwords: see application-dev.yaml)", webapps, base, users, access.adminUser());
  }
}
