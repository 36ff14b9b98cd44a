package com.mayorcrew.deploy.production;

import static com.mayorcrew.deploy.context.DeployVariables.*;
import static com.mayorcrew.deploy.context.GitHubVariables.GASTOWN_SHA;

import com.mayorcrew.deploy.context.DeployEnds;
import com.mayorcrew.deploy.context.HistoricDeploys;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.springframework.stereotype.Component;

/**
 * Whether a commit of a service may go to production, by facts from the engine's history (shared by all nodes): a
 * canary deploy of the same service pinned to the same commit ended done (after its smoke test and status update,
 * not rolled back or aborted), at least the soak time ago.
 */
@Component
class ProductionGate {

  record Verdict(Optional<String> canaryDeployId, String refusal) {
    static Verdict qualifiedBy(String deployId) {
      return new Verdict(Optional.of(deployId), "");
    }

    static Verdict refused(String why) {
      return new Verdict(Optional.empty(), why);
    }
  }

  private final HistoryService history;
  private final ProductionProperties properties;

  ProductionGate(HistoryService history, ProductionProperties properties) {
    this.history = history;
    this.properties = properties;
  }

  Verdict check(String service, String commit, Instant now) {
    List<HistoricProcessInstance> canaries = canaries(service, commit, query -> query);
    String subject = "canary deploy of service " + service + " at commit " + commit;
    if (canaries.isEmpty()) {
      return Verdict.refused("no " + subject + " is on record");
    }
    Optional<HistoricProcessInstance> landed = canaries(service, commit, DeployEnds::landed).stream()
        .max(Comparator.comparing(HistoricProcessInstance::getEndTime));
    if (landed.isEmpty()) {
      return Verdict.refused("no " + subject + " has landed (ended done after its smoke test); on record: "
          + canaries.stream().map(canary -> canary.getBusinessKey() + " " + stateOf(canary)).sorted().toList());
    }
    Instant ended = landed.get().getEndTime().toInstant();
    Instant soaked = ended.plus(properties.soakTime());
    if (soaked.isAfter(now)) {
      return Verdict.refused("the " + subject + " " + landed.get().getBusinessKey() + " ended at " + ended
          + "; its soak time of " + properties.soakTime() + " runs until " + soaked);
    }
    return Verdict.qualifiedBy(landed.get().getBusinessKey());
  }

  private List<HistoricProcessInstance> canaries(String service, String commit,
      UnaryOperator<HistoricProcessInstanceQuery> narrow) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put(GASTOWN_SHA, commit);
    values.put(SERVICE, service);
    values.put(ENVIRONMENT, "canary");
    return HistoricDeploys.withValues(history, values, narrow);
  }

  private static String stateOf(HistoricProcessInstance canary) {
    return canary.getEndTime() == null ? "(still running)" : "(ended without landing)";
  }
}
