package com.mayorcrew.deploy.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.docker.DockerClients;
import com.mayorcrew.deploy.docker.DockerEngineFixture;
import com.mayorcrew.deploy.health.HealthProbeService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which deploys the readiness warm-up rehearses, and that a rehearsal which does not end (a daemon that stops
 * answering mid-rehearsal) delays the start by the budget at most. Real Docker clients against the test daemon; the
 * rehearsal itself is {@link DeployRehearsalTest}'s subject and is replaced here by one that records its calls.
 */
class ReadinessWarmUpTest {

  private final List<String> rehearsedOn = new CopyOnWriteArrayList<>();
  private DockerClients clients;

  @AfterEach
  void closeClients() {
    clients.close();
  }

  @Test
  void aHostWhereARehearsalStopsEarlyGivesWayToTheNext() {
    ReadinessWarmUp warmUp = warmUp(Duration.ofSeconds(30), (host, service) -> {
      boolean complete = !host.equals("a-impostor");
      List<String> steps = complete ? List.copyOf(DeployRehearsal.STEPS) : List.of("Task_ValidateRequest");
      return Optional.of(new DeployRehearsal.Outcome(host, service, "rolled-back", steps,
          complete ? "Task_PrepareImage" : null, complete ? null : "the deploy waits"));
    });

    warmUp.start();

    // hosts by name, the service that deploys with Docker; three rehearsals in all
    assertThat(rehearsedOn).containsExactly("a-impostor web", "b-local web", "b-local web");
  }

  @Test
  void aRehearsalThatDoesNotEndDelaysTheStartByTheBudgetAtMost() {
    CountDownLatch never = new CountDownLatch(1);
    ReadinessWarmUp warmUp = warmUp(Duration.ofSeconds(2), (host, service) -> {
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Optional.empty();
    });

    assertTimeoutPreemptively(Duration.ofSeconds(20), warmUp::start);

    assertThat(rehearsedOn).containsExactly("a-impostor web");
    never.countDown();
  }

  private ReadinessWarmUp warmUp(Duration budget,
      BiFunction<String, String, Optional<DeployRehearsal.Outcome>> outcome) {
    DeployProperties properties = new DeployProperties(
        Map.of("a-impostor", DockerEngineFixture.host(DockerEngineFixture.dockerHost()),
            "b-local", DockerEngineFixture.host(DockerEngineFixture.dockerHost())),
        Map.of("web", DockerEngineFixture.service("mcd-warm-up-web", 18190).build(),
            "a-scripted", new DeployProperties.Service(DeployProperties.ExecutionMode.SCRIPT, null, "mcd-scripted",
                null, null, null, null, null, null, null, null, null, null, true, null)),
        Path.of("target/logs"), null, null);
    clients = new DockerClients(properties);
    DeployRehearsal recorded = new DeployRehearsal(null, null, null, null, null, properties, null) {
      @Override
      Optional<Outcome> rehearse(String host, String service) {
        rehearsedOn.add(host + " " + service);
        return outcome.apply(host, service);
      }
    };
    return new ReadinessWarmUp(clients, new HealthProbeService(clients, properties, DockerEngineFixture.secrets(Map.of())),
        recorded, properties, new WarmUpProperties(true, budget, 3));
  }
}
