package com.mayorcrew.deploy.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The variable conditions of the history list and {@code /api/deploys}: the matching ids narrow a paged query while
 * they fit into one statement, the engine's own variable conditions beyond that; both give the same page, order and
 * count. A real engine on H2 with a stand-in model of the deploy process.
 */
class HistoricDeploysTest {

  private static ProcessEngine engine;
  private static HistoryService history;

  @BeforeAll
  static void startEngine() {
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setProcessEngineName("historic-deploys-test");
    configuration.setJdbcUrl("jdbc:h2:mem:historic-deploys-test;DB_CLOSE_DELAY=-1");
    configuration.setHistory("full");
    engine = configuration.buildProcessEngine();
    engine.getRepositoryService().createDeployment().addModelInstance("deploy.bpmn",
        Bpmn.createExecutableProcess(DeployVariables.PROCESS_KEY).startEvent().userTask().endEvent().done()).deploy();
    history = engine.getHistoryService();
    for (int i = 0; i < 6; i++) {
      engine.getRuntimeService().startProcessInstanceByKey(DeployVariables.PROCESS_KEY, "deploy-" + i,
          Map.of(DeployVariables.SERVICE, i % 2 == 0 ? "web" : "api", DeployVariables.CANARY_HOST,
              i < 4 ? "a" : "b"));
    }
  }

  @AfterAll
  static void closeEngine() {
    engine.close();
  }

  @Test
  void moreMatchesThanOneStatementTakesAreNarrowedByTheEnginesVariableConditions() {
    Map<String, String> web = new LinkedHashMap<>();
    web.put(DeployVariables.SERVICE, "web");
    web.put(DeployVariables.CANARY_HOST, null); // no condition

    List<String> byIds = page(web, HistoricDeploys.MAX_IDS_IN_QUERY);
    List<String> byConditions = page(web, 2); // 3 matches: more than 2 ids

    assertThat(byIds).containsExactly("deploy-4", "deploy-2", "deploy-0");
    assertThat(byConditions).isEqualTo(byIds);
  }

  @Test
  void noMatchMeansNoQueryAndNoConditionMeansEveryDeploy() {
    assertThat(HistoricDeploys.restrict(history, history.createHistoricProcessInstanceQuery(),
        Map.of(DeployVariables.SERVICE, "nothing-deploys-this"))).isFalse();

    Map<String, String> none = new LinkedHashMap<>();
    none.put(DeployVariables.SERVICE, null);
    HistoricProcessInstanceQuery query = history.createHistoricProcessInstanceQuery();
    assertThat(HistoricDeploys.restrict(history, query, none)).isTrue();
    assertThat(query.count()).isEqualTo(6);
  }

  /** The deploys matching {@code conditions}, newest first, with the count checked against the list. */
  private static List<String> page(Map<String, String> conditions, int maxIds) {
    HistoricProcessInstanceQuery query = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(DeployVariables.PROCESS_KEY);
    assertThat(HistoricDeploys.restrict(history, query, conditions, maxIds)).isTrue();
    long count = query.count();
    List<String> keys = new ArrayList<>();
    for (HistoricProcessInstance instance : query.orderByProcessInstanceStartTime().desc()
        .orderByProcessInstanceBusinessKey().desc().listPage(0, 10)) {
      keys.add(instance.getBusinessKey());
    }
    assertThat(keys).hasSize((int) count);
    return keys;
  }
}
