package com.mayorcrew.deploy.scripts;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mayorcrew.deploy.config.SecretStore;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Runs the allow-listed deploy scripts as tracked processes that outlive a job, and a restart of the
 * application. {@link #start} launches {@code setsid deploy/lib/run-tracked.sh <run-dir> <script> [args...]}
 * and returns at once. The wrapper owns the run on this machine: it keeps a heartbeat, enforces the time limit
 * (killing the whole process group) and records how the run ended. {@link #poll} only reads the run directory,
 * so any instance of the runner, on any node that shares {@code mcd.scripts.runs-dir}, can poll any run.
 */
@Component
public class ScriptRunner {

  static final String WRAPPER = "lib/run-tracked.sh";
  static final int TAIL_LINES = 50;
  static final int TAIL_CHARS = 4000;
  // Every script's PATH: the system's, never the application's.
  private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  // A run whose wrapper has not written its pid this long after the start never started (the JVM died first).
  private static final Duration START_GRACE = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(ScriptRunner.class);

  private final ScriptProperties properties;
  private final SecretStore secrets;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  @Autowired
  public ScriptRunner(ScriptProperties properties, SecretStore secrets) {
    this(properties, secrets, Clock.systemUTC());
  }

  ScriptRunner(ScriptProperties properties, SecretStore secrets, Clock clock) {
    this.properties = properties;
    this.secrets = secrets;
    this.clock = clock;
  }

  /**
   * Starts the run, or returns it when it was started before (running or finished): a retried or restarted job
   * never runs a script twice.
   */
  public synchronized ScriptRun start(ScriptRequest request) {
    RunDir dir = runDir(request.run());
    if (Files.exists(dir.startedAt())) {
      return request.run();
    }
    Path script = allowListed(request.script().fileName());
    Path wrapper = allowListed(WRAPPER);
    try {
      Files.createDirectories(dir.path());
      write(dir.script(), request.script().name());
      write(dir.timeoutSeconds(), Long.toString(request.timeout().toSeconds()));
      write(dir.killGraceSeconds(), Long.toString(properties.killGrace().toSeconds()));
      write(dir.heartbeatSeconds(), Long.toString(properties.heartbeatInterval().toSeconds()));
      // Claimed before the launch: a crash in between leaves a run that "never started", not one that runs twice.
      write(dir.startedAt(), Long.toString(clock.millis()));
      List<String> command = new ArrayList<>(List.of("setsid", wrapper.toString(), dir.path().toString(),
          script.toString()));
      command.addAll(request.args());
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(script.getParent().toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.log().toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().clear();
      builder.environment().putAll(environment(request));
      Process process = builder.start();
      LOG.info("script run {} started: {} (pid {}, log {})", request.run().id(), request.script().fileName(),
          process.pid(), dir.log());
      return request.run();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start script run " + request.run().id(), e);
    }
  }

  /**
   * The run's state, read from its directory only: the recorded exit code or timeout, else running while the
   * wrapper's heartbeat is fresh, else lost (FAILED with the reason in the log).
   */
  public ScriptStatus poll(ScriptRun run) {
    RunDir dir = runDir(run);
    if (!Files.exists(dir.startedAt())) {
      throw new IllegalArgumentException("no script run " + run.id());
    }
    Script script = Script.valueOf(read(dir.script()).orElseThrow());
    Optional<ScriptStatus> ended = ended(script, dir);
    if (ended.isPresent()) {
      return ended.get();
    }
    Instant startedAt = Instant.ofEpochMilli(Long.parseLong(read(dir.startedAt()).orElseThrow()));
    if (!Files.exists(dir.pid())) {
      return olderThan(startedAt, START_GRACE) ? lost(script, dir, "the run never started") : running(script, dir);
    }
    // The wrapper beats before it writes the pid; should a shared volume show them out of order, the start counts.
    Instant lastHeartbeat = read(dir.heartbeat()).map(Long::parseLong).map(Instant::ofEpochSecond).orElse(startedAt);
    if (olderThan(lastHeartbeat, properties.lostAfter())) {
      // The wrapper may have recorded the end between the reads.
      return ended(script, dir).orElseGet(() -> lost(script, dir,
          "the run stopped reporting: its node or wrapper died (last heartbeat " + lastHeartbeat + ")"));
    }
    return running(script, dir);
  }

  /** The end the wrapper recorded: an exit code, or a kill at the time limit. */
  private Optional<ScriptStatus> ended(Script script, RunDir dir) {
    Optional<Integer> exitCode = read(dir.exitCode()).map(Integer::parseInt);
    if (exitCode.isPresent()) {
      return Optional.of(finished(script, dir, ScriptOutcome.ofExitCode(exitCode.get()), exitCode.get()));
    }
    if (Files.exists(dir.timedOut())) {
      return Optional.of(finished(script, dir, ScriptOutcome.TIMED_OUT, null));
    }
    return Optional.empty();
  }

  private boolean olderThan(Instant instant, Duration age) {
    return Duration.between(instant, clock.instant()).compareTo(age) > 0;
  }

  private ScriptStatus running(Script script, RunDir dir) {
    return ScriptStatus.running(script, dir.log());
  }

  private ScriptStatus lost(Script script, RunDir dir, String why) {
    appendToLog(dir, "run-tracked: " + why);
    return finished(script, dir, ScriptOutcome.FAILED, null);
  }

  private ScriptStatus finished(Script script, RunDir dir, ScriptOutcome outcome, Integer exitCode) {
    List<String> lines = logLines(dir);
    return new ScriptStatus(script, true, outcome, exitCode, lastLineJson(lines), tail(lines), dir.log());
  }

  /** PATH, HOME, the state directory, the request's settings, and its secrets resolved now: nothing inherited. */
  private Map<String, String> environment(ScriptRequest request) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", PATH);
    env.put("HOME", System.getProperty("user.home"));
    env.put("LANG", "C.UTF-8");
    env.put("CANARY_STATE_DIR", properties.stateDir().toAbsolutePath().toString());
    request.env().forEach((name, value) -> env.put(checkedName(name), value));
    request.secretEnv().forEach((name, secret) ->
        secrets.find(secret).ifPresent(value -> env.put(checkedName(name), value)));
    return env;
  }

  private static String checkedName(String name) {
    if (!ENV_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid environment variable name for a script: " + name);
    }
    return name;
  }

  /** A file of the scripts directory, after resolving links: nothing outside that directory can run. */
  private Path allowListed(String relative) {
    try {
      Path directory = properties.directory().toRealPath();
      Path file = directory.resolve(relative).toRealPath();
      if (!file.startsWith(directory) || !Files.isRegularFile(file) || !Files.isExecutable(file)) {
        throw new IllegalStateException("not an executable script inside " + directory + ": " + relative);
      }
      return file;
    } catch (IOException e) {
      throw new IllegalStateException("script " + relative + " not found in " + properties.directory(), e);
    }
  }

  private Map<String, Object> lastLineJson(List<String> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        Map<String, Object> fields = new HashMap<>(json.readValue(line, new TypeReference<Map<String, Object>>() {}));
        fields.values().removeIf(java.util.Objects::isNull);
        return fields;
      } catch (IOException notJson) {
        return Map.of();
      }
    }
    return Map.of();
  }

  static String tail(List<String> lines) {
    String joined = String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    return joined.length() <= TAIL_CHARS ? joined : joined.substring(joined.length() - TAIL_CHARS);
  }

  private static List<String> logLines(RunDir dir) {
    try {
      return Files.exists(dir.log()) ? Files.readAllLines(dir.log(), StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void appendToLog(RunDir dir, String line) {
    try {
      Files.writeString(dir.log(), line + "\n", StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<String> read(Path file) {
    try {
      return Files.exists(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String content) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, content + "\n");
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  RunDir runDir(ScriptRun run) {
    return new RunDir(properties.runsDir().toAbsolutePath().resolve(run.deployId()).resolve(run.step()));
  }

  /** The files of one run. */
  record RunDir(Path path) {
    Path script() { return path.resolve("script"); }
    Path timeoutSeconds() { return path.resolve("timeout-seconds"); }
    Path startedAt() { return path.resolve("started-at"); }
    Path killGraceSeconds() { return path.resolve("kill-grace-seconds"); }
    Path heartbeatSeconds() { return path.resolve("heartbeat-seconds"); }
    Path heartbeat() { return path.resolve("heartbeat"); }
    Path pid() { return path.resolve("pid"); }
    Path exitCode() { return path.resolve("exit-code"); }
    Path timedOut() { return path.resolve("timed-out"); }
    Path log() { return path.resolve("output.log"); }
  }
}
