package com.mayorcrew.deploy.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One deploy that ended, as the dashboard counts it: what it deployed where, how it ended and when it passed its
 * health verification, where its time went and what it escalated.
 *
 * @param result the recorded result ({@code success}, {@code failed}, {@code rolled_back}), or null (cancelled)
 * @param landed it ended at "Deploy done" ({@link com.mayorcrew.deploy.context.DeployEnds#LANDED})
 * @param healthy when its health verification first passed, or null when it never did
 * @param phaseMillis milliseconds per phase label ({@link DeployPhases})
 * @param escalationReasons the reason of each escalation it raised, in order
 */
record EndedDeploy(
    String deployId,
    String service,
    String host,
    String result,
    boolean landed,
    Instant requested,
    Instant healthy,
    Instant ended,
    Map<String, Long> phaseMillis,
    List<String> escalationReasons) {

  /** The results of reporting's DeployRecord that count as a change failure. */
  static final Set<String> FAILURE_RESULTS = Set.of("failed", "rolled_back");

  /** A change failure; a cancelled deploy (no result) is none. */
  boolean failed() {
    return result != null && FAILURE_RESULTS.contains(result);
  }
}
