package com.mayorcrew.deploy.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * The engine wraps every task listener exception, so Camunda's REST would answer a refused decision with 500.
 * This mapper finds {@link RequesterMayNotDecideException} in the cause chain and answers 403 with its message;
 * every other exception keeps Camunda's own mapping. The priority puts it before Camunda's handler of the same type.
 */
@Priority(1)
class RequesterRuleExceptionMapper implements ExceptionMapper<RestException> {

  private final RestExceptionHandler camundaHandler = new RestExceptionHandler();

  @Override
  public Response toResponse(RestException exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof RequesterMayNotDecideException refused) {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE)
            .entity(Map.of("type", "RequesterMayNotDecideException", "message", refused.getMessage())).build();
      }
    }
    return camundaHandler.toResponse(exception);
  }
}
