package com.mayorcrew.deploy.security;

import static com.mayorcrew.deploy.security.AccessTestContext.AUDITOR_PASSWORD;
import static com.mayorcrew.deploy.security.AccessTestContext.CREW_PASSWORD;
import static com.mayorcrew.deploy.security.AccessTestContext.HUMAN_PASSWORD;
import static com.mayorcrew.deploy.security.AccessTestContext.MAYOR_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mayorcrew.deploy.hostlock.HostLocks;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code GET /api/hosts} over real HTTP: who holds each host and since when, who waits in which order; readable by
 * mayors and auditors only. (Lives here to share the security tests' application context.)
 */
@AccessTestContext
class HostQueueEndpointTest {

  private static final Instant SINCE = Instant.parse("2026-11-28T06:00:00Z");

  @LocalServerPort
  int port;

  @Autowired
  HostLocks hostLocks;

  @AfterEach
  void releaseHost() {
    hostLocks.release("queue-host", "deploy-holder");
    hostLocks.release("queue-host", "deploy-second");
    hostLocks.release("queue-host", "deploy-third");
  }

  @Test
  void showsTheHolderSinceWhenAndTheWaitingDeploysInOrder() throws Exception {
    hostLocks.enqueue("queue-host", "deploy-holder", "pi-holder", SINCE.minusSeconds(60));
    hostLocks.enqueue("queue-host", "deploy-third", "pi-third", SINCE.plusSeconds(20));
    hostLocks.enqueue("queue-host", "deploy-second", "pi-second", SINCE.plusSeconds(10));
    assertThat(hostLocks.tryAcquire("queue-host", "deploy-holder", "pi-holder", SINCE, alive -> true)).isTrue();

    HttpResponse<String> response = new BasicAuthHttp(port).get("/api/hosts", "mayor", MAYOR_PASSWORD);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode hosts = new ObjectMapper().readTree(response.body());
    JsonNode held = null;
    for (JsonNode host : hosts) {
      if (host.get("host").asText().equals("queue-host")) {
        held = host;
      } else if (host.get("host").asText().equals("local")) {
        assertThat(host.get("holder").isNull()).isTrue();
      }
    }
    assertThat(held).isNotNull();
    assertThat(held.at("/holder/deployId").asText()).isEqualTo("deploy-holder");
    assertThat(Instant.parse(held.at("/holder/since").asText())).isEqualTo(SINCE);
    assertThat(held.get("waiting").findValuesAsText("deployId")).containsExactly("deploy-second", "deploy-third");
    assertThat(Instant.parse(held.at("/waiting/0/requestedAt").asText())).isEqualTo(SINCE.plusSeconds(10));
  }

  @Test
  void mayorsAndAuditorsMayReadItOthersMayNot() {
    BasicAuthHttp http = new BasicAuthHttp(port);
    assertThat(http.get("/api/hosts").statusCode()).isEqualTo(401);
    assertThat(http.get("/api/hosts", "auditor", AUDITOR_PASSWORD).statusCode()).isEqualTo(200);
    assertThat(http.get("/api/hosts", "mayor", MAYOR_PASSWORD).statusCode()).isEqualTo(200);
    assertThat(http.get("/api/hosts", "ptilopsis", CREW_PASSWORD).statusCode()).isEqualTo(403);
    assertThat(http.get("/api/hosts", "human", HUMAN_PASSWORD).statusCode()).isEqualTo(403);
  }
}
