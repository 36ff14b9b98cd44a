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
 * @param lease how long a job this node locked stays locked to it: the job executor's lock time. A running node
 *     extends its locks every third of the lease, so a long step is never taken over; a node that died (and does
 *     not come back under the same identity) has its jobs taken over by the other nodes once the lease runs out.
 */
@ConfigurationProperties("mcd.jobs")
record JobLeaseProperties(String nodeId, @DefaultValue("60s") Duration lease) {

  public JobLeaseProperties {
    if (lease.compareTo(Duration.ofSeconds(3)) < 0) {
      throw new IllegalArgumentException("mcd.jobs.lease must be at least 3s, was " + lease);
    }
  }

  /** How often a live node extends its locks: three chances before the lease runs out. */
  Duration heartbeat() {
    return lease.dividedBy(3);
  }
}
