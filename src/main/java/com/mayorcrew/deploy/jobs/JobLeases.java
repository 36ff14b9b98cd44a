package com.mayorcrew.deploy.jobs;

import java.time.Instant;
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
 * time. While it runs, the node renews its lease ({@code mcd.jobs.lease}) in {@code mcd_job_node}; a node whose
 * lease ran out has died (or lost its database), and the other nodes free its locks, so its jobs move on after
 * the lease. The lock time itself ({@code mcd.jobs.lock-time}) is longer than any step, so a long step of a live
 * node is never taken over, and a running job's lock is never touched.
 */
@Component
class JobLeases extends AbstractProcessEnginePlugin implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(JobLeases.class);

  private final JobLeaseProperties properties;
  private final boolean jobExecutionEnabled;
  private final String nodeId;
  private ScheduledExecutorService heartbeat;
  private JobLocks locks;
  private NodeLeases nodes;

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
    executor.setLockTimeInMillis(Math.toIntExact(properties.lockTime().toMillis()));
    JdbcTemplate jdbc = new JdbcTemplate(configuration.getDataSource());
    locks = new JobLocks(jdbc, configuration.getDatabaseTablePrefix());
    nodes = new NodeLeases(jdbc);
  }

  /**
   * Runs when the engine is built, before the job executor starts (the starter starts it on its own event): the
   * lease is renewed before the first acquisition, so no other node frees a lock this node takes from now on.
   */
  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    int released = locks.release(nodeId);
    LOG.info("Job lock owner {} (lease {}, lock time {}): released {} job lock(s) this node held when it stopped",
        nodeId, properties.lease(), properties.lockTime(), released);
    if (jobExecutionEnabled) {
      renewLease(now());
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
    heartbeat.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
  }

  private void beat() {
    try {
      Instant now = now();
      renewLease(now);
      for (String lapsed : nodes.lapsed(nodeId, now)) {
        int released = locks.releaseLapsed(lapsed, now);
        nodes.forget(lapsed, now);
        LOG.warn("Node {} did not renew its job lease ({}): released {} job lock(s) it held, for this and the other "
            + "nodes to run", lapsed, properties.lease(), released);
      }
    } catch (RuntimeException e) {
      // The next beat tries again; five more fit into the lease.
      LOG.warn("Could not renew the job lease of {}: {}", nodeId, e.toString());
    }
  }

  private void renewLease(Instant now) {
    nodes.renew(nodeId, now.plus(properties.lease()));
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  @Override
  public void destroy() {
    if (heartbeat != null) {
      heartbeat.shutdownNow();
    }
  }
}
