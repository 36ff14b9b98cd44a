package com.mayorcrew.deploy.process;

import static com.mayorcrew.deploy.process.DeployVariables.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * Drives a deploy with the job executor off: executes its jobs one by one, firing poll timers at once (after a
 * short pause that lets the real container make progress), until the instance waits for a person or ends.
 */
public final class ProcessDriver {

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

  /** Runs the instance's jobs until none is left; returns how many ran. */
  public int runJobs(ProcessInstance instance) throws InterruptedException {
    int executed = 0;
    for (; executed < 500; executed++) {
      List<Job> jobs = managementService.createJobQuery().processInstanceId(instance.getId()).list();
      if (jobs.isEmpty()) {
        return executed;
      }
      Job job = jobs.get(0);
      if (job.getDuedate() != null && job.getDuedate().getTime() > System.currentTimeMillis()) {
        Thread.sleep(Math.min(500, job.getDuedate().getTime() - System.currentTimeMillis()));
      }
      managementService.executeJob(job.getId());
    }
    throw new AssertionError("the deploy did not reach a wait state after " + executed + " jobs");
  }
}
