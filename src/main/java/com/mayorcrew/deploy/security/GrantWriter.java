package com.mayorcrew.deploy.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;

/**
 * Makes sure a {@link Grant} holds: creates the group's GRANT authorization on the resource when it is missing and
 * adds missing permissions to an existing one. Permissions an administrator added are kept.
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
    if (authorization == null) {
      authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      authorization.setGroupId(grant.groupId());
      authorization.setResource(grant.resource());
      authorization.setResourceId(grant.resourceId());
    } else if (grant.permissions().stream().allMatch(authorization::isPermissionGranted)) {
      return false;
    }
    for (Permission permission : grant.permissions()) {
      authorization.addPermission(permission);
    }
    authorizationService.saveAuthorization(authorization);
    return true;
  }
}
