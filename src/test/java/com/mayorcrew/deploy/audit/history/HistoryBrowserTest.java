package com.mayorcrew.deploy.audit.history;

import static com.mayorcrew.deploy.audit.AuditUsers.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.mayorcrew.deploy.audit.AuditDeploys;
import com.mayorcrew.deploy.audit.AuditHttp;
import com.mayorcrew.deploy.audit.AuditTestContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The history pages in real headless Chromium (Debian's {@code chromium}, driven by playwright-core from npm;
 * src/test/browser/history-browser.mjs): an auditor filters the list, opens a deploy that escalated and was
 * aborted, and sees the decision with its user and reason. Screenshots go to target/screenshots/. Node and
 * Chromium are required: CI installs them, so their absence fails the test.
 */
@AuditTestContext
class HistoryBrowserTest {

  private static final Path SCRIPTS = Path.of("src/test/browser");
  private static final Path SCREENSHOTS = Path.of("target/screenshots");
  private static final String CHROMIUM = System.getenv().getOrDefault("MCD_CHROMIUM", "/usr/bin/chromium");
  private static final String NOTE = "registry host is down; retry after maintenance";

  @LocalServerPort int port;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;

  @Test
  void anAuditorFiltersOpensADeployAndSeesWhoDecidedWhatAndWhy() throws Exception {
    assertThat(Path.of(CHROMIUM)).as("Chromium (apt-get install -y --no-install-recommends chromium)")
        .isExecutable();
    assertThat(run(List.of("node", "--version"), Map.of(), 30).exitCode).as("node (apt-get install nodejs npm)")
        .isZero();
    if (!Files.isDirectory(SCRIPTS.resolve("node_modules/playwright-core"))) {
      Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 300);
      assertThat(install.exitCode).as("npm ci in src/test/browser:\n" + install.output).isZero();
    }
    String deployId = new AuditDeploys(taskService, historyService).abortedAfterEscalation(
        new AuditHttp(port, MAYOR), new AuditHttp(port, SECOND_MAYOR), NOTE);

    Result browser = run(List.of("node", "history-browser.mjs"), Map.of(
        "BASE_URL", "http://localhost:" + port, "AUDITOR", AUDITOR, "PASSWORD", PASSWORD,
        "DEPLOY_ID", deployId, "REQUESTER", MAYOR, "DECIDER", SECOND_MAYOR, "NOTE", NOTE,
        "SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString(), "CHROMIUM", CHROMIUM), 180);

    assertThat(browser.exitCode).as(browser.output).isZero();
    assertThat(SCREENSHOTS.resolve("history-filtered.png")).isNotEmptyFile();
    assertThat(SCREENSHOTS.resolve("history-timeline.png")).isNotEmptyFile();
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command, Map<String, String> environment, int timeoutSeconds)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("mcd-browser", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(SCRIPTS.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return new Result(-1, command.get(0) + " cannot run: " + e.getMessage());
    }
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Result(-1, String.join(" ", command) + " timed out:\n" + Files.readString(log));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    System.out.println(output);
    return new Result(process.exitValue(), output);
  }
}
