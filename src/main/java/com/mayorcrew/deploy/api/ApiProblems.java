package com.mayorcrew.deploy.api;

import com.mayorcrew.deploy.context.DeployRequestRejectedException;
import com.mayorcrew.deploy.security.RequesterMayNotDecideException;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 9457 problem details for every JSON endpoint under {@code /api} (the application's REST controllers):
 * Spring MVC's own errors (unreadable body, wrong method, {@code ErrorResponseException}) through
 * {@link ResponseEntityExceptionHandler}, and the engine's refusals mapped to what they mean.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiProblems extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

  /**
   * The engine's refusals, found in the cause chain (a task listener's exception reaches the caller wrapped): a
   * request or completion that breaks its rules is 400 with each violated field and rule, a refusal of who is
   * asking 403, a concurrent step 409. Anything else is the application's fault: logged, answered without its
   * internals.
   */
  @ExceptionHandler(ProcessEngineException.class)
  ProblemDetail engineRefusal(ProcessEngineException exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof DeployRequestRejectedException rejected) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, rejected.getMessage());
        problem.setTitle("Request refused");
        problem.setProperty("violations", rejected.violations().stream()
            .map(violation -> Map.of("field", violation.field(), "rule", violation.rule())).toList());
        return problem;
      }
      if (cause instanceof AuthorizationException || cause instanceof RequesterMayNotDecideException) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, cause.getMessage());
        problem.setTitle("Not allowed");
        return problem;
      }
      if (cause instanceof OptimisticLockingException) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
            "the deploy is executing a step right now; send the request again");
      }
      if (cause instanceof BadUserRequestException bad) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, bad.getMessage());
      }
    }
    log.error("engine call of the /api failed", exception);
    return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        "the engine could not carry out the request; see the application's log");
  }
}
