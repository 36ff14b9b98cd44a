package com.mayorcrew.deploy.security;

import com.mayorcrew.deploy.context.DeployRequestRejectedException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * The application's refusals through the engine's REST API keep their meaning: a refused deploy request is 400
 * with the violated rules, a requester deciding on their own deploy is 403. Camunda's endpoints wrap any engine
 * exception as a 500 (only its form-submit endpoint maps form validation to 400), so this mapper, registered
 * before Camunda's handler of the same type, looks for the cause; every other error keeps Camunda's mapping.
 */
@Priority(1)
class EngineRestRefusals implements ExceptionMapper<RestException> {

  private final RestExceptionHandler camundaHandler = new RestExceptionHandler();

  @Override
  public Response toResponse(RestException exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof DeployRequestRejectedException rejected) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", DeployRequestRejectedException.class.getSimpleName());
        body.put("message", rejected.getMessage());
        body.put("violations", rejected.violations().stream()
            .map(violation -> Map.of("field", violation.field(), "rule", violation.rule())).toList());
        return json(Response.Status.BAD_REQUEST, body);
      }
      if (cause instanceof RequesterMayNotDecideException refused) {
        return json(Response.Status.FORBIDDEN,
            Map.of("type", RequesterMayNotDecideException.class.getSimpleName(), "message", refused.getMessage()));
      }
    }
    return camundaHandler.toResponse(exception);
  }

  private static Response json(Response.Status status, Map<String, Object> body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }

  @Component
  static class Registration implements ResourceConfigCustomizer {
    @Override
    public void customize(org.glassfish.jersey.server.ResourceConfig config) {
      config.register(EngineRestRefusals.class);
    }
  }
}
