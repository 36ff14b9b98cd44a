package com.mayorcrew.deploy.jobs;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Jobs resume in seconds after a crash. The job executor locks jobs under this node's stable identity
 * ({@link NodeIdentity}) rather than a random one per start; so when the node starts it knows that every lock it
 * still holds is stale (it ran nothing yet) and frees them, and the jobs run at once instead of after the lock
 * time. While it runs, the node extends its locks (a heartbeat every third of {@code mcd.jobs.lease}), so a step
 * that runs longer than the lease is not taken over by another node; a node that died stops extending, and its
 * jobs go to the other nodes once the lease has run out.
 */
@Component
class JobLeases extends AbstractProcessEnginePlugin implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(JobLeases.class);

  private final JobLeaseProperties properties;
  private final boolean jobExecutionEnabled;
  private final String nodeId;
  private ScheduledExecutorService heartbeat;
  private JobLocks locks;

  JobLeases(JobLeaseProperties properties, CamundaBpmProperties camunda,
      @Value("${server.port:8080}") int serverPort) {
    this.properties = properties;
    this.jobExecutionEnabled = camunda.getJobExecution().isEnabled();
    this.nodeId = NodeIdentity.of(properties.nodeId(), serverPort);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    JobExecutor executor = configuration.getJobExecutor();
    executor.setLockOwner(nodeId);
    executor.setLockTimeInMillis(Math.toIntExact(properties.lease().toMillis()));
    locks = new JobLocks(new JdbcTemplate(configuration.getDataSource()), configuration.getDatabaseTablePrefix());
  }

  /** Runs when the engine is built, before the job executor starts (the starter starts it on its own event). */
  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    int released = locks.release(nodeId);
    LOG.info("Job lock owner {} (lease {}): released {} job lock(s) this node held when it stopped", nodeId,
        properties.lease(), released);
    if (jobExecutionEnabled) {
      startHeartbeat();
    }
  }

  private void startHeartbeat() {
    heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "mcd-job-lease-heartbeat");
      thread.setDaemon(true);
      return thread;
    });
    long period = properties.heartbeat().toMillis();
    heartbeat.scheduleAtFixedRate(this::extendLocks, period, period, TimeUnit.MILLISECONDS);
  }

  private void extendLocks() {
    try {
      locks.extend(nodeId, ClockUtil.getCurrentTime().toInstant().plus(properties.lease()));
    } catch (RuntimeException e) {
      // The next beat tries again; two more fit into the lease.
      LOG.warn("Could not extend the job locks of {}: {}", nodeId, e.toString());
    }
  }

  @Override
  public void destroy() {
    if (heartbeat != null) {
      heartbeat.shutdownNow();
    }
  }
}
