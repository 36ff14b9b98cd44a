package com.mayorcrew.deploy.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mayorcrew.deploy.context.FieldViolation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/** The form is the contract of a task completion: the real forms of processes/, without the engine. */
class TaskFormContractTest {

  static TaskFormContract form(String id) {
    try (InputStream in = Files.newInputStream(Path.of("processes", id + ".form"))) {
      return TaskFormContract.parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> fields(List<FieldViolation> violations) {
    return violations.stream().map(FieldViolation::field).toList();
  }

  @Test
  void theSmokeTestTakesItsCheckboxesAndNotesAndNothingElse() {
    TaskFormContract smokeTest = form("smoke-test");
    assertThat(smokeTest.violations(Map.of("webUiLoads", true, "dashboardLoads", false, "smokeTestNotes", "ok"),
        name -> null)).isEmpty();
    assertThat(fields(smokeTest.violations(Map.of("webUiLoads", false, "previousImage", "evil:1"), name -> null)))
        .containsExactly("previousImage");
    assertThat(smokeTest.violations(Map.of("containerId", "x"), name -> null).get(0).rule())
        .contains("is not a field of form 'smoke-test'").contains("webUiLoads");
  }

  @Test
  void typesChoicesAndLengthsAreTheForms() {
    TaskFormContract mayor = form("mayor-escalation");
    assertThat(mayor.violations(Map.of("mayorDecision", "retry", "mayorNote", "n".repeat(2000)), name -> null))
        .isEmpty();
    assertThat(mayor.violations(Map.of("mayorDecision", "deploy-anyway"), name -> null))
        .extracting(FieldViolation::rule).containsExactly("must be one of abort, extend, forward, retry, rollback");
    assertThat(mayor.violations(Map.of("mayorDecision", "retry", "mayorNote", "n".repeat(2001)), name -> null))
        .extracting(FieldViolation::rule).containsExactly("must be at most 2000 characters");
    assertThat(fields(mayor.violations(Map.of("mayorNote", "no decision"), name -> null)))
        .containsExactly("mayorDecision");
    assertThat(form("smoke-test").violations(Map.of("webUiLoads", "true"), name -> null))
        .extracting(FieldViolation::rule).containsExactly("must be a boolean");
    assertThat(mayor.violations(Map.of("mayorDecision", "retry", "mayorNote", "bell\u0007"), name -> null))
        .extracting(FieldViolation::rule).containsExactly("must not contain control characters");
  }

  @Test
  void typedValuesAreUnwrappedAndSerializedObjectsRefused() {
    TaskFormContract smokeTest = form("smoke-test");
    assertThat(smokeTest.violations(Map.of("webUiLoads", Variables.booleanValue(true)), name -> null)).isEmpty();
    assertThat(smokeTest.violations(Map.of("smokeTestNotes", Variables.objectValue(new HashMap<>()).create()),
        name -> null)).extracting(FieldViolation::rule)
        .containsExactly("must be a plain string, boolean or number value");
  }

  @Test
  void readOnlyFieldsMayComeBackOnlyUnchanged() {
    TaskFormContract smokeTest = form("smoke-test");
    Map<String, Object> current = Map.of("deployImage", "app:v2", "title", "Canary deploy");
    assertThat(smokeTest.violations(Map.of("webUiLoads", true, "deployImage", "app:v2", "healthSummary", ""),
        current::get)).isEmpty();
    assertThat(smokeTest.violations(Map.of("webUiLoads", true, "deployImage", "app:evil"), current::get))
        .extracting(FieldViolation::rule).containsExactly("is read-only in form and may not be changed");
  }

  @Test
  void theCrewSeesTheRequestsRollbackCriteriaAndNotesWithoutChangingThem() {
    TaskFormContract smokeTest = form("smoke-test");
    Map<String, Object> current = Map.of("rollbackCriteria", "health fails twice", "notes", "watch the queue");
    assertThat(smokeTest.violations(Map.of("webUiLoads", true, "rollbackCriteria", "health fails twice",
        "notes", "watch the queue"), current::get)).isEmpty();
    assertThat(smokeTest.violations(Map.of("webUiLoads", true, "rollbackCriteria", "never"), current::get))
        .extracting(FieldViolation::field).containsExactly("rollbackCriteria");
  }

  @Test
  void aRequiredFieldTheTaskAlreadyHoldsMayBeLeftOut() {
    TaskFormContract statusUpdate = form("status-update");
    Map<String, Object> prepared = new HashMap<>();
    statusUpdate.fields().keySet().forEach(key -> prepared.put(key, "prepared"));
    prepared.put("reportStatus", "done");
    assertThat(statusUpdate.violations(Map.of(), prepared::get)).isEmpty();
    assertThat(fields(statusUpdate.violations(Map.of("reportCommits", ""), prepared::get)))
        .containsExactly("reportCommits");
  }

  @Test
  void aTaskWithoutAFormTakesNoVariables() {
    assertThat(fields(TaskFormContract.none().violations(Map.of("x", 1), name -> null))).containsExactly("x");
    assertThat(TaskFormContract.none().violations(null, name -> null)).isEmpty();
  }

  /** The browser enforces the same limits as the server, and none exceeds what the engine can store. */
  @Test
  void everyEditableTextFieldOfEveryFormDeclaresALimitThatFitsTheEngine() throws IOException {
    try (var forms = Files.list(Path.of("processes"))) {
      for (Path path : forms.filter(p -> p.toString().endsWith(".form")).toList()) {
        JsonNode root = new ObjectMapper().readTree(path.toFile());
        root.findParents("key").stream()
            .filter(field -> List.of("textfield", "textarea").contains(field.path("type").asText()))
            .filter(field -> !field.path("readonly").asBoolean(false))
            .forEach(field -> assertThat(field.path("validate").path("maxLength").asInt(Integer.MAX_VALUE))
                .as(path.getFileName() + " " + field.path("key").asText())
                .isLessThanOrEqualTo(TaskFormContract.STORED_TEXT_LIMIT));
      }
    }
  }
}
