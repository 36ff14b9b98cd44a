package com.mayorcrew.deploy.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.mayorcrew.deploy.config.DeployProperties;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A daemon that accepts connections and never answers (the second test engine, frozen with SIGSTOP), reached
 * over its unix socket and over tcp (socat in front of that socket): every call ends within the host's
 * call-timeout, names the request left unanswered, frees its worker thread, and the next call after the daemon
 * thaws connects afresh. Calls beyond the worker pool are refused at once instead of queueing behind hung ones.
 */
class FrozenDockerDaemonTest {

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
  private static final int TCP_PORT = 18241;
  private static Process socat;
  private DockerClients clients;

  @BeforeAll
  static void startTcpEndpoint() throws Exception {
    socat = new ProcessBuilder("socat", "TCP-LISTEN:" + TCP_PORT + ",bind=127.0.0.1,reuseaddr,fork",
        "UNIX-CONNECT:" + FreezableDockerEngine.dockerHost().substring("unix://".length()))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    for (int i = 0; ; i++) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", TCP_PORT), 200);
        return;
      } catch (java.io.IOException notYet) {
        if (i == 50) {
          throw notYet;
        }
        Thread.sleep(100);
      }
    }
  }

  @AfterAll
  static void stopTcpEndpoint() {
    socat.destroy();
  }

  @AfterEach
  void thawAndClose() {
    FreezableDockerEngine.thaw();
    clients.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"unix", "tcp"})
  void aFrozenDaemonIsUnavailableWithinTheCallTimeoutAndAnswersAgainAfterItThaws(String transport) throws Exception {
    String endpoint = transport.equals("unix") ? FreezableDockerEngine.dockerHost() : "tcp://127.0.0.1:" + TCP_PORT;
    DockerDaemonService daemon = daemonAt(endpoint);
    assertThat(daemon.identify("frozen").name()).isNotBlank();

    FreezableDockerEngine.freeze();
    long started = System.nanoTime();
    DockerUnavailableException unavailable = catchThrowableOfType(() -> daemon.identify("frozen"),
        DockerUnavailableException.class);
    Duration waited = Duration.ofNanos(System.nanoTime() - started);
    System.out.printf("frozen daemon over %s: DOCKER_UNAVAILABLE after %d ms (call-timeout %d ms)%n", transport,
        waited.toMillis(), CALL_TIMEOUT.toMillis());

    assertThat(waited).isBetween(CALL_TIMEOUT, CALL_TIMEOUT.plusMillis(2500));
    // Identify sends ping, version and info; the one the freeze caught is named (a ping already on its way through
    // socat may still be answered).
    assertThat(unavailable.getMessage()).matches(java.util.regex.Pattern.quote("host 'frozen' (" + endpoint
        + "): unreachable: timeout: no answer within 2.0 s (GET /") + "(_ping|version|info) unanswered for .*");
    assertThat(unavailable.evidence()).containsPattern("call: GET /(_ping|version|info) unanswered for ")
        .contains("endpoint: " + endpoint + " (host 'frozen')", "waited: 2.", "of a 2.0 s deadline");
    awaitNoWorkerReadingASocket();

    FreezableDockerEngine.thaw();
    assertThat(daemon.identify("frozen").name()).isNotBlank();
  }

  @Test
  void whileEveryWorkerWaitsForAFrozenDaemonTheNextCallIsRefusedAtOnce() throws Exception {
    DockerDaemonService daemon = daemonAt(FreezableDockerEngine.dockerHost());
    daemon.identify("frozen");
    FreezableDockerEngine.freeze();
    ExecutorService callers = Executors.newFixedThreadPool(DockerClients.MAX_CALLS_IN_FLIGHT);
    try {
      List<Future<Throwable>> waiting = IntStream.range(0, DockerClients.MAX_CALLS_IN_FLIGHT)
          .mapToObj(i -> callers.submit(() -> catchThrowable(() -> daemon.identify("frozen")))).toList();
      Thread.sleep(500);

      long started = System.nanoTime();
      assertThatThrownBy(() -> daemon.identify("frozen")).isInstanceOf(DockerUnavailableException.class)
          .hasMessageEndingWith(DockerClients.MAX_CALLS_IN_FLIGHT + " Docker calls are already waiting for answers");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(200));
      // the first to time out closes the connection they share: the others end then, unavailable as well
      for (Future<Throwable> call : waiting) {
        assertThat(call.get(5, TimeUnit.SECONDS)).isInstanceOf(DockerUnavailableException.class);
      }
      awaitNoWorkerReadingASocket();
    } finally {
      callers.shutdownNow();
    }
  }

  private DockerDaemonService daemonAt(String endpoint) {
    clients = new DockerClients(new DeployProperties(Map.of("frozen", DockerEngineFixture.host(endpoint, CALL_TIMEOUT)),
        Map.of(), Path.of("target/logs"), null, null));
    return new DockerDaemonService(clients);
  }

  /** The worker that waited for the frozen daemon was interrupted and its connection closed: it reads no more. */
  private static void awaitNoWorkerReadingASocket() throws InterruptedException {
    List<String> reading = List.of();
    for (int i = 0; i < 20; i++) {
      reading = Thread.getAllStackTraces().entrySet().stream()
          .filter(thread -> thread.getKey().getName().startsWith("docker-call-"))
          .filter(thread -> Arrays.stream(thread.getValue()).anyMatch(frame ->
              frame.getMethodName().contains("read") && (frame.getClassName().startsWith("sun.nio.ch.")
                  || frame.getClassName().startsWith("java.net.") || frame.getClassName().startsWith("sun.net."))))
          .map(thread -> thread.getKey().getName())
          .toList();
      if (reading.isEmpty()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("worker threads still wait for the frozen daemon: " + reading);
  }
}
