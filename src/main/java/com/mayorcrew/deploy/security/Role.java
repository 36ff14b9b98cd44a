package com.mayorcrew.deploy.security;

import java.util.Arrays;
import java.util.Optional;
import org.camunda.bpm.engine.authorization.Groups;

/** The role groups this application manages. Their ids are what BPMN candidate groups and filters refer to. */
public enum Role {
  MAYOR("mayor", "Mayor", Groups.GROUP_TYPE_WORKFLOW),
  CREW("crew", "Crew", Groups.GROUP_TYPE_WORKFLOW),
  HUMANS("humans", "Humans (second-tier approvals)", Groups.GROUP_TYPE_WORKFLOW),
  AUDITORS("auditors", "Auditors (read-only)", Groups.GROUP_TYPE_WORKFLOW),
  ADMIN(Groups.CAMUNDA_ADMIN, "Camunda administrators", Groups.GROUP_TYPE_SYSTEM);

  private final String groupId;
  private final String displayName;
  private final String type;

  Role(String groupId, String displayName, String type) {
    this.groupId = groupId;
    this.displayName = displayName;
    this.type = type;
  }

  public String groupId() {
    return groupId;
  }

  public String displayName() {
    return displayName;
  }

  public String type() {
    return type;
  }

  public static Optional<Role> byGroupId(String groupId) {
    return Arrays.stream(values()).filter(role -> role.groupId.equals(groupId)).findFirst();
  }
}
