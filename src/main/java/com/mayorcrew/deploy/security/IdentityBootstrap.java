package com.mayorcrew.deploy.security;

import org.camunda.bpm.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the engine's identities, authorizations and Tasklist filters to the configured state. Idempotent: it runs at
 * every start and a second run changes nothing. It runs without an authenticated user, so the engine performs no
 * authorization checks on these writes.
 */
class IdentityBootstrap {

  private static final Logger LOG = LoggerFactory.getLogger(IdentityBootstrap.class);

  private final AccessProperties properties;

  public IdentityBootstrap(AccessProperties properties) {
    this.properties = properties;
  }

  public void run(ProcessEngine engine) {
    new AccountProvisioner(engine.getIdentityService(), properties).provision();
    GrantWriter grantWriter = new GrantWriter(engine.getAuthorizationService());
    long changed = RoleGrants.all().stream().filter(grantWriter::ensure).count();
    new TasklistFilters(engine.getFilterService(), engine.getTaskService(), grantWriter)
        .provision(properties.adminUser());
    LOG.info("Access bootstrap done: {} users configured, {} role authorizations created or extended",
        properties.users().size(), changed);
  }
}
