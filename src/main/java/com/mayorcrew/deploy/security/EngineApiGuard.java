package com.mayorcrew.deploy.security;

import com.mayorcrew.deploy.context.DeployRequestRejectedException;
import com.mayorcrew.deploy.context.FieldViolation;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.SetJobsRetriesByProcessBatchCmd;
import org.camunda.bpm.engine.impl.batch.DeleteBatchCmd;
import org.camunda.bpm.engine.impl.batch.RestartProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.*;
import org.camunda.bpm.engine.impl.cmd.batch.CorrelateAllMessageBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.DeleteHistoricProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.DeleteProcessInstanceBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.removaltime.SetRemovalTimeToHistoricProcessInstancesCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.migration.AbstractMigrationCmd;

/**
 * The engine API's trust boundary: what a person may do to a deploy through {@code /engine-rest}, Tasklist and
 * Cockpit, whatever endpoint they call. It sits in front of every engine command that a person issues (an
 * authenticated caller at the top level; the engine's own work, jobs and nested calls of the application's steps
 * pass untouched):
 * <ul>
 *   <li>completing a task writes exactly the fields of its form ({@link TaskFormContract}), for every role;</li>
 *   <li>no process starts part-way (start instructions, restarts): every deploy passes every gate;</li>
 *   <li>a person claims or unclaims a task only for themselves;</li>
 *   <li>steering commands (variable writes, modification, migration, messages and signals, suspension,
 *   jobs, incidents, task reassignment, BPMN errors thrown from a task, deployments, history deletion) are the
 *   administrator's alone; the engine records them in the user operation log with who did it.</li>
 * </ul>
 * Authorizations ({@link RoleGrants}) say the same in the engine's own terms; this guard does not depend on them
 * being right, and also covers what the engine's permissions cannot express (a form's fields).
 */
class EngineApiGuard extends CommandInterceptor {

  /** Commands that steer instances, tasks or jobs, by class or any subclass. */
  private static final List<Class<?>> STEERING = List.of(
      AbstractSetVariableCmd.class, AbstractRemoveVariableCmd.class, AbstractPatchVariablesCmd.class,
      SetVariablesToProcessInstancesBatchCmd.class,
      AbstractModificationCmd.class, ModifyProcessInstanceCmd.class, ModifyProcessInstanceAsyncCmd.class,
      AbstractProcessInstanceModificationCommand.class, AbstractMigrationCmd.class,
      AbstractCorrelateMessageCmd.class, MessageEventReceivedCmd.class, SignalEventReceivedCmd.class,
      SignalCmd.class, EvaluateStartConditionCmd.class,
      AbstractDeleteProcessInstanceCmd.class, AbstractSetStateCmd.class, AbstractSetBatchStateCmd.class,
      AbstractUpdateProcessInstancesSuspendStateCmd.class,
      ResolveTaskCmd.class, SaveTaskCmd.class, CreateTaskCmd.class, DeleteTaskCmd.class, DelegateTaskCmd.class,
      AbstractSetTaskPropertyCmd.class, DeleteIdentityLinkCmd.class,
      HandleTaskBpmnErrorCmd.class, HandleTaskEscalationCmd.class,
      SetJobRetriesCmd.class, AbstractSetJobsRetriesBatchCmd.class, ExecuteJobsCmd.class, DeleteJobCmd.class,
      SetJobDuedateCmd.class, RecalculateJobDuedateCmd.class, SetJobPriorityCmd.class,
      SetJobDefinitionPriorityCmd.class, UnlockJobCmd.class,
      CreateIncidentCmd.class, ResolveIncidentCmd.class, SetAnnotationForIncidentCmd.class,
      ExternalTaskCmd.class, AbstractSetExternalTaskRetriesCmd.class,
      DeployCmd.class, DeleteDeploymentCmd.class, AbstractDeleteProcessDefinitionCmd.class,
      DeleteHistoricProcessInstancesCmd.class, DeleteHistoricVariableInstanceCmd.class,
      DeleteHistoricVariableInstancesByProcessInstanceIdCmd.class, DeleteHistoricTaskInstanceCmd.class,
      DeleteUserOperationLogEntryCmd.class,
      SetJobsRetriesByProcessBatchCmd.class, DeleteProcessInstanceBatchCmd.class, CorrelateAllMessageBatchCmd.class,
      DeleteHistoricProcessInstancesBatchCmd.class, SetRemovalTimeToHistoricProcessInstancesCmd.class,
      DeleteBatchCmd.class);

  private final ProcessEngineConfigurationImpl engine;
  private final AsApplication asApplication;

  EngineApiGuard(ProcessEngineConfigurationImpl engine) {
    this.engine = engine;
    this.asApplication = new AsApplication(engine);
  }

  @Override
  public <T> T execute(Command<T> command) {
    if (Context.getCommandContext() == null) {
      Authentication caller = engine.getIdentityService().getCurrentAuthentication();
      if (caller != null && caller.getUserId() != null) {
        check(command, caller);
      }
    }
    return next.execute(command);
  }

  private void check(Command<?> command, Authentication caller) {
    boolean admin = caller.getGroupIds() != null && caller.getGroupIds().contains(Groups.CAMUNDA_ADMIN);
    if (command instanceof StartProcessInstanceAtActivitiesCmd) {
      throw new DeployRequestRejectedException("Start", List.of(new FieldViolation("startInstructions",
          "are not accepted: a process starts at its start event, so every request passes every gate")));
    }
    if (command instanceof AbstractRestartProcessInstanceCmd<?> || command instanceof RestartProcessInstancesBatchCmd) {
      throw refused(caller, "restart a process instance (it would start part-way and skip the gates)");
    }
    if (command instanceof ResolveTaskCmd) {
      if (!admin) {
        throw refused(caller, "resolve a delegated task");
      }
    } else if (command instanceof CompleteTaskCmd) {
      checkCompletion(read(command, "taskId"), read(command, "variables"));
      return;
    } else if (command instanceof SubmitTaskFormCmd) {
      checkCompletion(read(command, "taskId"), read(command, "properties"));
      return;
    }
    if (admin) {
      return;
    }
    if (command instanceof ClaimTaskCmd || command instanceof AssignTaskCmd) {
      String assignee = read(command, "userId");
      if (assignee != null && !assignee.equals(caller.getUserId())) {
        throw refused(caller, "assign a task to someone else ('" + assignee + "'); claim it for yourself");
      }
      return;
    }
    for (Class<?> steering : STEERING) {
      if (steering.isInstance(command)) {
        throw refused(caller, describe(command));
      }
    }
  }

  /**
   * Refuses a completion that writes anything but its form's fields, naming each offending variable. The form and
   * the current values are read as the application; whether this caller may complete the task at all is the
   * command's own check, which runs next.
   */
  private void checkCompletion(String taskId, Map<String, ?> variables) {
    List<FieldViolation> violations = asApplication.call(() -> {
      var task = taskId == null ? null
          : engine.getTaskService().createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
      if (task == null) {
        return List.<FieldViolation>of(); // the command reports the missing task itself
      }
      return TaskFormContract.of(task, engine.getFormService()).violations(variables, name -> engine.getTaskService().getVariable(taskId, name));
    });
    if (!violations.isEmpty()) {
      throw new DeployRequestRejectedException("Task completion", violations);
    }
  }

  private static AuthorizationException refused(Authentication caller, String what) {
    return new AuthorizationException("User '" + caller.getUserId() + "' may not " + what
        + " through the engine API: deploys change only through their forms and the application's own steps "
        + "(administrators may, and the operation log records it)");
  }

  private static String describe(Command<?> command) {
    String name = command.getClass().getSimpleName().replaceAll("Cmd$", "");
    return "run '" + name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT) + "'";
  }

  /**
   * A field of an engine command (they have no getters). Fails closed: a field that cannot be read refuses the
   * command rather than letting it through unchecked.
   */
  @SuppressWarnings("unchecked")
  private static <V> V read(Command<?> command, String name) {
    for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return (V) field.get(command);
      } catch (NoSuchFieldException e) {
        // declared further up
      } catch (ReflectiveOperationException | RuntimeException e) {
        break;
      }
    }
    throw new AuthorizationException("cannot check " + command.getClass().getSimpleName() + "." + name
        + " against the trust rules; refused");
  }
}
