package com.mayorcrew.deploy.context;

import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;

/**
 * How a deploy ended, read from the engine's history. A deploy <em>landed</em> when it ended at "Deployed": after
 * its health verification, the crew's smoke test and the status update; rolled back, failed and aborted deploys
 * end elsewhere. The production gate and the rollbacks of ended deploys count only landed deploys.
 */
public final class DeployEnds {

  public static final String LANDED = "EndEvent_DeployDone";

  private DeployEnds() {}

  /** Narrows a query of deploys to those that landed, in the same query. */
  public static HistoricProcessInstanceQuery landed(HistoricProcessInstanceQuery deploys) {
    return deploys.finished().executedActivityIdIn(LANDED);
  }
}
