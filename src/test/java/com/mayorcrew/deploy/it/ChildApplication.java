package com.mayorcrew.deploy.it;

import com.mayorcrew.deploy.MayorCrewDeployApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application as a child {@code java} process on this test's class path, to be killed with SIGKILL and
 * started again in the same working directory (so on the same H2 file and with the same node identity).
 * Properties go on the command line; the test profile supplies the test services and secrets, and the users
 * mayor (mayor-pw) and ptilopsis (crew-pw) are configured. The log of every start is kept under
 * target/child-applications.
 */
final class ChildApplication implements AutoCloseable {

  static final String MAYOR = "mayor";
  static final String MAYOR_PASSWORD = "mayor-pw";
  static final String CREW = "ptilopsis";
  static final String CREW_PASSWORD = "crew-pw";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  /** The profiles: {@code test} unless the properties name others. */
  static final String PROFILES = "spring.profiles.active";
  private static final Pattern RELEASED_LOCKS = Pattern.compile("released (\\d+) job lock");

  private final String name;
  private final Path workingDirectory;
  private final int port;
  private final Map<String, String> properties = new LinkedHashMap<>();
  private Process process;
  private Path log;
  private int starts;

  /** Not started yet; {@code properties} outrank the test profile's. */
  ChildApplication(String name, Path workingDirectory, Map<String, String> properties) throws IOException {
    this.name = name;
    this.workingDirectory = Files.createDirectories(workingDirectory);
    this.port = freePort();
    this.properties.put("server.port", Integer.toString(port));
    this.properties.put("camunda.bpm.job-execution.enabled", "true");
    this.properties.put("mcd.access.users[0].id", MAYOR);
    this.properties.put("mcd.access.users[0].password", MAYOR_PASSWORD);
    this.properties.put("mcd.access.users[0].groups[0]", "mayor");
    this.properties.put("mcd.access.users[1].id", CREW);
    this.properties.put("mcd.access.users[1].password", CREW_PASSWORD);
    this.properties.put("mcd.access.users[1].groups[0]", "crew");
    this.properties.putAll(properties);
  }

  /** Starts the application and returns once its REST API answers the mayor. */
  Duration start() throws IOException, InterruptedException {
    long launched = System.nanoTime();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // A small, quickly started JVM: the suite runs on 2 cores next to other JVMs.
        "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", classPath(), MayorCrewDeployApplication.class.getName()));
    if (!properties.containsKey(PROFILES)) {
      command.add("--" + PROFILES + "=test");
    }
    properties.forEach((key, value) -> command.add("--" + key + "=" + value));
    log = Files.createDirectories(Path.of("target", "child-applications")).resolve(name + "-" + ++starts + ".log");
    process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    Process started = process;
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly)); // never outlive the test JVM
    RestClient mayor = rest(MAYOR, MAYOR_PASSWORD);
    long deadline = launched + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + " while starting; see " + log);
      }
      try {
        if (mayor.get("/engine-rest/engine").status() == 200) {
          return Duration.ofNanos(System.nanoTime() - launched);
        }
      } catch (IOException notListeningYet) {
        // the web server is not up yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError(name + " did not answer within " + START_TIMEOUT + "; see " + log);
  }

  /** SIGKILL (what {@code kill -9} sends): no shutdown hook, no flush, no graceful end of anything. */
  Instant killNine() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
    return Instant.now();
  }

  /** How many job locks the node found and released as stale at its last start (it logs the number). */
  int releasedJobLocks() throws IOException {
    Matcher released = RELEASED_LOCKS.matcher(Files.readString(log));
    if (!released.find()) {
      throw new AssertionError(name + " logged no job locks released; see " + log);
    }
    return Integer.parseInt(released.group(1));
  }

  RestClient rest(String user, String password) {
    return new RestClient(port, user, password);
  }

  Path workingDirectory() {
    return workingDirectory;
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      killNine();
    }
  }

  /** Surefire runs tests from a manifest-only jar; it names the real class path in this property. */
  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
