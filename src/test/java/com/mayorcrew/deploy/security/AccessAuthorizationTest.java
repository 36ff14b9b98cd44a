package com.mayorcrew.deploy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;
import static org.camunda.bpm.engine.authorization.Resources.HISTORIC_PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.HISTORIC_TASK;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.TASK;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What each role may do, asked of the engine's authorization service for the bootstrapped test users. */
@AccessTestContext
class AccessAuthorizationTest {

  private static final String DEPLOY = RoleGrants.PROCESS_KEY;

  @Autowired
  ProcessEngine engine;

  @Test
  void onlyTheMayorStartsDeploys() {
    assertThat(can("mayor", ProcessDefinitionPermissions.CREATE_INSTANCE, PROCESS_DEFINITION, DEPLOY)).isTrue();
    assertThat(can("mayor", ProcessInstancePermissions.CREATE, PROCESS_INSTANCE, "any-id")).isTrue();
    assertThat(can("auditor", ProcessDefinitionPermissions.CREATE_INSTANCE, PROCESS_DEFINITION, DEPLOY)).isFalse();
    assertThat(can("ptilopsis", ProcessDefinitionPermissions.CREATE_INSTANCE, PROCESS_DEFINITION, DEPLOY)).isFalse();
    assertThat(can("human", ProcessDefinitionPermissions.CREATE_INSTANCE, PROCESS_DEFINITION, DEPLOY)).isFalse();
  }

  @Test
  void mayorReadsAndStartsDeploysButDoesNotSteerThem() {
    for (Permission permission : List.of(ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.CREATE_INSTANCE)) {
      assertThat(can("mayor", permission, PROCESS_DEFINITION, DEPLOY)).as(permission.getName()).isTrue();
    }
    assertThat(can("mayor", ProcessDefinitionPermissions.UPDATE_INSTANCE, PROCESS_DEFINITION, DEPLOY)).isFalse();
    assertThat(can("mayor", ProcessInstancePermissions.UPDATE, PROCESS_INSTANCE, "any-id")).isFalse();
    assertThat(can("mayor", TaskPermissions.READ, TASK, "any-id")).isTrue();
    assertThat(can("mayor", HistoricTaskPermissions.READ, HISTORIC_TASK, "any-id")).isTrue();
    assertThat(can("mayor", HistoricProcessInstancePermissions.READ, HISTORIC_PROCESS_INSTANCE, "any-id")).isTrue();
    assertThat(can("mayor", Permissions.READ, DEPLOYMENT, "any-id")).isTrue();
    assertThat(can("mayor", ProcessDefinitionPermissions.READ, PROCESS_DEFINITION, "other-process")).isFalse();
    assertThat(can("mayor", ProcessDefinitionPermissions.DELETE_INSTANCE, PROCESS_DEFINITION, DEPLOY)).isFalse();
  }

  @Test
  void crewAndHumansReadDeploysOnly() {
    for (String user : List.of("ptilopsis", "human")) {
      assertThat(can(user, ProcessDefinitionPermissions.READ_INSTANCE, PROCESS_DEFINITION, DEPLOY)).isTrue();
      assertThat(can(user, ProcessDefinitionPermissions.READ_HISTORY, PROCESS_DEFINITION, DEPLOY)).isTrue();
      assertThat(can(user, ProcessDefinitionPermissions.UPDATE_INSTANCE, PROCESS_DEFINITION, DEPLOY)).isFalse();
      assertThat(can(user, TaskPermissions.READ, TASK, "any-id")).as("tasks come per candidate group").isFalse();
    }
  }

  @Test
  void auditorsReadEverythingAndChangeNothing() {
    assertThat(can("auditor", ProcessDefinitionPermissions.READ, PROCESS_DEFINITION, "other-process")).isTrue();
    assertThat(can("auditor", ProcessDefinitionPermissions.READ_HISTORY, PROCESS_DEFINITION, DEPLOY)).isTrue();
    assertThat(can("auditor", ProcessInstancePermissions.READ, PROCESS_INSTANCE, "any-id")).isTrue();
    assertThat(can("auditor", HistoricProcessInstancePermissions.READ, HISTORIC_PROCESS_INSTANCE, "any-id")).isTrue();
    assertThat(can("auditor", Permissions.READ, DEPLOYMENT, "any-id")).isTrue();
    for (Permission permission : List.of(ProcessDefinitionPermissions.UPDATE, ProcessDefinitionPermissions.DELETE,
        ProcessDefinitionPermissions.UPDATE_INSTANCE, ProcessDefinitionPermissions.DELETE_INSTANCE,
        ProcessDefinitionPermissions.DELETE_HISTORY)) {
      assertThat(can("auditor", permission, PROCESS_DEFINITION, DEPLOY)).as(permission.getName()).isFalse();
    }
    assertThat(can("auditor", ProcessInstancePermissions.UPDATE, PROCESS_INSTANCE, "any-id")).isFalse();
    assertThat(can("auditor", ProcessInstancePermissions.DELETE, PROCESS_INSTANCE, "any-id")).isFalse();
    assertThat(can("auditor", TaskPermissions.UPDATE, TASK, "any-id")).isFalse();
    assertThat(can("auditor", Permissions.CREATE, DEPLOYMENT, "any-id")).isFalse();
    assertThat(can("auditor", Permissions.DELETE, DEPLOYMENT, "any-id")).isFalse();
  }

  @Test
  void webappsPerRole() {
    assertThat(apps("mayor")).containsExactly("tasklist", "cockpit");
    assertThat(apps("ptilopsis")).containsExactly("tasklist");
    assertThat(apps("human")).containsExactly("tasklist", "cockpit");
    assertThat(apps("auditor")).containsExactly("tasklist", "cockpit");
    assertThat(apps("admin")).containsExactly("tasklist", "cockpit", "admin");
  }

  @Test
  void adminMayDoEverything() {
    for (Resources resource : Resources.values()) {
      assertThat(can("admin", Permissions.ALL, resource, "any-id")).as(resource.resourceName()).isTrue();
    }
  }

  @Test
  void eachGroupReadsItsFilters() {
    assertThat(readableFilters("mayor")).containsExactlyInAnyOrder("Mayor: escalations", "All deploy tasks");
    assertThat(readableFilters("ptilopsis")).containsExactly("Crew: my deploy tasks");
    assertThat(readableFilters("human")).containsExactly("Humans: approvals");
    assertThat(readableFilters("auditor")).containsExactly("All deploy tasks");
    assertThat(readableFilters("admin")).hasSize(4);
  }

  private List<String> apps(String userId) {
    return List.of("tasklist", "cockpit", "admin").stream()
        .filter(app -> can(userId, Permissions.ACCESS, APPLICATION, app))
        .toList();
  }

  private List<String> readableFilters(String userId) {
    return engine.getFilterService().createFilterQuery().list().stream()
        .filter(filter -> can(userId, Permissions.READ, FILTER, filter.getId()))
        .map(filter -> filter.getName())
        .toList();
  }

  private boolean can(String userId, Permission permission, Resource resource, String resourceId) {
    List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId)
        .toList();
    return engine.getAuthorizationService().isUserAuthorized(userId, groups, permission, resource, resourceId);
  }
}
