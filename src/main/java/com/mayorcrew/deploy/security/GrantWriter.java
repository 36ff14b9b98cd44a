package com.mayorcrew.deploy.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;

/**
 * Makes a {@link Grant} hold exactly: creates the group's GRANT authorization on the resource when it is missing
 * and sets its permissions to the grant's, so a permission a role no longer has (e.g. mayors' UPDATE on instances
 * in earlier releases) is revoked at the next start. Wider rights for a person are given as that user's own
 * authorization in Camunda Admin; group authorizations of the role groups belong to the application.
 */
class GrantWriter {

  private final AuthorizationService authorizationService;

  GrantWriter(AuthorizationService authorizationService) {
    this.authorizationService = authorizationService;
  }

  /** Returns whether an authorization was created or changed. */
  boolean ensure(Grant grant) {
    Authorization authorization = authorizationService.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(grant.groupId())
        .resourceType(grant.resource())
        .resourceId(grant.resourceId())
        .singleResult();
    int before = -1;
    if (authorization == null) {
      authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      authorization.setGroupId(grant.groupId());
      authorization.setResource(grant.resource());
      authorization.setResourceId(grant.resourceId());
    } else {
      before = ((AuthorizationEntity) authorization).getPermissions();
    }
    authorization.setPermissions(grant.permissions().toArray(Permission[]::new));
    if (((AuthorizationEntity) authorization).getPermissions() == before) {
      return false;
    }
    authorizationService.saveAuthorization(authorization);
    return true;
  }
}
