package com.mayorcrew.deploy.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.mayorcrew.deploy.audit.AuditTestContext;
import com.mayorcrew.deploy.audit.AuditUsers;
import com.mayorcrew.deploy.docker.ContainerService;
import com.mayorcrew.deploy.docker.DockerClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * deploy/mcd (real bash, curl and jq) against the running application, and the first deploy of
 * docs/first-deploy.md step by step: the demo images built by deploy/demo/build-images.sh, the embedded default
 * service {@code demo} (no configuration written), a healthy v1 smoke-tested by the crew, an unhealthy v2 rolled
 * back by itself, and a mayor's roll back now.
 */
@AuditTestContext
class McdCommandLineTest {

  private static final String DEMO_CONTAINER = "mcd-demo";

  @LocalServerPort int port;
  @Autowired ContainerService containers;
  @Autowired DockerClients dockerClients;

  record Run(int exitCode, String stdout, String stderr) {}

  @AfterEach
  void removeDemoContainer() {
    containers.removeContainer("local", DEMO_CONTAINER);
  }

  private Run mcd(String user, String... args) throws IOException, InterruptedException {
    return mcd(Map.of("MCD_USER", user, "MCD_PASSWORD", AuditUsers.PASSWORD), args);
  }

  private Run mcd(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", "deploy/mcd"));
    command.addAll(List.of(args));
    return run(command, env);
  }

  private Run run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
    Path stderr = Files.createTempFile("mcd", ".err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
    builder.environment().put("MCD_URL", "http://localhost:" + port);
    builder.environment().remove("MCD_USER");
    builder.environment().putAll(env);
    Process process = builder.start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(150, TimeUnit.SECONDS)).as(String.join(" ", command) + " ended").isTrue();
    Run run = new Run(process.exitValue(), stdout, Files.readString(stderr));
    Files.delete(stderr);
    return run;
  }

  @Test
  void theFirstDeployOfTheDemoServiceItsAutomaticRollbackAndARollBackNow() throws Exception {
    Run built = run(List.of("bash", "deploy/demo/build-images.sh"), Map.of());
    assertThat(built.exitCode()).as(built.toString()).isZero();
    assertThat(built.stdout()).contains("built mcd-demo/app:v1 (healthy)", "built mcd-demo/app:v2 (unhealthy)");

    // v1: healthy, smoke-tested and reported by the crew from the terminal
    long started = System.nanoTime();
    Run requested = mcd(AuditUsers.MAYOR, "request", "-f", "deploy/demo/request.json");
    assertThat(requested.exitCode()).as(requested.toString()).isZero();
    String first = requested.stdout().strip();
    Run waiting = mcd(AuditUsers.MAYOR, "watch", first, "--timeout", "90");
    assertThat(waiting.exitCode()).as(waiting.toString()).isEqualTo(8);
    System.out.printf("first deploy, mcd request to the crew's smoke test: %d ms%n",
        (System.nanoTime() - started) / 1_000_000);
    assertThat(waiting.stdout()).contains("open task Task_SmokeTest \"Run smoke test\" (assignee ptilopsis)",
        "webUiLoads (checkbox)");
    assertThat(get("http://127.0.0.1:18290/version")).isEqualTo("v1");
    Run smoke = mcd(AuditUsers.CREW, "smoke", first, "pass", "page loads");
    assertThat(smoke.exitCode()).as(smoke.toString()).isZero();
    assertThat(mcd(AuditUsers.CREW, "watch", first, "--timeout", "30").exitCode()).isEqualTo(8);
    Run report = mcd(AuditUsers.CREW, "decide", first, "Review and send status update");
    assertThat(report.exitCode()).as(report.toString()).isZero();
    Run landed = mcd(AuditUsers.MAYOR, "watch", first, "--timeout", "30");
    assertThat(landed.exitCode()).as(landed.toString()).isZero();
    assertThat(landed.stdout()).contains(first + "  ended (success)");

    // v2: never healthy, so it rolls back to v1 by itself
    Run unhealthy = mcd(AuditUsers.MAYOR, "request", "-f", "deploy/demo/request.json", "image=mcd-demo/app:v2");
    assertThat(unhealthy.exitCode()).as(unhealthy.toString()).isZero();
    String second = unhealthy.stdout().strip();
    started = System.nanoTime();
    Run rolledBack = mcd(AuditUsers.MAYOR, "watch", second, "--timeout", "120");
    System.out.printf("unhealthy v2, mcd request to rolled back: %d ms%n%s", (System.nanoTime() - started) / 1_000_000,
        rolledBack.stderr());
    assertThat(rolledBack.exitCode()).as(rolledBack.toString()).isEqualTo(1);
    assertThat(rolledBack.stdout()).contains(second + "  ended (rolled_back)");
    assertDemoContainerRuns("mcd-demo/app:v1");
    assertThat(mcd(AuditUsers.AUDITOR, "status", "--state", "rolled_back", "--service", "demo").stdout())
        .contains(second).doesNotContain(first);

    // a mayor rolls a running deploy back now; this one was requested with the template's text
    String third = mcd(AuditUsers.MAYOR, "request", "-t", "deploy/demo/request.txt").stdout().strip();
    assertThat(mcd(AuditUsers.MAYOR, "watch", third, "--timeout", "90").exitCode()).isEqualTo(8);
    Run rollback = mcd(AuditUsers.SECOND_MAYOR, "rollback", third, "trying the CLI");
    assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
    assertThat(rollback.stdout()).contains(third + ": rolling back");
    assertThat(mcd(AuditUsers.MAYOR, "watch", third, "--timeout", "90").exitCode()).isEqualTo(1);
  }

  @Test
  void refusalsHaveTheirExitCodesAndSayWhy(@TempDir Path dir) throws Exception {
    Run help = mcd(AuditUsers.MAYOR, "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.stdout()).contains("request", "status", "watch", "smoke", "decide", "rollback", "Exit codes");
    assertThat(mcd(AuditUsers.MAYOR).exitCode()).isEqualTo(2);
    assertThat(mcd(AuditUsers.MAYOR, "deploy-everything").exitCode()).isEqualTo(2);
    assertThat(mcd(AuditUsers.MAYOR, "status", "no such id").exitCode()).isEqualTo(2);

    Run refused = mcd(AuditUsers.MAYOR, "request", "-f", "deploy/demo/request.json", "priority=P9", "title=",
        "colour=blue");
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
    assertThat(refused.stderr()).contains("priority: must be one of P0, P1, P2", "title: is required",
        "colour: is not a field of the Deploy Request");
    Path template = Files.writeString(dir.resolve("request.txt"), "Title: Canary deploy for demo (canary)\nColour: blue\n");
    Run notTheTemplate = mcd(AuditUsers.MAYOR, "request", "-t", template.toString());
    assertThat(notTheTemplate.exitCode()).as(notTheTemplate.toString()).isEqualTo(3);
    assertThat(notTheTemplate.stderr()).contains(
        "template: line 2: 'Colour: blue' is not a line of the Deploy Request Template");
    assertThat(mcd(AuditUsers.MAYOR, "request", "-t", template.toString(), "priority=P1").exitCode()).isEqualTo(2);
    assertThat(mcd(AuditUsers.MAYOR, "status", "--state", "sideways").exitCode()).isEqualTo(3);
    assertThat(mcd(AuditUsers.MAYOR, "rollback", "no-such-deploy", "why").exitCode()).isEqualTo(3);
    Run notAMayor = mcd(AuditUsers.CREW, "rollback", "no-such-deploy", "why");
    assertThat(notAMayor.exitCode()).isEqualTo(4);
    assertThat(notAMayor.stderr()).contains("403", "only a mayor may roll a deploy back");
    assertThat(mcd(AuditUsers.MAYOR, "status", "no-such-deploy").exitCode()).isEqualTo(5);
    assertThat(mcd(AuditUsers.CREW, "smoke", "no-such-deploy", "pass").exitCode()).isEqualTo(5);
    assertThat(mcd(Map.of("MCD_URL", "http://127.0.0.1:9", "MCD_USER", "mayor"), "status", "x-1").exitCode())
        .isEqualTo(6);

    Path netrc = dir.resolve("netrc");
    Files.writeString(netrc, "machine localhost login " + AuditUsers.AUDITOR + " password " + AuditUsers.PASSWORD
        + "\n");
    Run fromNetrc = mcd(Map.of("MCD_NETRC", netrc.toString()), "--json", "status", "--state", "ended");
    assertThat(fromNetrc.exitCode()).as(fromNetrc.toString()).isZero();
    assertThat(fromNetrc.stdout()).startsWith("[");
  }

  private void assertDemoContainerRuns(String image) {
    InspectContainerResponse container = dockerClients.forHost("local").inspectContainerCmd(DEMO_CONTAINER).exec();
    assertThat(container.getConfig().getImage()).isEqualTo(image);
    assertThat(container.getState().getHealth().getStatus()).isEqualTo("healthy");
  }

  private static String get(String url) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString()).body().strip();
  }
}
