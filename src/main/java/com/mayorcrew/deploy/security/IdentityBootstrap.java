package com.mayorcrew.deploy.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.IdentityProviderException;
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
    IdentityService identityService = engine.getIdentityService();
    if (identityService.isReadOnly()) {
      reportDirectoryRoles(identityService);
    } else {
      new AccountProvisioner(identityService, properties).provision();
    }
    GrantWriter grantWriter = new GrantWriter(engine.getAuthorizationService());
    long changed = RoleGrants.all().stream().filter(grantWriter::ensure).count();
    new TasklistFilters(engine.getFilterService(), engine.getTaskService(), grantWriter)
        .provision(properties.adminUser());
    LOG.info("Access bootstrap done: {} users configured, {} role authorizations created or extended",
        identityService.isReadOnly() ? 0 : properties.users().size(), changed);
  }

  /**
   * Users and groups come from a read-only provider (the directory): nothing to provision. A role that no group
   * plays is almost always a misconfigured {@code mcd.identity.ldap.role-groups}, so it is named at start.
   */
  private void reportDirectoryRoles(IdentityService identityService) {
    if (!properties.users().isEmpty()) {
      LOG.warn("mcd.access.users ignored: users and groups come from the directory (mcd.identity.ldap)");
    }
    try {
      for (Role role : Role.values()) {
        if (identityService.createGroupQuery().groupId(role.groupId()).count() == 0) {
          LOG.warn("No directory group plays role '{}': see mcd.identity.ldap.role-groups", role.groupId());
        } else {
          LOG.info("Role '{}': {} directory users", role.groupId(),
              identityService.createUserQuery().memberOfGroup(role.groupId()).count());
        }
      }
    } catch (IdentityProviderException e) {
      // A node must start (and run its deploys' jobs) while the directory is away; only logins wait for it.
      LOG.warn("The directory cannot be queried at start ({}); logins fail until it can", e.getMessage());
    }
  }
}
