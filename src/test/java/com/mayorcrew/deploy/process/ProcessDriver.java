package com.mayorcrew.deploy.process;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * Drives a deploy with the job executor off, as the executor would: runs its due jobs one by one, and waits for
 * short timers (health polls, retry back-offs) to come due. Jobs that Docker's health events create on another
 * thread meanwhile are run as they come; a timer they cancelled under the driver's hands is no failure. Deadline timers (minutes to hours) and the re-check
 * timer of a deploy waiting for its host (it would loop forever) are left alone; tests fire them explicitly.
 */
public final class ProcessDriver {

  /** Timers due within this many milliseconds are waited for; later ones are deadlines. */
  private static final long SHORT_TIMER_MILLIS = 5_000;
  private static final int MAX_JOBS = 300;
  private static final long LOOK_AGAIN_MILLIS = 50;
  private static final String HOST_RECHECK = "Timer_HostRecheck";

  private final RuntimeService runtimeService;
  private final ManagementService managementService;
  private final IdentityService identityService;

  public ProcessDriver(RuntimeService runtimeService, ManagementService managementService,
      IdentityService identityService) {
    this.runtimeService = runtimeService;
    this.managementService = managementService;
    this.identityService = identityService;
  }

  /** A valid Deploy Request Template for the given service, host and image. */
  public static Map<String, Object> request(String service, String host, String image) {
    Map<String, Object> request = new HashMap<>();
    request.put(TITLE, "Canary deploy for " + service + " (canary)");
    request.put(PRIORITY, "P1");
    request.put(OWNER, "mayor");
    request.put(ASSIGNEE, "TerraNomadicCity/crew/Ptilopsis");
    request.put(SERVICE, service);
    request.put(ENVIRONMENT, "canary");
    request.put(GASTOWN_REF, "0123456789abcdef0123456789abcdef01234567");
    request.put(GTRUNTIME_REF, "HEAD");
    request.put(BRANCH, "canary");
    request.put(CANARY_HOST, host);
    request.put(RUNNER_LABEL, "canary");
    request.put(DOCKER_ACCESS, "socket");
    request.put(ROLLBACK_CRITERIA, "health check fails after two retries");
    request.put(NOTES, "");
    request.put(IMAGE, image);
    return request;
  }

  public ProcessInstance start(String requester, Map<String, Object> request) {
    identityService.setAuthenticatedUserId(requester);
    try {
      return runtimeService.startProcessInstanceByKey(PROCESS_KEY, request);
    } finally {
      identityService.clearAuthentication();
    }
  }

  /**
   * Runs the instance's jobs until only deadline timers (or nothing) are left. A job that fails is left to its
   * retry cycle, as the job executor would; the last failure is returned, if any.
   */
  public RuntimeException runJobs(ProcessInstance instance) throws InterruptedException {
    return runJobsUntil(instance, () -> false);
  }

  /** As {@link #runJobs}, stopping early once {@code reached} holds, e.g. to act between two steps. */
  public RuntimeException runJobsUntil(ProcessInstance instance, BooleanSupplier reached)
      throws InterruptedException {
    RuntimeException lastFailure = null;
    String waitingFor = null;
    long dueAtNanos = 0;
    int executed = 0;
    while (true) {
      Job next = nextJob(instance);
      if (next == null || reached.getAsBoolean()) {
        return lastFailure;
      }
      long wait = next.getDuedate() == null ? 0 : next.getDuedate().getTime() - ClockUtil.getCurrentTime().getTime();
      if (wait > 0) {
        // In short slices, looking again each time: an event may wake the wait meanwhile, cancel this timer and
        // create the job to run instead. Real time counts (the engine clock may stand still in a test).
        if (!next.getId().equals(waitingFor)) {
          waitingFor = next.getId();
          dueAtNanos = System.nanoTime() + wait * 1_000_000;
        }
        long left = (dueAtNanos - System.nanoTime()) / 1_000_000;
        if (left > 0) {
          Thread.sleep(Math.min(left, LOOK_AGAIN_MILLIS));
          continue;
        }
      }
      waitingFor = null;
      if (++executed > MAX_JOBS) {
        throw new AssertionError("the deploy did not reach a wait state after " + MAX_JOBS + " jobs");
      }
      try {
        managementService.executeJob(next.getId());
      } catch (RuntimeException failure) {
        // A job that is gone lost a race, not a step: the process moved on without it (a health event woke the
        // wait and cancelled its timer while it ran). A job still there failed and is left to its retry cycle.
        if (managementService.createJobQuery().jobId(next.getId()).count() > 0) {
          lastFailure = failure;
        }
      }
    }
  }

  /** The instance's next job with retries left that is due now or soon. */
  private Job nextJob(ProcessInstance instance) {
    long horizon = ClockUtil.getCurrentTime().getTime() + SHORT_TIMER_MILLIS;
    List<Job> jobs = managementService.createJobQuery().processInstanceId(instance.getId()).withRetriesLeft()
        .orderByJobDuedate().asc().list();
    List<String> hostRechecks = managementService.createJobQuery().processInstanceId(instance.getId())
        .activityId(HOST_RECHECK).list().stream().map(Job::getId).toList();
    return jobs.stream()
        .filter(job -> job.getDuedate() == null || job.getDuedate().getTime() <= horizon)
        .filter(job -> !hostRechecks.contains(job.getId()))
        .findFirst().orElse(null);
  }

  /** Fires a deadline timer now, by moving the engine clock past it. */
  public void fireTimer(ProcessInstance instance, String activityId) {
    Job timer = managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId)
        .singleResult();
    ClockUtil.setCurrentTime(new java.util.Date(timer.getDuedate().getTime() + 1_000));
    managementService.executeJob(timer.getId());
  }
}
