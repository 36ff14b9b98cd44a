package com.mayorcrew.deploy.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The second, private Docker engine of the tests (src/test/scripts/docker-engine.sh starts it and exports
 * MCD_TEST_DOCKER_HOST_2 and MCD_TEST_DOCKER_PIDFILE_2), which tests freeze with SIGSTOP to play a daemon that
 * accepts connections and never answers. The shared engine is never frozen: other tests run against it.
 */
public final class FreezableDockerEngine {

  private FreezableDockerEngine() {}

  /** Its endpoint, {@code unix:///.../docker.sock}. */
  public static String dockerHost() {
    return required("MCD_TEST_DOCKER_HOST_2");
  }

  /** Stops the daemon process (SIGSTOP): the kernel still accepts connections on its socket, nobody answers. */
  public static void freeze() {
    signal("STOP");
  }

  /** Lets the daemon run again (SIGCONT); safe to call when it is not frozen. */
  public static void thaw() {
    signal("CONT");
  }

  private static void signal(String signal) {
    try {
      String pid = Files.readString(Path.of(required("MCD_TEST_DOCKER_PIDFILE_2"))).strip();
      Process kill = new ProcessBuilder("kill", "-" + signal, pid).inheritIO().start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot signal the second Docker engine: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling the second Docker engine", e);
    }
  }

  private static String required(String variable) {
    String value = System.getenv(variable);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(variable + " is not set: run the tests with src/test/scripts/run-tests.sh "
          + "(or source src/test/scripts/docker-engine.sh first)");
    }
    return value;
  }
}
