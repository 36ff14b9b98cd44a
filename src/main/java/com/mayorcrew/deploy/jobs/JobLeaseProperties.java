package com.mayorcrew.deploy.jobs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this node owns the engine's jobs (see docs/operations-durability.md).
 *
 * @param nodeId this node's identity, the job executor's lock owner. It must stay the same across restarts of
 *     one node and differ between nodes that share a database. Blank: derived from the host name and the working
 *     directory (where ./data and ./logs live), see {@link NodeIdentity}.
 * @param lease how long a node counts as alive after its last heartbeat. A running node renews its lease every
 *     sixth of it; once a node's lease has run out, the other nodes free the job locks it held and run its jobs.
 * @param lockTime the job executor's lock time: longer than any step may run (an image pull's deadline is 4
 *     minutes), so no job of a live node is ever taken over. Only a safety net: a node that died is noticed by its
 *     lease, and its locks are freed then.
 */
@ConfigurationProperties("mcd.jobs")
record JobLeaseProperties(String nodeId, @DefaultValue("60s") Duration lease,
    @DefaultValue("15m") Duration lockTime) {

  public JobLeaseProperties {
    if (lease.compareTo(Duration.ofSeconds(3)) < 0) {
      throw new IllegalArgumentException("mcd.jobs.lease must be at least 3s, was " + lease);
    }
    if (lockTime.compareTo(lease) < 0) {
      throw new IllegalArgumentException("mcd.jobs.lock-time must be at least mcd.jobs.lease (" + lease + "), was "
          + lockTime);
    }
  }

  /** How often a live node renews its lease and looks for nodes whose lease ran out. */
  Duration heartbeat() {
    return lease.dividedBy(6);
  }
}
