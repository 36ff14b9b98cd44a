package com.mayorcrew.deploy.security;

import java.util.List;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;

/** One GRANT authorization: a group may do {@code permissions} on {@code resourceId} of {@code resource}. */
record Grant(String groupId, Resource resource, String resourceId, List<Permission> permissions) {

  public Grant {
    permissions = List.copyOf(permissions);
  }

  public static Grant of(Role role, Resource resource, String resourceId, Permission... permissions) {
    return new Grant(role.groupId(), resource, resourceId, List.of(permissions));
  }
}
