package com.mayorcrew.deploy.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mayorcrew.deploy.context.FieldViolation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.PrimitiveValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * What completing a task may write: exactly the fields of its Camunda Form, read from the deployed form itself so
 * that the form is the contract. Editable fields are checked for type, required, allowed values and length;
 * read-only fields (shown for context) may be sent back only unchanged; anything else is refused.
 *
 * <p>Text is capped at {@value #STORED_TEXT_LIMIT} characters even where a form sets no limit: longer strings do not
 * fit the engine's variable and history columns and would fail the transaction after the user pressed "complete".
 */
public final class TaskFormContract {

  /** The engine's string variable column ({@code TEXT_}) holds 4000 characters. */
  public static final int STORED_TEXT_LIMIT = 4000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TEXT = Set.of("textfield", "textarea");
  private static final Set<String> CHOICE = Set.of("select", "radio");

  /** Marks a submitted value that is not a plain value (a serialized object, a file, JSON). */
  private static final Object NOT_PLAIN = new Object();

  /** One keyed field of a form. {@code allowed} is empty unless the field is a choice. */
  public record Field(String key, String type, boolean readonly, boolean required, int maxLength, Set<String> allowed) {}

  private final String formId;
  private final Map<String, Field> fields;

  private TaskFormContract(String formId, Map<String, Field> fields) {
    this.formId = formId;
    this.fields = fields;
  }

  /** A task without a form: its completion carries no variables. */
  public static TaskFormContract none() {
    return new TaskFormContract("(no form)", Map.of());
  }

  /**
   * The form of an open task, read from its deployment. The task must have been queried with
   * {@code initializeFormKeys()}; the caller decides as whom the form is read.
   */
  public static TaskFormContract of(Task task, FormService forms) {
    if (task.getCamundaFormRef() == null && task.getFormKey() == null) {
      return none();
    }
    try (InputStream form = forms.getDeployedTaskForm(task.getId())) {
      return parse(form);
    } catch (IOException e) {
      throw new ProcessEngineException("cannot read the form of task " + task.getId(), e);
    }
  }

  /** Parses a Camunda Form (form-js JSON); nested groups are walked, components without a key are text only. */
  public static TaskFormContract parse(InputStream form) {
    try {
      JsonNode root = JSON.readTree(form);
      Map<String, Field> fields = new LinkedHashMap<>();
      collect(root.path("components"), fields);
      return new TaskFormContract(root.path("id").asText("(unnamed form)"), Map.copyOf(fields));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a Camunda Form", e);
    }
  }

  private static void collect(JsonNode components, Map<String, Field> fields) {
    for (JsonNode component : components) {
      String key = component.path("key").asText("");
      if (!key.isEmpty()) {
        JsonNode validate = component.path("validate");
        SortedSet<String> allowed = new TreeSet<>();
        component.path("values").forEach(option -> allowed.add(option.path("value").asText()));
        int maxLength = Math.min(validate.path("maxLength").asInt(STORED_TEXT_LIMIT), STORED_TEXT_LIMIT);
        fields.put(key, new Field(key, component.path("type").asText(),
            component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false),
            validate.path("required").asBoolean(false), maxLength, Collections.unmodifiableSortedSet(allowed)));
      }
      collect(component.path("components"), fields);
    }
  }

  public String formId() {
    return formId;
  }

  public Map<String, Field> fields() {
    return fields;
  }

  /**
   * Every way the submitted variables break the form, in submission order, then the required fields that neither
   * the submission nor the task has.
   *
   * @param current the task's current value of a variable, for read-only fields sent back
   */
  public List<FieldViolation> violations(Map<String, ?> submitted, Function<String, Object> current) {
    List<FieldViolation> violations = new ArrayList<>();
    Map<String, ?> variables = submitted == null ? Map.of() : submitted;
    for (Map.Entry<String, ?> entry : variables.entrySet()) {
      Field field = fields.get(entry.getKey());
      if (field == null) {
        violations.add(new FieldViolation(entry.getKey(), "is not a field of form '" + formId + "'"
            + (fields.isEmpty() ? " (this task takes no variables)" : "; fields: " + editableKeys())));
        continue;
      }
      check(field, plain(entry.getValue()), current, violations);
    }
    // A required field may be left out when the task already holds a value for it (e.g. a prepared report).
    for (Field field : fields.values()) {
      Object value = variables.containsKey(field.key()) ? plain(variables.get(field.key()))
          : plain(current.apply(field.key()));
      if (field.required() && !field.readonly() && isBlank(value)) {
        violations.add(new FieldViolation(field.key(), "is required"));
      }
    }
    return violations;
  }

  private static void check(Field field, Object value, Function<String, Object> current,
      List<FieldViolation> violations) {
    if (value == NOT_PLAIN) {
      violations.add(new FieldViolation(field.key(), "must be a plain string, boolean or number value"));
    } else if (field.readonly()) {
      if (!sameValue(value, current.apply(field.key()))) {
        violations.add(new FieldViolation(field.key(), "is read-only in form and may not be changed"));
      }
    } else if (value == null || "".equals(value)) {
      return; // an empty optional field; a required one is reported once, below
    } else if (CHOICE.contains(field.type())) {
      if (!(value instanceof String choice) || !field.allowed().contains(choice)) {
        violations.add(new FieldViolation(field.key(), "must be one of " + String.join(", ", field.allowed())));
      }
    } else if ("checkbox".equals(field.type())) {
      if (!(value instanceof Boolean)) {
        violations.add(new FieldViolation(field.key(), "must be a boolean"));
      }
    } else if ("number".equals(field.type())) {
      if (!(value instanceof Number)) {
        violations.add(new FieldViolation(field.key(), "must be a number"));
      }
    } else if (!(value instanceof String text)) {
      violations.add(new FieldViolation(field.key(), "must be a string"));
    } else if (text.length() > field.maxLength()) {
      violations.add(new FieldViolation(field.key(), "must be at most " + field.maxLength() + " characters"));
    } else if (TEXT.contains(field.type()) && text.chars()
        .anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
      violations.add(new FieldViolation(field.key(), "must not contain control characters"));
    }
  }

  private static Object plain(Object value) {
    if (value instanceof TypedValue typed) {
      if (typed.getValue() == null) {
        return null;
      }
      return typed instanceof PrimitiveValue<?> primitive ? primitive.getValue() : NOT_PLAIN;
    }
    return value == null || value instanceof String || value instanceof Boolean || value instanceof Number
        ? value : NOT_PLAIN;
  }

  private static boolean sameValue(Object submitted, Object current) {
    return isBlank(submitted) && isBlank(current) || Objects.equals(submitted, plain(current));
  }

  private static boolean isBlank(Object value) {
    return value == null || value instanceof String s && s.isBlank();
  }

  private String editableKeys() {
    return String.join(", ", fields.values().stream().filter(f -> !f.readonly()).map(Field::key).toList());
  }
}
