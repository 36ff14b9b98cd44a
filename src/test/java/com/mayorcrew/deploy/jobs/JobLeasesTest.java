package com.mayorcrew.deploy.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The job leases on a real engine with its job executor running: a lease of 3 s, so the node renews it every
 * 500 ms while the steps below run.
 */
class JobLeasesTest {

  private static final String NODE = "lease-test-node";
  private static final Duration LEASE = Duration.ofSeconds(3);

  private static ProcessEngine engine;
  private static JobLeases leases;
  private static JdbcTemplate jdbc;

  @BeforeAll
  static void engineWithLeases() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:job-leases-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    new ResourceDatabasePopulator(new ClassPathResource("schema.sql")).execute(dataSource);
    jdbc = new JdbcTemplate(dataSource);

    CamundaBpmProperties camunda = new CamundaBpmProperties();
    camunda.getJobExecution().setEnabled(true);
    leases = new JobLeases(new JobLeaseProperties(NODE, LEASE, Duration.ofMinutes(15)), camunda, 0);
    DefaultJobExecutor executor = new DefaultJobExecutor();
    executor.setWaitTimeInMillis(100);
    executor.setMaxWait(100);
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setProcessEngineName("job-leases-test");
    configuration.setDataSource(dataSource);
    configuration.setDatabaseSchemaUpdate("true");
    configuration.setJobExecutor(executor);
    configuration.setJobExecutorActivate(true);
    configuration.setBeans(Map.of("slowStep", new SlowStep()));
    configuration.getProcessEnginePlugins().add(leases);
    engine = configuration.buildProcessEngine();
  }

  @AfterAll
  static void close() {
    leases.destroy();
    engine.close();
  }

  /**
   * The engine drops a failed attempt (no retry counted, job left locked) when the job's lock expiry changed while
   * it ran, taking that for a takeover by another node. A running job's lock is therefore never touched: a step
   * that fails after several heartbeats still counts its retry, frees its lock and waits for its next attempt.
   */
  @Test
  void aStepThatFailsAfterSeveralHeartbeatsCountsItsRetryAndFreesItsLock() throws InterruptedException {
    engine.getRepositoryService().createDeployment().addModelInstance("slow-failing.bpmn",
        Bpmn.createExecutableProcess("slow-failing").camundaHistoryTimeToLive(1).startEvent()
            .serviceTask("Task_Slow").camundaAsyncBefore().camundaFailedJobRetryTimeCycle("R3/PT1H")
            .camundaExpression("${slowStep.failAfter(1500)}")
            .endEvent().done()).deploy();
    String instance = engine.getRuntimeService().startProcessInstanceByKey("slow-failing").getId();

    Job failed = await(() -> {
      Job job = engine.getManagementService().createJobQuery().processInstanceId(instance).singleResult();
      return job.getExceptionMessage() != null ? job : null;
    }, "the first attempt's failure is recorded");

    assertThat(failed.getExceptionMessage()).endsWith("failed after 1500 ms");
    assertThat(failed.getRetries()).as("retries left of R3").isEqualTo(2);
    assertThat(failed.getDuedate()).isAfter(Instant.now().plus(Duration.ofMinutes(50)));
    Map<String, Object> lock = jdbc.queryForMap("SELECT LOCK_OWNER_, LOCK_EXP_TIME_ FROM ACT_RU_JOB WHERE ID_ = ?",
        failed.getId());
    assertThat(lock.get("LOCK_OWNER_")).isNull();
    assertThat(lock.get("LOCK_EXP_TIME_")).isNull();
  }

  /**
   * Two other nodes hold a due job each: one stopped renewing its lease, one renews it. The node frees only the
   * first one's lock, runs that job, and forgets the lapsed node; the live node keeps its lock.
   */
  @Test
  void theLocksOfANodeWhoseLeaseRanOutAreFreedAndItsJobsRun() throws InterruptedException {
    engine.getRepositoryService().createDeployment().addModelInstance("waiting.bpmn",
        Bpmn.createExecutableProcess("waiting").camundaHistoryTimeToLive(1).startEvent()
            .intermediateCatchEvent("Timer_Wait").timerWithDuration("PT1H").endEvent().done()).deploy();
    RuntimeService runtime = engine.getRuntimeService();
    String onLapsedNode = runtime.startProcessInstanceByKey("waiting").getId();
    String onLiveNode = runtime.startProcessInstanceByKey("waiting").getId();
    Instant now = Instant.now();
    jdbc.update("INSERT INTO mcd_job_node (node_id, alive_until) VALUES (?, ?), (?, ?)",
        "lapsed-node", Timestamp.from(now.minusSeconds(1)), "live-node", Timestamp.from(now.plusSeconds(3600)));
    lockDueTimer(onLapsedNode, "lapsed-node");
    lockDueTimer(onLiveNode, "live-node");

    await(() -> runtime.createProcessInstanceQuery().processInstanceId(onLapsedNode).count() == 0 ? true : null,
        "the lapsed node's job runs on this node");
    Thread.sleep(LEASE.toMillis() / 3);

    Job stillHeld = engine.getManagementService().createJobQuery().processInstanceId(onLiveNode).singleResult();
    assertThat(jdbc.queryForObject("SELECT LOCK_OWNER_ FROM ACT_RU_JOB WHERE ID_ = ?", String.class,
        stillHeld.getId())).isEqualTo("live-node");
    assertThat(jdbc.queryForList("SELECT node_id FROM mcd_job_node ORDER BY node_id", String.class))
        .containsExactly(NODE, "live-node");
    assertThat(jdbc.queryForObject("SELECT alive_until FROM mcd_job_node WHERE node_id = ?", Timestamp.class, NODE)
        .toInstant()).isAfter(Instant.now());
  }

  private static void lockDueTimer(String instance, String owner) {
    ManagementService management = engine.getManagementService();
    String jobId = management.createJobQuery().processInstanceId(instance).singleResult().getId();
    jdbc.update("UPDATE ACT_RU_JOB SET LOCK_OWNER_ = ?, LOCK_EXP_TIME_ = ?, DUEDATE_ = ? WHERE ID_ = ?", owner,
        Timestamp.from(Instant.now().plusSeconds(3600)), Timestamp.from(Instant.now().minusSeconds(1)), jobId);
  }

  private static <T> T await(Supplier<T> probe, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out: " + what);
  }

  /** A step that works for a while, then fails. Public: the engine calls it from an expression. */
  public static final class SlowStep {
    public void failAfter(long millis) throws InterruptedException {
      Thread.sleep(millis);
      throw new IllegalStateException("failed after " + millis + " ms");
    }
  }
}
