package com.mayorcrew.deploy.history;

import java.time.Instant;

/**
 * One deploy in the list: its request's key fields and how it stands.
 *
 * @param state the engine's state of the instance: {@code ACTIVE}, {@code COMPLETED}, {@code EXTERNALLY_TERMINATED}…
 * @param result the recorded result ({@code success}, {@code failed}, {@code rolled_back}), or null before one is
 */
record DeploySummary(
    String deployId,
    String processInstanceId,
    String title,
    String service,
    String host,
    String environment,
    String requester,
    String state,
    String result,
    Instant startTime,
    Instant endTime) {

  public boolean running() {
    return endTime == null;
  }
}
