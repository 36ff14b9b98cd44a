package com.mayorcrew.deploy.security;

import static com.mayorcrew.deploy.security.Role.ADMIN;
import static com.mayorcrew.deploy.security.Role.AUDITORS;
import static com.mayorcrew.deploy.security.Role.CREW;
import static com.mayorcrew.deploy.security.Role.HUMANS;
import static com.mayorcrew.deploy.security.Role.MAYOR;
import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.HISTORIC_PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.HISTORIC_TASK;
import static org.camunda.bpm.engine.authorization.Resources.OPERATION_LOG_CATEGORY;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.TASK;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;

/**
 * What each role may do, as the engine's authorizations (the table in the README mirrors this class).
 *
 * <p>Task permissions of candidate groups are not listed: the engine grants a group READ and UPDATE on each task
 * it is a candidate for. The HISTORIC_* grants are evaluated because {@link AccessEnginePlugin} turns on the
 * engine's historic instance permissions.
 */
final class RoleGrants {

  /** The key of the deploy process. */
  public static final String PROCESS_KEY = "canary-deploy";
  /** The key of the small process that sends "roll back now" from Tasklist. */
  public static final String ROLLBACK_REQUEST_KEY = "request-rollback";

  private static final String TASKLIST = "tasklist";
  private static final String COCKPIT = "cockpit";

  private RoleGrants() {}

  public static List<Grant> all() {
    List<Grant> grants = new ArrayList<>();
    grants.addAll(mayor());
    grants.addAll(crew());
    grants.addAll(humans());
    grants.addAll(auditors());
    grants.addAll(admin());
    return List.copyOf(grants);
  }

  /**
   * Start, decide, read. No UPDATE on instances: "roll back now" is the application's endpoint and process, which
   * check the caller is a mayor; modification, variable edits, suspension and migration are the administrator's.
   */
  private static List<Grant> mayor() {
    return List.of(
        Grant.of(MAYOR, APPLICATION, TASKLIST, Permissions.ACCESS),
        Grant.of(MAYOR, APPLICATION, COCKPIT, Permissions.ACCESS),
        Grant.of(MAYOR, PROCESS_DEFINITION, PROCESS_KEY,
            ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE,
            ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY),
        Grant.of(MAYOR, PROCESS_DEFINITION, ROLLBACK_REQUEST_KEY,
            ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE,
            ProcessDefinitionPermissions.READ_HISTORY),
        Grant.of(MAYOR, PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE, ProcessInstancePermissions.READ),
        Grant.of(MAYOR, TASK, ANY, TaskPermissions.READ),
        Grant.of(MAYOR, HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ),
        Grant.of(MAYOR, HISTORIC_TASK, ANY, HistoricTaskPermissions.READ),
        Grant.of(MAYOR, DEPLOYMENT, ANY, Permissions.READ));
  }

  private static List<Grant> crew() {
    return List.of(
        Grant.of(CREW, APPLICATION, TASKLIST, Permissions.ACCESS),
        Grant.of(CREW, PROCESS_DEFINITION, PROCESS_KEY,
            ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
            ProcessDefinitionPermissions.READ_HISTORY));
  }

  private static List<Grant> humans() {
    return List.of(
        Grant.of(HUMANS, APPLICATION, TASKLIST, Permissions.ACCESS),
        Grant.of(HUMANS, APPLICATION, COCKPIT, Permissions.ACCESS),
        Grant.of(HUMANS, PROCESS_DEFINITION, PROCESS_KEY,
            ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
            ProcessDefinitionPermissions.READ_HISTORY));
  }

  /** Read-only everywhere; the operation log grant lets them see who changed users and authorizations. */
  private static List<Grant> auditors() {
    return List.of(
        Grant.of(AUDITORS, APPLICATION, COCKPIT, Permissions.ACCESS),
        Grant.of(AUDITORS, APPLICATION, TASKLIST, Permissions.ACCESS),
        Grant.of(AUDITORS, PROCESS_DEFINITION, ANY,
            ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
            ProcessDefinitionPermissions.READ_HISTORY),
        Grant.of(AUDITORS, PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ),
        Grant.of(AUDITORS, TASK, ANY, TaskPermissions.READ),
        Grant.of(AUDITORS, HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ),
        Grant.of(AUDITORS, HISTORIC_TASK, ANY, HistoricTaskPermissions.READ),
        Grant.of(AUDITORS, DEPLOYMENT, ANY, Permissions.READ),
        Grant.of(AUDITORS, OPERATION_LOG_CATEGORY, ANY, UserOperationLogCategoryPermissions.READ));
  }

  /** What the engine's own admin-user bootstrap grants: everything, so the configured admin can administer. */
  private static List<Grant> admin() {
    return Arrays.stream(Resources.values())
        .map(resource -> Grant.of(ADMIN, resource, ANY, Permissions.ALL))
        .toList();
  }
}
