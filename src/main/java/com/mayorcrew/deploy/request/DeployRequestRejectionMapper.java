package com.mayorcrew.deploy.request;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * Engine REST answers a refused deploy request with 400 and the violated rules. Camunda's start endpoint maps any
 * engine exception to 500 (only its form-submit endpoint maps form validation to 400); a refused request is the
 * caller's error, so this mapper takes precedence over Camunda's own for that one cause and leaves every other
 * error to Camunda.
 */
@Priority(1)
public class DeployRequestRejectionMapper implements ExceptionMapper<RestException> {

  private final RestExceptionHandler camundaHandler = new RestExceptionHandler();

  @Override
  public Response toResponse(RestException exception) {
    if (!(exception.getCause() instanceof DeployRequestRejectedException rejected)) {
      return camundaHandler.toResponse(exception);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", DeployRequestRejectedException.class.getSimpleName());
    body.put("message", rejected.getMessage());
    List<Map<String, String>> violations = rejected.violations().stream()
        .map(violation -> Map.of("field", violation.field(), "rule", violation.rule())).toList();
    body.put("violations", violations);
    return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }

  @Component
  static class Registration implements ResourceConfigCustomizer {
    @Override
    public void customize(org.glassfish.jersey.server.ResourceConfig config) {
      config.register(DeployRequestRejectionMapper.class);
    }
  }
}
