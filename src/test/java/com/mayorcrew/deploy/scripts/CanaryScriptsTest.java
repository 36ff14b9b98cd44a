package com.mayorcrew.deploy.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import com.mayorcrew.deploy.scripts.ScriptProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/ scripts against the real test engine (DOCKER_HOST, src/test/scripts/docker-engine.sh): host network,
 * ports 18300-18349, containers named mcd-its-*.
 */
class CanaryScriptsTest {

  private static final String V1 = "mcd-test/app:healthy-v1";
  private static final String V2 = "mcd-test/app:healthy-v2";
  private static final String UNHEALTHY = "mcd-test/app:unhealthy";

  @TempDir Path stateDir;
  private String container;
  private Map<String, String> env;

  @BeforeEach
  void newContainer() {
    container = "mcd-its-" + UUID.randomUUID().toString().substring(0, 8);
    env = Map.of("CANARY_STATE_DIR", stateDir.toString());
  }

  @AfterEach
  void removeContainer() throws Exception {
    ScriptProcess.docker("rm", "-f", container);
  }

  private Result deploy(String image, int port) throws Exception {
    return ScriptProcess.run(env, "canary-deploy.sh", "--container", container, "--image", image,
        "--network", "host", "--env", "PORT=" + port, "--restart", "no", "--health-timeout", "30");
  }

  private Result rollback() throws Exception {
    return ScriptProcess.run(env, "canary-rollback.sh", "--container", container, "--health-timeout", "30");
  }

  private String runningImage() throws Exception {
    return ScriptProcess.docker("inspect", "--format", "{{.Config.Image}} {{.State.Health.Status}}", container);
  }

  private String stateField(String key) throws Exception {
    return Files.readAllLines(stateDir.resolve(container + ".state")).stream()
        .filter(line -> line.startsWith(key + "=")).findFirst().orElseThrow().substring(key.length() + 1);
  }

  @Test
  void deploysAHealthyImageAndRecordsTheRollbackTarget() throws Exception {
    Result first = deploy(V1, 18301);
    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(first.json()).containsEntry("result", "success").containsEntry("exit_code", 0)
        .containsEntry("image", V1).containsEntry("previous_image", "");

    Result second = deploy(V2, 18301);

    assertThat(second.exitCode()).as(second.output()).isZero();
    assertThat(second.json()).containsEntry("image", V2).containsEntry("previous_image", V1)
        .containsEntry("current_image", V2);
    assertThat((String) second.json().get("container_id")).isNotBlank();
    assertThat(runningImage()).isEqualTo(V2 + " healthy");
    assertThat(stateField("result")).isEqualTo("success");
    assertThat(Files.readAllLines(stateDir.resolve(container + ".history.jsonl"))).hasSizeGreaterThanOrEqualTo(4);
  }

  @Test
  void anUnhealthyImageExits4RestoresThePreviousImageAndRecordsFailed() throws Exception {
    deploy(V1, 18302);

    Result failed = deploy(UNHEALTHY, 18302);

    assertThat(failed.exitCode()).as(failed.output()).isEqualTo(4);
    assertThat(failed.json()).containsEntry("result", "failed").containsEntry("reason", "health_failed")
        .containsEntry("previous_image", V1).containsEntry("current_image", V1);
    assertThat(stateField("result")).isEqualTo("failed");
    assertThat(runningImage()).isEqualTo(V1 + " healthy");
  }

  @Test
  void anUnhealthyFirstDeployLeavesNoContainer() throws Exception {
    Result failed = deploy(UNHEALTHY, 18303);

    assertThat(failed.exitCode()).as(failed.output()).isEqualTo(4);
    assertThat(stateField("result")).isEqualTo("failed");
    assertThat(ScriptProcess.docker("ps", "-a", "-q", "--filter", "name=^" + container + "$")).isEmpty();
  }

  @Test
  void rollbackRestoresThePreviousImageAndNeverTwoVersionsBackAfterAFailedDeploy() throws Exception {
    deploy(V1, 18304);
    deploy(V2, 18304);
    Result failed = deploy(UNHEALTHY, 18304);
    assertThat(failed.exitCode()).isEqualTo(4);

    Result rolledBack = rollback();

    assertThat(rolledBack.exitCode()).as(rolledBack.output()).isZero();
    // upstream's state (written only on success) would have said V1 here
    assertThat(rolledBack.json()).containsEntry("result", "rolled_back").containsEntry("image", V2);
    assertThat(runningImage()).isEqualTo(V2 + " healthy");
    assertThat(stateField("result")).isEqualTo("rolled_back");

    Result again = rollback();
    assertThat(again.json()).containsEntry("image", V2);
  }

  @Test
  void rollbackAfterASuccessfulDeployRestoresTheImageBefore() throws Exception {
    deploy(V1, 18305);
    deploy(V2, 18305);

    Result rolledBack = rollback();

    assertThat(rolledBack.exitCode()).as(rolledBack.output()).isZero();
    assertThat(runningImage()).isEqualTo(V1 + " healthy");
  }

  @Test
  void rollbackWithoutAPreviousImageExits5() throws Exception {
    deploy(V1, 18306);

    Result impossible = rollback();

    assertThat(impossible.exitCode()).as(impossible.output()).isEqualTo(5);
    assertThat(impossible.json()).containsEntry("result", "failed").containsEntry("reason", "no_previous_image");
    assertThat(runningImage()).isEqualTo(V1 + " healthy");
  }

  @Test
  void helpPrintsUsageAndChangesNothing() throws Exception {
    String before = containersOnTheDaemon();
    for (String script : new String[] {"canary-deploy.sh", "canary-rollback.sh", "canary-validate.sh",
        "canary-migrate.sh"}) {
      Result help = ScriptProcess.run(env, script, "--container", container, "--help");
      assertThat(help.exitCode()).isZero();
      assertThat(help.output()).contains("Usage: " + script).contains("Exit codes:");
      assertThat(help.json()).containsEntry("result", "help");
    }
    assertThat(containersOnTheDaemon()).isEqualTo(before);
    assertThat(stateDir).isEmptyDirectory();
  }

  /**
   * Identity, image and state of the containers the scripts were pointed at (their name starts with this test's
   * container name); not the status text, whose "Up 2 minutes" ages by itself, and not other tests' containers.
   */
  private String containersOnTheDaemon() throws Exception {
    return ScriptProcess.docker("ps", "-a", "--no-trunc", "--filter", "name=^/?" + container,
        "--format", "{{.ID}} {{.Names}} {{.Image}} {{.State}} {{.CreatedAt}}");
  }

  @Test
  void unknownOptionsAreRefusedWithExit2() throws Exception {
    for (String script : new String[] {"canary-deploy.sh", "canary-rollback.sh", "canary-validate.sh",
        "canary-migrate.sh"}) {
      Result refused = ScriptProcess.run(env, script, "--container", container, "--image", V1, "--force");
      assertThat(refused.exitCode()).as(script).isEqualTo(2);
      assertThat(refused.json()).containsEntry("result", "usage_error").containsEntry("exit_code", 2);
    }
    assertThat(stateDir).isEmptyDirectory();
  }

  @Test
  void aMissingDockerSocketExits3AndIsRecorded() throws Exception {
    env = Map.of("CANARY_STATE_DIR", stateDir.toString(), "DOCKER_HOST", "unix:///tmp/mcd-its-no-such.sock");

    Result unavailable = deploy(V1, 18307);

    assertThat(unavailable.exitCode()).as(unavailable.output()).isEqualTo(3);
    assertThat(unavailable.json()).containsEntry("reason", "docker_unavailable");
    assertThat(stateField("result")).isEqualTo("failed");
    assertThat(rollback().exitCode()).isEqualTo(3);
  }

  @Test
  void validateChecksStateProbeWithTokenAndLogLine() throws Exception {
    deploy(V1, 18308);
    Map<String, String> withToken = Map.of("CANARY_STATE_DIR", stateDir.toString(), "MCD_ITS_TOKEN", "t0k3n");

    Result passed = ScriptProcess.run(withToken, "canary-validate.sh", "--container", container,
        "--url", "http://127.0.0.1:18308/health", "--token-env", "MCD_ITS_TOKEN");
    Result missingLine = ScriptProcess.run(withToken, "canary-validate.sh", "--container", container,
        "--expect-log", "Gas Town GUI starting");
    Result noToken = ScriptProcess.run(env, "canary-validate.sh", "--container", container,
        "--url", "http://127.0.0.1:18308/health", "--token-env", "MCD_ITS_TOKEN");

    assertThat(passed.exitCode()).as(passed.output()).isZero();
    assertThat(passed.json()).containsEntry("checks", "running=ok health=ok http=ok log=not_requested");
    assertThat(passed.output()).doesNotContain("t0k3n");
    assertThat(missingLine.exitCode()).isEqualTo(4);
    assertThat(missingLine.json()).containsEntry("checks", "running=ok health=ok http=not_requested log=failed");
    assertThat(noToken.exitCode()).isEqualTo(1);
  }

  @Test
  void migrateRunsTheArgvInTheContainerWithoutAShell() throws Exception {
    deploy(V1, 18309);

    Result ok = ScriptProcess.run(env, "canary-migrate.sh", "--container", container, "--", "echo", "a;b", "$(x)");
    Result failed = ScriptProcess.run(env, "canary-migrate.sh", "--container", container, "--", "false");

    assertThat(ok.exitCode()).as(ok.output()).isZero();
    assertThat(ok.output()).contains("a;b $(x)");
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.json()).containsEntry("reason", "migration_failed");
  }
}
