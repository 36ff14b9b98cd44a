package com.mayorcrew.deploy.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mayorcrew.deploy.config.SecretStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/**
 * The runner with stand-in scripts in a scripts directory of its own (the real run-tracked.sh wrapper): what
 * runs, with which argv and environment, how a run is tracked, timed out, found again after a restart, followed
 * from another node and declared lost when its node dies.
 */
class ScriptRunnerTest {

  private static final String SECRET_VALUE = "s3cret-for-the-script";
  private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
  private static final Duration LOST_AFTER = Duration.ofSeconds(3);

  @TempDir Path root;
  private Path scripts;
  private ScriptProperties properties;
  private String deployId;

  @BeforeEach
  void scriptsDirectory() throws Exception {
    scripts = Files.createDirectories(root.resolve("deploy/lib"));
    scripts = scripts.getParent();
    Files.copy(Path.of("deploy/lib/run-tracked.sh"), scripts.resolve("lib/run-tracked.sh"));
    properties = new ScriptProperties(scripts, root.resolve("runs"), root.resolve("state"), Duration.ofMinutes(1),
        Duration.ofSeconds(2), HEARTBEAT_INTERVAL, LOST_AFTER, Map.of());
    deployId = "deploy-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private void script(Script script, String body) throws Exception {
    Path file = scripts.resolve(script.fileName());
    Files.writeString(file, "#!/usr/bin/env bash\nset -euo pipefail\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
  }

  private ScriptRunner runner() {
    MockEnvironment environment = new MockEnvironment();
    environment.setProperty("MCD_ITS_SECRET", SECRET_VALUE);
    return new ScriptRunner(properties, new SecretStore(environment));
  }

  private ScriptRequest request(String step, Script script, List<String> args, Duration timeout) {
    return new ScriptRequest(new ScriptRun(deployId, step), script, args, Map.of("MCD_SETTING", "on"),
        Map.of("APP_TOKEN", "MCD_ITS_SECRET"), timeout);
  }

  private static ScriptStatus awaitFinished(ScriptRunner runner, ScriptRun run) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      ScriptStatus status = runner.poll(run);
      if (status.finished()) {
        return status;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("run " + run.id() + " did not finish");
  }

  @Test
  void argumentsWithShellMetacharactersArriveLiterally() throws Exception {
    script(Script.DEPLOY, "printf '<%s>\\n' \"$@\"; echo '{\"result\":\"success\",\"exit_code\":0}'");
    Path marker = root.resolve("injected");
    List<String> args = List.of("$(touch " + marker + ")", "a; touch " + marker, "`id`", "--image", "x y");
    ScriptRunner runner = runner();

    ScriptStatus status = awaitFinished(runner, runner.start(request("01-deploy", Script.DEPLOY, args,
        Duration.ofSeconds(30))));

    assertThat(status.outcome()).isEqualTo(ScriptOutcome.OK);
    assertThat(status.tail()).contains("<$(touch " + marker + ")>", "<a; touch " + marker + ">", "<`id`>", "<x y>");
    assertThat(marker).doesNotExist();
    assertThat(status.result()).containsEntry("result", "success");
  }

  @Test
  void theScriptGetsAMinimalEnvironmentWithItsSettingsAndSecrets() throws Exception {
    script(Script.DEPLOY, "env | sort");
    ScriptRunner runner = runner();

    ScriptStatus status = awaitFinished(runner, runner.start(request("01-deploy", Script.DEPLOY, List.of(),
        Duration.ofSeconds(30))));

    List<String> names = status.tail().lines().filter(line -> line.contains("="))
        .map(line -> line.substring(0, line.indexOf('='))).toList();
    // bash itself adds PWD, SHLVL and _
    assertThat(names).containsExactlyInAnyOrder("APP_TOKEN", "CANARY_STATE_DIR", "HOME", "LANG", "MCD_SETTING",
        "PATH", "PWD", "SHLVL", "_");
    assertThat(status.tail()).contains("APP_TOKEN=" + SECRET_VALUE, "MCD_SETTING=on",
        "CANARY_STATE_DIR=" + root.resolve("state"));
    assertThat(System.getenv()).containsKey("HOME").isNotEmpty();
  }

  @Test
  void onlyScriptsInsideTheDirectoryRun() throws Exception {
    Path outside = root.resolve("outside.sh");
    Files.writeString(outside, "#!/bin/sh\necho escaped\n");
    Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rwx------"));
    Files.createSymbolicLink(scripts.resolve(Script.VALIDATE.fileName()), outside);
    ScriptRunner runner = runner();

    assertThatThrownBy(() -> runner.start(request("01-validate", Script.VALIDATE, List.of(), Duration.ofSeconds(5))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not an executable script inside");
    assertThatThrownBy(() -> runner.start(request("01-rollback", Script.ROLLBACK, List.of(), Duration.ofSeconds(5))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not found");
    assertThatThrownBy(() -> new ScriptRun("../../etc", "01-deploy")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScriptRun.parse(deployId + "/../x")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Script.values()).extracting(Script::fileName)
        .containsExactly("canary-deploy.sh", "canary-rollback.sh", "canary-validate.sh", "canary-migrate.sh");
  }

  @Test
  void startIsIdempotentAndTheResultSurvivesANewRunner() throws Exception {
    Path counter = root.resolve("runs-counted");
    script(Script.DEPLOY, "echo run >> '" + counter + "'; sleep 1; echo '{\"result\":\"failed\",\"exit_code\":4}';"
        + " exit 4");
    ScriptRunner runner = runner();
    ScriptRequest request = request("02-deploy", Script.DEPLOY, List.of(), Duration.ofSeconds(30));

    ScriptRun first = runner.start(request);
    ScriptRun again = runner.start(request);
    assertThat(again).isEqualTo(first);
    assertThat(runner.poll(first).finished()).isFalse();
    ScriptStatus finished = awaitFinished(runner, first);
    ScriptRun afterTheEnd = runner.start(request);

    ScriptRunner restarted = runner();
    ScriptStatus seenAfterRestart = restarted.poll(ScriptRun.parse(first.id()));

    assertThat(afterTheEnd).isEqualTo(first);
    assertThat(Files.readAllLines(counter)).hasSize(1);
    assertThat(finished.outcome()).isEqualTo(ScriptOutcome.HEALTH_FAILED);
    assertThat(seenAfterRestart).isEqualTo(finished);
    assertThat(seenAfterRestart.exitCode()).isEqualTo(4);
    assertThat(seenAfterRestart.result()).containsEntry("result", "failed");
  }

  @Test
  void aRunPastItsTimeoutIsKilledWithItsWholeProcessTree() throws Exception {
    Path childPid = root.resolve("child.pid");
    script(Script.DEPLOY, "sleep 300 & echo $! > '" + childPid + "'; echo started; wait");
    ScriptRunner runner = runner();
    ScriptRun run = runner.start(request("01-deploy", Script.DEPLOY, List.of(), Duration.ofSeconds(1)));
    long child = awaitNumberIn(childPid);
    assertThat(ProcessHandle.of(child)).isPresent();
    long wrapper = awaitNumberIn(runner.runDir(run).pid());

    ScriptStatus status = awaitFinished(runner, run);

    assertThat(status.outcome()).isEqualTo(ScriptOutcome.TIMED_OUT);
    assertThat(status.exitCode()).isNull();
    assertThat(dead(child)).as("the script's child %d is dead", child).isTrue();
    awaitGone(wrapper);
    assertThat(status.tail()).contains("started", "killed after the time limit of 1s");
    assertThat(runner.poll(run).outcome()).isEqualTo(ScriptOutcome.TIMED_OUT);
  }

  @Test
  void aRunStartedOnOneNodeIsFollowedFromAnotherThroughTheSharedRunsDirectory() throws Exception {
    Path go = root.resolve("go");
    script(Script.DEPLOY, "while [ ! -e '" + go + "' ]; do sleep 0.1; done;"
        + " echo '{\"result\":\"success\",\"exit_code\":0}'");
    ScriptRunner startingNode = runner();
    ScriptRunner otherNode = runner();
    ScriptRun run = startingNode.start(request("01-deploy", Script.DEPLOY, List.of(), Duration.ofSeconds(30)));

    assertThat(otherNode.poll(run).finished()).isFalse();
    // Longer than the staleness limit: only the heartbeat keeps the run alive in the other node's eyes.
    Thread.sleep(LOST_AFTER.plusSeconds(1).toMillis());
    assertThat(otherNode.poll(run).finished()).isFalse();
    Files.createFile(go);
    ScriptStatus status = awaitFinished(otherNode, run);

    assertThat(status.outcome()).isEqualTo(ScriptOutcome.OK);
    assertThat(status.exitCode()).isZero();
    assertThat(status.result()).containsEntry("result", "success");
  }

  @Test
  void aRunWhoseWrapperDiesIsReportedLostOnceItsHeartbeatIsStale() throws Exception {
    script(Script.DEPLOY, "echo started; sleep 300");
    ScriptRunner runner = runner();
    ScriptRun run = runner.start(request("01-deploy", Script.DEPLOY, List.of(), Duration.ofSeconds(60)));
    long wrapper = awaitNumberIn(runner.runDir(run).pid());
    while (!Files.readString(runner.runDir(run).log()).contains("started")) {
      Thread.sleep(50);
    }

    // The node crashes: the wrapper's whole process group dies at once, nothing gets to write a file.
    Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + wrapper).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
    awaitGone(wrapper);
    assertThat(runner.poll(run).finished()).isFalse();
    ScriptStatus status = awaitFinished(runner, run);

    assertThat(status.outcome()).isEqualTo(ScriptOutcome.FAILED);
    assertThat(status.exitCode()).isNull();
    assertThat(status.tail()).contains("started", "the run stopped reporting: its node or wrapper died");
  }

  @Test
  void aStalenessLimitOfFewerThanThreeHeartbeatsIsRefused() {
    assertThatThrownBy(() -> new ScriptProperties(scripts, root.resolve("runs"), root.resolve("state"),
        Duration.ofMinutes(1), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5), Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mcd.scripts.lost-after");
    assertThatThrownBy(() -> new ScriptProperties(scripts, root.resolve("runs"), root.resolve("state"),
        Duration.ofMinutes(1), Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(5), Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mcd.scripts.heartbeat-interval");
  }

  /** The number a process writes into a file, once it is complete (the test scripts' writes are not atomic). */
  private static long awaitNumberIn(Path file) throws Exception {
    for (int i = 0; i < 100; i++) {
      String content = Files.exists(file) ? Files.readString(file) : "";
      if (content.endsWith("\n")) {
        return Long.parseLong(content.strip());
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no number in " + file);
  }

  /** The wrapper dies right after recording the end (or with its group). */
  private static void awaitGone(long pid) throws InterruptedException {
    for (int i = 0; i < 50 && !dead(pid); i++) {
      Thread.sleep(100);
    }
    assertThat(dead(pid)).as("process %d is dead", pid).isTrue();
  }

  /** Gone, or a zombie: an orphan's new parent (init) reaps it at its own pace. */
  private static boolean dead(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
          .anyMatch(line -> line.startsWith("State:") && line.contains("zombie"));
    } catch (IOException gone) {
      return true;
    }
  }

  @Test
  void fullOutputGoesToTheRunLogAndABoundedTailToTheProcess() throws Exception {
    script(Script.ROLLBACK, "for i in $(seq 1 200); do echo \"line $i $(printf '%0100d' 0)\"; done;"
        + " echo '{\"result\":\"rolled_back\",\"exit_code\":0,\"previous_image\":\"app:v1\"}'");
    ScriptRunner runner = runner();

    ScriptStatus status = awaitFinished(runner, runner.start(request("01-rollback", Script.ROLLBACK, List.of(),
        Duration.ofSeconds(30))));

    assertThat(status.logPath()).isEqualTo(root.resolve("runs").resolve(deployId).resolve("01-rollback/output.log"));
    assertThat(Files.readAllLines(status.logPath())).hasSize(201);
    assertThat(status.tail().length()).isLessThanOrEqualTo(ScriptRunner.TAIL_CHARS);
    assertThat(status.tail().lines().count()).isLessThanOrEqualTo(ScriptRunner.TAIL_LINES);
    assertThat(status.tail()).endsWith("\"previous_image\":\"app:v1\"}");
    assertThat(status.result()).containsEntry("previous_image", "app:v1").containsEntry("exit_code", 0);
    assertThat(status.script()).isEqualTo(Script.ROLLBACK);
  }
}
