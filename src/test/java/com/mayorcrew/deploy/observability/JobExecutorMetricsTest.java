package com.mayorcrew.deploy.observability;

import static com.mayorcrew.deploy.audit.AuditUsers.AUDITOR;
import static com.mayorcrew.deploy.audit.AuditUsers.MAYOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.mayorcrew.deploy.audit.AuditDeploys;
import com.mayorcrew.deploy.audit.AuditHttp;
import com.mayorcrew.deploy.audit.AuditTestContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.management.Metrics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The job executor's counts in {@code /actuator/prometheus} (docs/observability.md), with the shared audit context's
 * job executor running real deploys: a deploy to the unreachable host runs its async steps until the mayor's
 * escalation, whose webhook deliveries to receivers nobody serves fail until their retries are exhausted. The
 * engine's database reporter clears its own meters at each flush; the Micrometer counters keep counting.
 */
@AuditTestContext
class JobExecutorMetricsTest {

  private static final String ACQUIRED = "mcd_engine_jobs_acquired_total";
  private static final String EXECUTED = "mcd_engine_jobs_executed_total";
  private static final String ATTEMPTS = "mcd_engine_job_acquisition_attempts_total";
  private static final String REJECTED = "mcd_engine_jobs_rejected_total";
  private static final String LOCKED_EXCLUSIVE = "mcd_engine_jobs_locked_exclusive_total";
  private static final Map<String, String> SUCCESS = Map.of("outcome", "success");
  private static final Map<String, String> FAILURE = Map.of("outcome", "failure");

  @LocalServerPort int port;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;

  @Test
  void aDeploysJobsAreCountedAcrossTheEnginesMetricsFlushes() throws InterruptedException {
    managementService.reportDbMetricsNow();
    long dbSuccessfulBefore = dbSum(Metrics.JOB_SUCCESSFUL);
    PrometheusSamples before = scrape();

    AuditDeploys deploys = new AuditDeploys(taskService, historyService);
    String deployId = deploys.startUnreachable(new AuditHttp(port, MAYOR));
    String instanceId = deploys.awaitTask(deployId, "Task_MayorEscalation").getProcessInstanceId();
    long deployJobs = historyService.createHistoricJobLogQuery().processInstanceId(instanceId).successLog().count();
    assertThat(deployJobs).as("async steps of " + deployId + " up to the escalation").isGreaterThanOrEqualTo(3);
    // The escalation's webhook deliveries to receivers nobody serves fail until their retries are exhausted.
    long failedAttempts = awaitDeliveriesSettled(deployId);
    assertThat(failedAttempts).as("failed webhook delivery attempts of " + deployId).isGreaterThanOrEqualTo(1);
    PrometheusSamples after = scrape();

    assertThat(after.since(before, EXECUTED, FAILURE)).isGreaterThanOrEqualTo(failedAttempts);
    assertThat(after.since(before, ATTEMPTS, Map.of())).isGreaterThanOrEqualTo(1);
    assertThat(after.since(before, EXECUTED, SUCCESS)).isGreaterThanOrEqualTo(deployJobs);
    // every job the executor ran was either acquired or, following an exclusive job of its instance, locked at once
    assertThat(after.since(before, ACQUIRED, SUCCESS) + after.since(before, LOCKED_EXCLUSIVE, Map.of()))
        .isGreaterThanOrEqualTo(deployJobs);

    managementService.reportDbMetricsNow();
    PrometheusSamples flushed = scrape();
    for (String counter : List.of(ATTEMPTS, ACQUIRED, EXECUTED, REJECTED, LOCKED_EXCLUSIVE)) {
      assertThat(flushed.value(counter, Map.of())).as(counter + " after the engine's flush")
          .isGreaterThanOrEqualTo(after.value(counter, Map.of()));
    }
    // the engine's own reporting is unchanged: its database metrics got the deploy's jobs too
    assertThat(dbSum(Metrics.JOB_SUCCESSFUL) - dbSuccessfulBefore).isGreaterThanOrEqualTo(deployJobs);

    // The shared context goes on without this deploy's host re-checks; skipping the listeners sends no webhooks.
    runtimeService.deleteProcessInstance(instanceId, "JobExecutorMetricsTest done", true);
  }

  /**
   * Waits until each webhook delivery of the deploy has ended or, its retries exhausted, holds an incident (so no
   * delivery of this test reaches a receiver of a later test); returns their failed attempts.
   */
  private long awaitDeliveriesSettled(String deployId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      List<HistoricProcessInstance> deliveries = historyService.createHistoricProcessInstanceQuery()
          .processInstanceBusinessKeyLike(deployId + "/%").list();
      boolean settled = !deliveries.isEmpty() && deliveries.stream().allMatch(delivery ->
          delivery.getEndTime() != null
              || runtimeService.createIncidentQuery().processInstanceId(delivery.getId()).count() > 0);
      if (settled) {
        return deliveries.stream().mapToLong(delivery -> historyService.createHistoricJobLogQuery()
            .processInstanceId(delivery.getId()).failureLog().count()).sum();
      }
      assertThat(System.nanoTime()).as("the webhook deliveries of " + deployId + " settle").isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private PrometheusSamples scrape() {
    AuditHttp.Response response = new AuditHttp(port, AUDITOR).get("/actuator/prometheus", "text/plain");
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.body()).contains(ATTEMPTS + " ", REJECTED + " ",
        ACQUIRED + "{outcome=\"failure\"}", EXECUTED + "{outcome=\"failure\"}", LOCKED_EXCLUSIVE + " ");
    return PrometheusSamples.of(response.body());
  }

  private long dbSum(String metric) {
    return managementService.createMetricsQuery().name(metric).sum();
  }
}
