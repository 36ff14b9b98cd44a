package com.mayorcrew.deploy.context;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;

/**
 * How a deploy ended, read from the engine's history. A deploy <em>landed</em> when it ended at "Deployed": after
 * its health verification, the crew's smoke test and the status update; rolled back, failed and aborted deploys
 * end elsewhere. The production gate and the rollbacks of ended deploys count only landed deploys.
 */
public final class DeployEnds {

  public static final String LANDED = "EndEvent_DeployDone";

  private DeployEnds() {}

  public static boolean landed(HistoryService history, HistoricProcessInstance deploy) {
    return deploy.getEndTime() != null && history.createHistoricActivityInstanceQuery()
        .processInstanceId(deploy.getId()).activityId(LANDED).finished().count() > 0;
  }
}
