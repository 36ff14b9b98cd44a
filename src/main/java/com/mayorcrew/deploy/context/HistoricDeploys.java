package com.mayorcrew.deploy.context;

import static com.mayorcrew.deploy.context.DeployVariables.PROCESS_KEY;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;

/**
 * Deploys in the engine's history by the values their variables had. The engine's process instance query joins
 * the variable history once per condition, and H2 plans that as nested loops: with a few hundred deploys in the
 * history one production gate check took tens of seconds, and the history list minutes. Here each condition is
 * one query of the variable history (through its index on names), and the sets are intersected.
 */
public final class HistoricDeploys {

  /** Ids per process instance query: well within every database's limit of bind parameters. */
  private static final int CHUNK = 500;
  /**
   * The most ids {@link #restrict} puts into one paged query (PostgreSQL binds at most 32767 parameters per
   * statement); beyond it the engine's own variable conditions narrow the query instead.
   */
  static final int MAX_IDS_IN_QUERY = 10_000;

  private HistoricDeploys() {}

  /**
   * The process instances whose variables had all these values; a condition with a null value is no condition.
   * Empty when there is no condition at all (every instance matches).
   */
  public static Optional<Set<String>> matching(HistoryService history, Map<String, String> conditions) {
    Set<String> matching = null;
    for (Map.Entry<String, String> condition : conditions.entrySet()) {
      if (condition.getValue() == null) {
        continue;
      }
      Set<String> withValue = history.createHistoricVariableInstanceQuery()
          .variableValueEquals(condition.getKey(), condition.getValue())
          .disableBinaryFetching().disableCustomObjectDeserialization().list().stream()
          .map(HistoricVariableInstance::getProcessInstanceId).collect(Collectors.toSet());
      if (matching == null) {
        matching = withValue;
      } else {
        matching.retainAll(withValue);
      }
    }
    return Optional.ofNullable(matching);
  }

  /**
   * The deploys (instances of the canary-deploy process) whose variables had all these values, narrowed further
   * by {@code narrow} (e.g. {@link DeployEnds#landed}).
   */
  public static List<HistoricProcessInstance> withValues(HistoryService history, Map<String, String> conditions,
      UnaryOperator<HistoricProcessInstanceQuery> narrow) {
    List<String> ids = new ArrayList<>(matching(history, conditions).orElseThrow(
        () -> new IllegalArgumentException("no condition on the deploys' variables")));
    List<HistoricProcessInstance> deploys = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += CHUNK) {
      Set<String> chunk = Set.copyOf(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
      deploys.addAll(narrow.apply(history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
          .processInstanceIds(chunk)).list());
    }
    return deploys;
  }

  /**
   * Narrows {@code query} (one that is then paged, sorted or counted, so it cannot be split into chunks) to the
   * process instances whose variables had all these values; a condition with a null value is no condition. The
   * matching ids go into the query while they are few enough for one statement; beyond {@link #MAX_IDS_IN_QUERY} the
   * engine's own variable conditions do, slower on H2 but without a limit.
   *
   * @return false when no instance matches: the query need not run
   */
  public static boolean restrict(HistoryService history, HistoricProcessInstanceQuery query,
      Map<String, String> conditions) {
    return restrict(history, query, conditions, MAX_IDS_IN_QUERY);
  }

  static boolean restrict(HistoryService history, HistoricProcessInstanceQuery query, Map<String, String> conditions,
      int maxIds) {
    Optional<Set<String>> matching = matching(history, conditions);
    if (matching.isEmpty()) {
      return true;
    }
    if (matching.get().isEmpty()) {
      return false;
    }
    if (matching.get().size() <= maxIds) {
      query.processInstanceIds(matching.get());
    } else {
      conditions.forEach((name, value) -> {
        if (value != null) {
          query.variableValueEquals(name, value);
        }
      });
    }
    return true;
  }
}
