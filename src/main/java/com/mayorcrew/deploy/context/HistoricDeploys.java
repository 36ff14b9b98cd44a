package com.mayorcrew.deploy.context;

import static com.mayorcrew.deploy.context.DeployVariables.PROCESS_KEY;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;

/**
 * Deploys in the engine's history whose variables had given values, in time that does not grow with every other
 * deploy. The engine's process instance query joins the variable history once per condition, and H2 plans that
 * badly: with a few hundred deploys in the history one production gate check took seconds. Here the first
 * condition alone selects candidates (through the index on variable names), the other variables are read for
 * those candidates only, and compared here.
 */
public final class HistoricDeploys {

  /** Ids per query: well within every database's limit of bind parameters. */
  private static final int CHUNK = 500;

  private HistoricDeploys() {}

  /**
   * The deploys (process instances of the canary-deploy process) whose variables had all these values; the first
   * entry should be the most selective one, e.g. the commit.
   */
  public static List<HistoricProcessInstance> withValues(HistoryService history, Map<String, String> values,
      UnaryOperator<HistoricProcessInstanceQuery> narrow) {
    List<String> ids = new ArrayList<>(candidates(history, values));
    List<HistoricProcessInstance> deploys = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += CHUNK) {
      Set<String> chunk = Set.copyOf(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
      deploys.addAll(narrow.apply(history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
          .processInstanceIds(chunk)).list());
    }
    return deploys;
  }

  private static Set<String> candidates(HistoryService history, Map<String, String> values) {
    Map<String, String> rest = new LinkedHashMap<>(values);
    String firstName = rest.keySet().iterator().next();
    String firstValue = rest.remove(firstName);
    Set<String> ids = new HashSet<>();
    history.createHistoricVariableInstanceQuery().variableValueEquals(firstName, firstValue)
        .disableBinaryFetching().disableCustomObjectDeserialization().list()
        .forEach(variable -> ids.add(variable.getProcessInstanceId()));
    if (rest.isEmpty() || ids.isEmpty()) {
      return ids;
    }
    List<String> candidates = new ArrayList<>(ids);
    Set<String> matched = new HashSet<>();
    for (int from = 0; from < candidates.size(); from += CHUNK) {
      List<HistoricVariableInstance> variables = history.createHistoricVariableInstanceQuery()
          .processInstanceIdIn(candidates.subList(from, Math.min(candidates.size(), from + CHUNK))
              .toArray(String[]::new))
          .variableNameIn(rest.keySet().toArray(String[]::new))
          .disableBinaryFetching().disableCustomObjectDeserialization().list();
      for (HistoricVariableInstance variable : variables) {
        if (rest.get(variable.getName()).equals(variable.getValue())) {
          matched.add(variable.getProcessInstanceId() + "\n" + variable.getName());
        }
      }
    }
    ids.removeIf(id -> !rest.keySet().stream().allMatch(name -> matched.contains(id + "\n" + name)));
    return ids;
  }
}
