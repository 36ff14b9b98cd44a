package com.mayorcrew.deploy.audit;

import static com.mayorcrew.deploy.audit.AuditUsers.*;
import static com.mayorcrew.deploy.context.DeployVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.mayorcrew.deploy.process.ProcessDriver;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a mayor gets from Tasklist's start form when the request is refused: the same 400 naming each field and
 * rule as REST clients get, through the webapps' own engine API, not a 500. (The requester rule through Tasklist
 * is in {@link RoleMatrixTest}.)
 */
@AuditTestContext
class TasklistRefusalsTest {

  private static final String TASKLIST_ENGINE_API = "/camunda/api/engine/engine/default";

  @LocalServerPort int port;
  @Autowired HistoryService historyService;

  @Test
  void aBadRequestFromTheStartFormIs400NamingEachFieldAndNothingStarts() {
    long instancesBefore = deploysStarted();
    Map<String, Object> request = ProcessDriver.request("web", "no-such-host", "mcd-test/app:healthy-v1");
    request.values().removeIf(value -> value == null || "".equals(value));
    request.put(PRIORITY, "urgent");

    AuditHttp.Response response = AuditHttp.tasklistSession(port, MAYOR).post(
        TASKLIST_ENGINE_API + "/process-definition/key/canary-deploy/submit-form",
        Map.of("variables", AuditHttp.variables(request)));

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.json().get("message").asText())
        .contains("priority: must be one of P0, P1, P2", "canaryHost: must be one of");
    assertThat(response.json().get("violations").findValuesAsText("field")).contains(PRIORITY, CANARY_HOST);
    assertThat(deploysStarted()).isEqualTo(instancesBefore);
  }

  // Deploys only: an earlier test's deploy may still start notification instances meanwhile.
  private long deploysStarted() {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count();
  }
}
