package com.mayorcrew.deploy.security;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared Tasklist filters, owned by the administrator and readable by the groups that work with them.
 * A filter is created only when none of that name exists, so edits made in Tasklist survive restarts; the groups'
 * READ grants are restored on every start.
 */
class TasklistFilters {

  private static final Logger LOG = LoggerFactory.getLogger(TasklistFilters.class);

  /**
   * A filter definition.
   *
   * @param query builds the filter's task query from an empty one
   * @param readers groups granted READ on the filter (the owner and camunda-admin can read it anyway)
   */
  record Definition(String name, String description, int priority, Function<TaskQuery, TaskQuery> query,
      List<Role> readers) {}

  /** Claimed tasks stay in a group's filter ({@code includeAssignedTasks}) so the team still sees who works on what. */
  static final List<Definition> DEFINITIONS = List.of(
      new Definition("Mayor: escalations", "Deploys waiting for the mayor's decision", -10,
          q -> q.taskCandidateGroup(Role.MAYOR.groupId()).includeAssignedTasks(), List.of(Role.MAYOR)),
      new Definition("Crew: my deploy tasks", "Smoke tests and status updates for the crew", 0,
          q -> q.taskCandidateGroup(Role.CREW.groupId()).includeAssignedTasks(), List.of(Role.CREW)),
      new Definition("Humans: approvals", "Second-tier approvals", 0,
          q -> q.taskCandidateGroup(Role.HUMANS.groupId()).includeAssignedTasks(), List.of(Role.HUMANS)),
      new Definition("All deploy tasks", "Every open task of a canary deploy", 10,
          q -> q.processDefinitionKey(RoleGrants.PROCESS_KEY), List.of(Role.MAYOR, Role.AUDITORS)));

  private final FilterService filterService;
  private final TaskService taskService;
  private final GrantWriter grantWriter;

  TasklistFilters(FilterService filterService, TaskService taskService, GrantWriter grantWriter) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.grantWriter = grantWriter;
  }

  void provision(String ownerId) {
    for (Definition definition : DEFINITIONS) {
      Filter filter = filterService.createFilterQuery().filterName(definition.name()).singleResult();
      if (filter == null) {
        filter = create(definition, ownerId);
      }
      for (Role reader : definition.readers()) {
        grantWriter.ensure(Grant.of(reader, Resources.FILTER, filter.getId(), Permissions.READ));
      }
    }
  }

  private Filter create(Definition definition, String ownerId) {
    Filter filter = filterService.newTaskFilter(definition.name())
        .setOwner(ownerId)
        .setQuery(definition.query().apply(taskService.createTaskQuery()))
        .setProperties(Map.of("description", definition.description(), "priority", definition.priority()));
    filterService.saveFilter(filter);
    LOG.info("Created Tasklist filter '{}'", definition.name());
    return filter;
  }
}
