package com.mayorcrew.deploy.warmup;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.context.Rehearsals;
import com.mayorcrew.deploy.request.CrewAssignees;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A deploy rehearsed before the application reports itself ready, so the first real deploy finds the engine's and
 * the steps' code paths warm (their classes initialised, their statements prepared, their code run). It starts a
 * real "canary-deploy" through the engine and runs its first steps, only those whose effects outside the database are
 * reads ({@link #STEPS}), in one transaction that it then rolls back. What stays is nothing: no instance, history,
 * job, host lock or user operation; no engine metrics ({@link Rehearsals}); no notification and no deploy metric
 * (both wait for a commit); no container, script or GitHub call (it stops before the first step that could make one).
 */
@Component
class DeployRehearsal {

  /** The steps a rehearsal runs: validate, take the host, check the daemon, its identity, the secrets, read the image. */
  static final Set<String> STEPS = Set.of("Task_ValidateRequest", "Task_AcquireCanaryHost", "Task_CheckDockerDaemon",
      "Task_CheckHostIdentity", "Task_CheckSecrets", "Task_RecordPreviousImage");
  /** Who requests a rehearsal: no person, and no account (the request is never committed). */
  static final String REHEARSER = "mcd-rehearsal";
  private static final String RIG = "rehearsal";
  /** A commit that pins the image's tag, so no ref is resolved on GitHub. */
  private static final String PINNED_COMMIT = "0000000000000000000000000000000000000000";

  private final PlatformTransactionManager transactions;
  private final ProcessEngineConfigurationImpl engine;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final IdentityService identity;
  private final DeployProperties properties;
  private final CrewAssignees crew;

  DeployRehearsal(PlatformTransactionManager transactions, ProcessEngineConfigurationImpl engine, RuntimeService runtime,
      ManagementService management, IdentityService identity, DeployProperties properties, CrewAssignees crew) {
    this.transactions = transactions;
    this.engine = engine;
    this.runtime = runtime;
    this.management = management;
    this.identity = identity;
    this.properties = properties;
    this.crew = crew;
  }

  /**
   * What one rehearsal did.
   *
   * @param processInstanceId the instance it started and rolled back (no trace of it remains)
   * @param steps the steps it ran, in order
   * @param stoppedAt the step it did not run (outside {@link #STEPS}), or the one that failed; null when the deploy
   *     was left waiting
   * @param failure why it stopped early (a refusal, a failed call, a wait such as an escalation), or null
   */
  record Outcome(String host, String service, String processInstanceId, List<String> steps, String stoppedAt,
      String failure) {

    /** Whether it ran every rehearsed step to the first one it must not run, without a failure. */
    boolean complete() {
      return failure == null && steps.containsAll(STEPS);
    }
  }

  /**
   * Rehearses a canary deploy of {@code service} to {@code host}, or nothing when no member of group crew can be
   * the request's assignee (the request would be refused at its first step).
   */
  Optional<Outcome> rehearse(String host, String service) {
    Optional<String> assignee = crew.anyCrewAddress(RIG);
    if (assignee.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> request = request(host, service, assignee.get());
    TransactionTemplate rolledBack = new TransactionTemplate(transactions);
    return Optional.of(Rehearsals.run(() -> rolledBack.execute(transaction -> {
      transaction.setRollbackOnly();
      return run(host, service, request);
    })));
  }

  private Outcome run(String host, String service, Map<String, Object> request) {
    ProcessInstance instance;
    try {
      instance = start(request);
    } catch (RuntimeException refused) {
      return new Outcome(host, service, null, List.of(), "Task_ValidateRequest", refused.getMessage());
    }
    Map<String, String> stepOfJob = management.createJobDefinitionQuery()
        .processDefinitionId(instance.getProcessDefinitionId()).list().stream()
        .collect(Collectors.toMap(JobDefinition::getId, JobDefinition::getActivityId));
    List<String> steps = new ArrayList<>();
    while (true) {
      List<Job> jobs = management.createJobQuery().processInstanceId(instance.getId()).list();
      if (jobs.size() != 1) {
        return new Outcome(host, service, instance.getId(), steps, null,
            "the deploy waits (for a decision, a timer or the host) instead of running its next step");
      }
      String step = stepOfJob.get(jobs.get(0).getJobDefinitionId());
      if (!STEPS.contains(step)) {
        return new Outcome(host, service, instance.getId(), steps, step, null);
      }
      try {
        management.executeJob(jobs.get(0).getId());
      } catch (RuntimeException failed) {
        return new Outcome(host, service, instance.getId(), steps, step, failed.getMessage());
      }
      steps.add(step);
    }
  }

  /**
   * Starts the deploy as the rehearser: inside a command of its own, so the engine API's guard (a person's commands)
   * does not apply, and without authorization checks, since the rehearser holds no grants.
   */
  private ProcessInstance start(Map<String, Object> request) {
    return engine.getCommandExecutorTxRequired().execute(context -> {
      identity.setAuthentication(REHEARSER, List.of());
      try {
        return context.runWithoutAuthorization(() -> runtime.startProcessInstanceByKey(PROCESS_KEY, request));
      } finally {
        identity.clearAuthentication();
      }
    });
  }

  private Map<String, Object> request(String host, String service, String assignee) {
    Map<String, Object> request = new HashMap<>();
    request.put(TITLE, "Rehearsal at start-up (rolled back: never deploys)");
    request.put(PRIORITY, "P2");
    request.put(OWNER, REHEARSER);
    request.put(ASSIGNEE, assignee);
    request.put(SERVICE, service);
    request.put(ENVIRONMENT, DeployProperties.CANARY);
    request.put(GASTOWN_REF, PINNED_COMMIT);
    request.put(GTRUNTIME_REF, "HEAD");
    request.put(BRANCH, "canary");
    request.put(CANARY_HOST, host);
    request.put(RUNNER_LABEL, "canary");
    request.put(DOCKER_ACCESS, properties.host(host).dockerAccess().get(0).value());
    request.put(ROLLBACK_CRITERIA, "health fails");
    return request;
  }
}
