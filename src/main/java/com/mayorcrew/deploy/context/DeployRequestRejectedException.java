package com.mayorcrew.deploy.context;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A deploy request broke one or more rules. Thrown inside the start transaction, so nothing of the request
 * persists. It extends the engine's form-validation exception because that is what Tasklist and
 * {@code /engine-rest} answer with 400 Bad Request (any other engine exception becomes a 500).
 */
public class DeployRequestRejectedException extends FormFieldValidationException {

  private final transient List<FieldViolation> violations;

  public DeployRequestRejectedException(List<FieldViolation> violations) {
    this("Deploy request", violations);
  }

  /** @param request what was refused, e.g. "Rollback request" */
  public DeployRequestRejectedException(String request, List<FieldViolation> violations) {
    super(violations, request + " refused: "
        + violations.stream().map(FieldViolation::toString).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  public List<FieldViolation> violations() {
    return violations;
  }
}
