import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's driver (bench/run.sh starts it): the application jar against the raw Docker CLI on the same
 * daemon and images, one figure per row with its ratio. Not a test: it asserts nothing, it measures.
 *
 * Usage: java bench/Bench.java <app jar> <work dir> <config yaml>
 * Env: BENCH_JVM_OPTS (the application's JVM flags), BENCH_APP_ARGS (extra application arguments, e.g. settings)
 */
public class Bench {

  static final String V1 = "mcd-test/app:healthy-v1";
  static final String V2 = "mcd-test/app:healthy-v2";
  static final String UNHEALTHY = "mcd-test/app:unhealthy";
  static final int PORT = 18990;
  static final String BASE = "http://127.0.0.1:" + PORT;
  static final int RAW_PORT = 19099;
  static final int FANOUT = Integer.getInteger("fanout", 50);
  static final int QUEUED = Integer.getInteger("queued", 20);
  static final int WARMUP = 5;
  static final int MEASURED = 7;
  static final String SMOKE_TEST_PASSED =
      "{\"variables\":{\"webUiLoads\":{\"value\":true},\"dashboardLoads\":{\"value\":true}}}";
  static final Pattern TASK_ID_AND_KEY =
      Pattern.compile("\\{\"id\":\"([^\"]+)\".*?\"taskDefinitionKey\":\"([^\"]+)\"", Pattern.DOTALL);
  static final DateTimeFormatter CAMUNDA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final List<String[]> rows = new ArrayList<>();
  static int imageFlip;

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]).toAbsolutePath();
    Path work = Path.of(args[1]).toAbsolutePath();
    Path config = Path.of(args[2]).toAbsolutePath();
    String jvmOpts = System.getenv().getOrDefault("BENCH_JVM_OPTS", "").trim();
    if (args.length > 3 && args[3].equals("train")) {
      train(jar, work, config, jvmOpts);
      return;
    }
    if (System.getenv("BENCH_NODES") != null) { // the several-nodes figures only (docs/benchmark.md)
      nodesOnPostgres(jar, work, config, jvmOpts, Integer.parseInt(System.getenv("BENCH_NODES")));
      return;
    }
    // BENCH_QUICK=1: the happy path, the first deploys, start-up and the step gaps only (about 1 minute)
    boolean all = !"1".equals(System.getenv("BENCH_QUICK"));

    cleanUpContainers();
    // ---- raw docker baseline
    List<Double> raw = new ArrayList<>();
    for (int i = 0; i < WARMUP + MEASURED; i++) {
      raw.add(rawDeploy("mcd-bench-raw", RAW_PORT, nextImage()));
    }
    double rawFirst = raw.get(0);
    double raw23 = (raw.get(1) + raw.get(2)) / 2;
    double rawMedian = median(raw.subList(WARMUP, raw.size()));
    double rawRollback = all ? rawRollback() : 0;
    double rawFanOut = all ? rawFanOut() : 0;

    // ---- application, on a machine that has settled after the raw fan-out (its 50 removals keep the daemon busy)
    settle();
    String appArgs = System.getenv().getOrDefault("BENCH_APP_ARGS", "").trim();
    long spawned = System.nanoTime();
    Process app = startApp(jar, work, config, jvmOpts, appArgs);
    try {
      awaitReady(app);
      double startup = seconds(System.nanoTime() - spawned);
      long rssReady = rssKb(app.pid(), "VmRSS");

      List<Double> deploys = new ArrayList<>();
      List<Deploy> happy = new ArrayList<>();
      long appCpuAfterWarmUp = 0;
      for (int i = 0; i < WARMUP + MEASURED; i++) {
        if (i == WARMUP) {
          appCpuAfterWarmUp = processCpuTicks(app.pid());
        }
        Deploy deploy = deployToSmokeTest("bench", "bench", nextImage());
        deploys.add(deploy.seconds);
        finishAsCrew(deploy.id);
        happy.add(deploy);
      }
      System.out.printf(Locale.ROOT, "application CPU per warm happy deploy (request to end, with the driver's 20 ms polls): %.0f ms%n",
          (processCpuTicks(app.pid()) - appCpuAfterWarmUp) / TICKS / MEASURED * 1000);
      printTimeline("the first deploy", happy.get(0));
      printTimeline("the second deploy", happy.get(1));
      printTimeline("the last happy deploy", happy.get(happy.size() - 1));
      List<Long> gaps = stepGaps(happy.get(happy.size() - 1).id);
      System.out.println("happy-path deploys (s): " + deploys);
      double appRollback = 0;
      Deploy single = null;
      double fanOut = 0;
      double oneEnded = 0;
      double queued = 0;
      if (all) {
        appRollback = appRollback();
        // fan-out: one deploy alone, then FANOUT at once, each to its own host entry (all on the one daemon)
        single = deployToSmokeTest("f1", "h1", nextImage());
        finishAsCrew(single.id);
        fanOut = fanOut(nextImage(), app.pid());
        cleanUpContainers(); // 50 containers' health checks would load the daemon during the next figure
        settle();
        // one host: one deploy end to end (crew answers at once), then QUEUED requested at once
        oneEnded = deployToEnd("bench", "bench", nextImage());
        queued = queued(nextImage());
      }
      long rssEnd = rssKb(app.pid(), "VmRSS");
      long rssPeak = rssKb(app.pid(), "VmHWM");

      System.out.println();
      System.out.println("JVM flags: " + (jvmOpts.isEmpty() ? "(none)" : expandArgFiles(jvmOpts)));
      System.out.println("application arguments: " + (appArgs.isEmpty() ? "(none)" : appArgs));
      row("happy path, median of " + MEASURED + " after " + WARMUP + " warm-up", rawMedian, median(deploys.subList(WARMUP, deploys.size())));
      row("first deploy after start", rawFirst, deploys.get(0));
      row("2nd and 3rd deploy after start (mean)", raw23, (deploys.get(1) + deploys.get(2)) / 2);
      if (all) {
        row("rollback: unhealthy seen -> previous healthy", rawRollback, appRollback);
      }
      rows.add(new String[] {"step-to-step gap between steps (median / max)", "-",
          median(gaps.stream().map(Long::doubleValue).toList()) + " / " + Collections.max(gaps) + " ms", ""});
      rows.add(new String[] {"start-up to REST ready", "-", fmt(startup) + " s", ""});
      rows.add(new String[] {"RSS at ready / after the run / peak", "-",
          rssReady / 1024 + " / " + rssEnd / 1024 + " / " + rssPeak / 1024 + " MB", ""});
      if (all) {
        row(FANOUT + " deploys to " + FANOUT + " hosts at once vs one (to smoke test)", single.seconds, fanOut);
        row(FANOUT + " deploys at once: raw docker vs application", rawFanOut, fanOut);
        row(QUEUED + " deploys to one host vs " + QUEUED + " x one (to end)", QUEUED * oneEnded, queued);
      }
      print();
    } finally {
      app.destroy();
      app.waitFor();
      cleanUpContainers();
    }
  }

  // ------------------------------------------------------------------ raw docker

  static double rawDeploy(String name, int port, String image) throws Exception {
    long start = System.nanoTime();
    docker("rm", "-f", name);
    docker("run", "-d", "--name", name, "--init", "--network", "host", "-e", "PORT=" + port, image);
    awaitHealth(name, "healthy");
    return seconds(System.nanoTime() - start);
  }

  static double rawRollback() throws Exception {
    rawDeploy("mcd-bench-raw", RAW_PORT, V1);
    docker("rm", "-f", "mcd-bench-raw");
    docker("run", "-d", "--name", "mcd-bench-raw", "--init", "--network", "host", "-e", "PORT=" + RAW_PORT, UNHEALTHY);
    awaitHealth("mcd-bench-raw", "unhealthy");
    return rawDeploy("mcd-bench-raw", RAW_PORT, V1);
  }

  /**
   * FANOUT raw deploys at once, each its own container: the daemon's own floor for the fan-out. The runs start in
   * parallel; one watcher (not one per container) counts the healthy ones, so the driver does not load the machine.
   */
  static double rawFanOut() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(FANOUT);
    try {
      long[] machineBefore = machineCpuTicks();
      long start = System.nanoTime();
      List<Future<String>> runs = new ArrayList<>();
      for (int i = 1; i <= FANOUT; i++) {
        int n = i;
        runs.add(pool.submit(() -> docker("run", "-d", "--name", "mcd-bench-raw-f" + n, "--init", "--network", "host",
            "-e", "PORT=" + (19200 + n), V1)));
      }
      for (Future<String> run : runs) {
        run.get();
      }
      while (docker("ps", "-q", "--filter", "name=^/mcd-bench-raw-f", "--filter", "health=healthy")
          .lines().filter(line -> !line.isBlank()).count() < FANOUT) {
        Thread.sleep(20);
      }
      double all = seconds(System.nanoTime() - start);
      printCpu("raw docker: CPU until all " + FANOUT + " were healthy", machineBefore, -1, 0);
      return all;
    } finally {
      pool.shutdownNow();
      cleanUpContainers();
    }
  }

  static void awaitHealth(String name, String status) throws Exception {
    while (!docker("inspect", "-f", "{{.State.Health.Status}}", name).strip().equals(status)) {
      Thread.sleep(20);
    }
  }

  static String docker(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return out;
  }

  static void cleanUpContainers() throws Exception {
    String ids = docker("ps", "-aq", "--filter", "name=^/mcd-bench-");
    for (String id : ids.split("\\s+")) {
      if (!id.isBlank()) {
        docker("rm", "-f", id);
      }
    }
  }

  // ------------------------------------------------------------------ application

  /** A deploy that reached its smoke test: its id, when the driver requested it (epoch ms) and how long it took. */
  record Deploy(String id, long requestedAt, double seconds) {}

  /** Starts the application (profile dev) in {@code dir}, its working directory: H2 database and app.log there. */
  static Process startApp(Path jar, Path dir, Path config, String jvmOpts, String appArgs) throws IOException {
    return startApp(jar, dir, config, jvmOpts, appArgs, PORT, Map.of("SPRING_PROFILES_ACTIVE", "dev"));
  }

  /** Starts the application on {@code port} in {@code dir} (its working directory) with {@code env} added. */
  static Process startApp(Path jar, Path dir, Path config, String jvmOpts, String appArgs, int port,
      Map<String, String> env) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (!jvmOpts.isEmpty()) {
      command.addAll(List.of(jvmOpts.split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.toString(), "--spring.config.additional-location=file:" + config,
        "--server.port=" + port));
    if (!appArgs.isEmpty()) {
      command.addAll(List.of(appArgs.split("\\s+")));
    }
    Files.createDirectories(dir);
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(dir.resolve("app.log").toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  /**
   * The training run of class data sharing (bench/run.sh): the application started with
   * {@code -XX:ArchiveClassesAtExit} runs two deploys end to end and stops, so the archive holds the classes a
   * deploy loads (REST, engine, Docker and probe clients), not only those of the start.
   */
  static void train(Path jar, Path dir, Path config, String jvmOpts) throws Exception {
    cleanUpContainers();
    Process app = startApp(jar, dir, config, jvmOpts, "");
    try {
      awaitReady(app);
      deployToEnd("bench", "bench", nextImage());
      deployToEnd("bench", "bench", nextImage());
    } finally {
      app.destroy(); // a normal exit: the JVM writes the archive
      app.waitFor();
      cleanUpContainers();
    }
  }

  static void awaitReady(Process app) throws Exception {
    while (true) {
      if (!app.isAlive()) {
        throw new IllegalStateException("the application exited; see app.log");
      }
      try {
        if (get("mayor", "/engine-rest/process-definition/key/canary-deploy").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(50);
    }
  }

  static Deploy deployToSmokeTest(String service, String host, String image) throws Exception {
    long requestedAt = System.currentTimeMillis();
    long start = System.nanoTime();
    String id = start(service, host, image);
    awaitTask(id, "Task_SmokeTest");
    return new Deploy(id, requestedAt, seconds(System.nanoTime() - start));
  }

  static double deployToEnd(String service, String host, String image) throws Exception {
    long start = System.nanoTime();
    String id = start(service, host, image);
    finishAsCrew(id);
    return seconds(System.nanoTime() - start);
  }

  static String start(String service, String host, String image) throws Exception {
    String body = "{\"variables\":{" + String.join(",",
        variable("title", "Benchmark deploy of " + service), variable("priority", "P2"), variable("owner", "mayor"),
        variable("assignee", "TerraNomadicCity/crew/Ptilopsis"), variable("service", service),
        variable("environment", "canary"), variable("gastownRef", "0123456789abcdef0123456789abcdef01234567"),
        variable("gtruntimeRef", "HEAD"), variable("branch", "canary"), variable("canaryHost", host),
        variable("runnerLabel", "canary"), variable("dockerAccess", "socket"),
        variable("rollbackCriteria", "health fails"), variable("image", image)) + "}}";
    HttpResponse<String> response = post("mayor", "/engine-rest/process-definition/key/canary-deploy/start", body);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("start refused: " + response.statusCode() + " " + response.body());
    }
    return field(response.body(), "id");
  }

  static String variable(String name, String value) {
    return "\"" + name + "\":{\"value\":\"" + value + "\"}";
  }

  /** Polls the deploy's tasks until the task is there; fails fast when the deploy waits at any other task. */
  static String awaitTask(String instance, String taskKey) throws Exception {
    long giveUp = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < giveUp) {
      String tasks = get("admin", "/engine-rest/task?processInstanceId=" + instance).body();
      Matcher key = Pattern.compile("\"taskDefinitionKey\":\"([^\"]+)\"").matcher(tasks);
      while (key.find()) {
        if (!key.group(1).equals("Task_SmokeTest") && !key.group(1).equals("Task_StatusUpdate")) {
          throw new IllegalStateException("deploy " + instance + " waits at " + key.group(1) + ", not " + taskKey);
        }
      }
      if (tasks.contains("\"taskDefinitionKey\":\"" + taskKey + "\"")) {
        String task = get("admin", "/engine-rest/task?processInstanceId=" + instance + "&taskDefinitionKey=" + taskKey)
            .body();
        return field(task, "id");
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("deploy " + instance + " did not reach " + taskKey);
  }

  static void finishAsCrew(String instance) throws Exception {
    complete(awaitTask(instance, "Task_SmokeTest"), SMOKE_TEST_PASSED);
    complete(awaitTask(instance, "Task_StatusUpdate"), "{}");
    awaitEnded(instance);
  }

  static void complete(String task, String body) throws Exception {
    HttpResponse<String> response = post("ptilopsis", "/engine-rest/task/" + task + "/complete", body);
    if (response.statusCode() != 204) {
      throw new IllegalStateException("complete refused: " + response.statusCode() + " " + response.body());
    }
  }

  static String awaitEnded(String instance) throws Exception {
    long giveUp = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < giveUp) {
      String history = get("admin", "/engine-rest/history/process-instance/" + instance).body();
      if (!history.contains("\"state\":\"ACTIVE\"")) {
        return history;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("deploy " + instance + " did not end");
  }

  /** From the history: the failed probe's end (unhealthy seen) to the rolled-back container's healthy probe. */
  static double appRollback() throws Exception {
    String id = start("bench", "bench", UNHEALTHY);
    String ended = awaitEnded(id);
    List<Activity> activities = activities(id);
    long unhealthySeen = activities.stream().filter(a -> a.id.equals("Boundary_HealthFailed"))
        .mapToLong(a -> a.start).min().orElseThrow(() -> new IllegalStateException("not rolled back: " + ended));
    long healthyAgain = activities.stream().filter(a -> a.id.equals("Task_ProbeRolledBackContainer") && a.end > 0)
        .mapToLong(a -> a.end).max().orElseThrow();
    return (healthyAgain - unhealthySeen) / 1000.0;
  }

  record Activity(String id, String type, long start, long end) {}

  static List<Activity> activities(String instance) throws Exception {
    String body = get("admin", "/engine-rest/history/activity-instance?processInstanceId=" + instance
        + "&sortBy=startTime&sortOrder=asc").body();
    List<Activity> activities = new ArrayList<>();
    Matcher object = Pattern.compile("\\{[^{}]*}").matcher(body);
    while (object.find()) {
      String json = object.group();
      String end = field(json, "endTime");
      activities.add(new Activity(field(json, "activityId"), field(json, "activityType"),
          millis(field(json, "startTime")), end == null ? 0 : millis(end)));
    }
    return activities;
  }

  /** Where a deploy's time went: each activity's start after the request and its duration, from the history. */
  static void printTimeline(String which, Deploy deploy) throws Exception {
    System.out.println("timeline of " + which + " (ms after the request: activity, duration):");
    for (Activity activity : activities(deploy.id)) {
      System.out.printf(Locale.ROOT, "  %5d  %-40s %5d%n", activity.start - deploy.requestedAt, activity.id,
          activity.end == 0 ? -1 : activity.end - activity.start);
    }
  }

  /**
   * Between each two consecutive activities (by start; gateways and events included, so a wait is an activity with a
   * duration, not a gap): the time from the one's end to the next one's start, i.e. job pick-up and hand-over.
   */
  static List<Long> stepGaps(String instance) throws Exception {
    List<Activity> steps = activities(instance).stream().filter(a -> !a.type.equals("subProcess") && a.end > 0)
        .toList();
    List<Long> gaps = new ArrayList<>();
    long worst = -1;
    String worstPair = "";
    for (int i = 1; i < steps.size(); i++) {
      Activity step = steps.get(i - 1);
      Activity next = steps.get(i);
      long gap = Math.max(0, next.start - step.end);
      gaps.add(gap);
      if (gap > worst) {
        worst = gap;
        worstPair = step.id + " -> " + next.id;
      }
    }
    System.out.println("largest step-to-step gap: " + worst + " ms, " + worstPair);
    return gaps;
  }

  /**
   * FANOUT deploys requested at once, each service f<i>i</i> to its host entry h<i>i</i>, until all have their
   * smoke-test task; then the crew finishes them. One poller watches all deploys (as a dashboard would), so the
   * driver's own requests do not load the application.
   */
  static double fanOut(String image, long appPid) throws Exception {
    long[] machineBefore = machineCpuTicks();
    long appBefore = processCpuTicks(appPid);
    long start = System.nanoTime();
    List<String> ids = startAtOnce(FANOUT, n -> "f" + n, n -> "h" + n, image, n -> NODE.get());
    awaitSmokeTests(ids);
    double all = seconds(System.nanoTime() - start);
    printCpu("application: CPU until all " + FANOUT + " reached their smoke test", machineBefore, appPid, appBefore);
    finishAllAsCrew(ids);
    return all;
  }

  /** QUEUED deploys requested at once to host {@code bench}, until all ended; the crew answers each task as it appears. */
  static double queued(String image) throws Exception {
    long start = System.nanoTime();
    finishAllAsCrew(startAtOnce(QUEUED, n -> "bench", n -> "bench", image, n -> NODE.get()));
    return seconds(System.nanoTime() - start);
  }

  /** Requests {@code count} deploys at once (in parallel), deploy n through node {@code node(n)}; returns their ids. */
  static List<String> startAtOnce(int count, IntFunction<String> service, IntFunction<String> host, String image,
      IntFunction<String> node) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      List<Future<String>> started = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        int n = i;
        String base = node.apply(n);
        started.add(pool.submit(() -> {
          NODE.set(base);
          return start(service.apply(n), host.apply(n), image);
        }));
      }
      List<String> ids = new ArrayList<>();
      for (Future<String> id : started) {
        ids.add(id.get());
      }
      return ids;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * One watcher (as a dashboard would) waits until all these deploys have their smoke-test task, so the driver's
   * own requests do not load the application; names the deploys that escalated instead.
   */
  static void awaitSmokeTests(List<String> ids) throws Exception {
    String in = String.join(",", ids);
    long giveUp = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (count("/engine-rest/task/count?taskDefinitionKey=Task_SmokeTest&processInstanceIdIn=" + in) < ids.size()) {
      if (System.nanoTime() > giveUp) {
        List<String> escalated = new ArrayList<>();
        for (String id : ids) {
          if (count("/engine-rest/task/count?taskDefinitionKey=Task_SmokeTest&processInstanceId=" + id) == 0) {
            escalated.add(id + " (" + escalation(id) + ")");
          }
        }
        throw new IllegalStateException("not all " + ids.size() + " deploys reached their smoke test: " + escalated);
      }
      Thread.sleep(20);
    }
  }

  /** One crew member answers the smoke tests and status updates of all these deploys as they appear, until all ended. */
  static void finishAllAsCrew(List<String> ids) throws Exception {
    String in = String.join(",", ids);
    Set<String> answered = new HashSet<>();
    long giveUp = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (count("/engine-rest/history/process-instance/count?finished=true&processInstanceIds=" + in) < ids.size()) {
      if (System.nanoTime() > giveUp) {
        throw new IllegalStateException("not all deploys ended: " + in);
      }
      String tasks = get("admin", "/engine-rest/task?processInstanceIdIn=" + in).body();
      // a task's id comes first in its JSON, its key later (nested objects such as camundaFormRef have neither)
      Matcher task = TASK_ID_AND_KEY.matcher(tasks);
      while (task.find()) {
        String id = task.group(1);
        String key = task.group(2);
        if (!answered.add(id)) {
          continue;
        }
        switch (key) {
          case "Task_SmokeTest" -> complete(id, SMOKE_TEST_PASSED);
          case "Task_StatusUpdate" -> complete(id, "{}");
          default -> throw new IllegalStateException("a deploy waits at " + key + " (task " + id + ")");
        }
      }
      Thread.sleep(20);
    }
  }

  /** A count of Camunda's REST API ({@code {"count":n}}). */
  static long count(String path) throws Exception {
    return Long.parseLong(get("admin", path).body().replaceAll("\\D", ""));
  }

  // ------------------------------------------------------------------ several nodes on PostgreSQL (BENCH_NODES=n)

  /** The node this thread's requests go to: BASE, unless a several-nodes run chose another one for the thread. */
  static final ThreadLocal<String> NODE = ThreadLocal.withInitial(() -> BASE);

  /** The job executor's counters of one node, as its /actuator/prometheus shows them (docs/observability.md). */
  record JobCounters(double attempts, double acquired, double conflicts, double rejected, double succeeded,
      double failed, double lockedExclusive) {

    JobCounters minus(JobCounters before) {
      return new JobCounters(attempts - before.attempts, acquired - before.acquired, conflicts - before.conflicts,
          rejected - before.rejected, succeeded - before.succeeded, failed - before.failed,
          lockedExclusive - before.lockedExclusive);
    }
  }

  /**
   * {@code count} nodes (profiles dev and production) on the one PostgreSQL schema bench/run.sh created: one deploy
   * through each node (warm-up and reference), then FANOUT deploys at once, deploy i through node i % count, until
   * all reach their smoke test; per node the job executor's counters during the fan-out.
   */
  static void nodesOnPostgres(Path jar, Path work, Path config, String jvmOpts, int count) throws Exception {
    String database = System.getenv("BENCH_DATABASE_URL");
    String appArgs = System.getenv().getOrDefault("BENCH_APP_ARGS", "").trim();
    cleanUpContainers();
    List<Process> nodes = new ArrayList<>();
    try {
      List<String> bases = new ArrayList<>();
      List<String> startups = new ArrayList<>();
      for (int k = 0; k < count; k++) { // one after the other: the first one creates the schema (Liquibase)
        int port = PORT + k;
        long spawned = System.nanoTime();
        Process node = startNode(jar, work.resolve("node-" + nodeName(k)), config, jvmOpts, appArgs, port,
            database);
        nodes.add(node);
        bases.add("http://127.0.0.1:" + port);
        NODE.set(bases.get(k));
        awaitReady(node);
        startups.add(fmt(seconds(System.nanoTime() - spawned)) + " s");
      }
      List<Double> singles = new ArrayList<>();
      for (int k = 0; k < count; k++) {
        NODE.set(bases.get(k));
        Deploy single = deployToSmokeTest("f" + (k + 1), "h" + (k + 1), nextImage());
        finishAsCrew(single.id);
        singles.add(single.seconds);
      }
      List<JobCounters> before = new ArrayList<>();
      for (String base : bases) {
        before.add(jobCounters(base));
      }
      double all = fanOutAcross(bases, nextImage());
      List<JobCounters> during = new ArrayList<>();
      for (int k = 0; k < count; k++) {
        during.add(jobCounters(bases.get(k)).minus(before.get(k)));
      }

      double one = singles.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      System.out.println();
      System.out.println("nodes: " + count + " on PostgreSQL (" + database + "), profiles dev,production");
      System.out.println("JVM flags: " + (jvmOpts.isEmpty() ? "(none)" : jvmOpts));
      System.out.println("application arguments: " + (appArgs.isEmpty() ? "(none)" : appArgs));
      rows.add(new String[] {"start-up to REST ready, node " + nodeList(count), "-", String.join(" / ", startups), ""});
      rows.add(new String[] {"one deploy to its smoke test, node " + nodeList(count), "-",
          String.join(" / ", singles.stream().map(s -> fmt(s) + " s").toList()), ""});
      row(FANOUT + " deploys to " + FANOUT + " hosts at once (deploy i through node i % " + count
          + ") vs one (mean), to smoke test", one, all);
      print();
      System.out.println();
      System.out.println("job executor during the fan-out (counter increase per node):");
      System.out.println("| node | acquisition attempts | jobs acquired | acquired failure (conflicts) "
          + "| conflict share | rejected | executed ok | executed failed | locked exclusive |");
      System.out.println("|---|---|---|---|---|---|---|---|---|");
      for (int k = 0; k < count; k++) {
        JobCounters c = during.get(k);
        double selected = c.acquired + c.conflicts;
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f %% | %.0f | %.0f | %.0f | %.0f |%n",
            nodeName(k), c.attempts, c.acquired, c.conflicts, selected == 0 ? 0 : 100 * c.conflicts / selected,
            c.rejected, c.succeeded, c.failed, c.lockedExclusive);
      }
    } finally {
      for (Process node : nodes) {
        node.destroy();
        node.waitFor();
      }
      cleanUpContainers();
    }
  }

  static Process startNode(Path jar, Path dir, Path config, String jvmOpts, String appArgs, int port, String database)
      throws IOException {
    // the production profile's database settings (docs/several-nodes.md); dev's users for the driver
    return startApp(jar, dir, config, jvmOpts, (appArgs + " --mcd.identity.ldap.enabled=false").trim(), port, Map.of(
        "SPRING_PROFILES_ACTIVE", "dev,production",
        "MCD_DATABASE_URL", database,
        "MCD_DATABASE_USER", System.getenv().getOrDefault("BENCH_DATABASE_USER", "mcd_test"),
        "MCD_DATABASE_PASSWORD", System.getenv().getOrDefault("BENCH_DATABASE_PASSWORD", "mcd_test"),
        "MCD_SECRETS_DIR", dir.resolve("secrets").toString()));
  }

  /** FANOUT deploys at once, deploy i requested through node i % nodes; until all have their smoke-test task. */
  static double fanOutAcross(List<String> bases, String image) throws Exception {
    long start = System.nanoTime();
    awaitSmokeTests(startAtOnce(FANOUT, n -> "f" + n, n -> "h" + n, image, n -> bases.get(n % bases.size())));
    return seconds(System.nanoTime() - start);
  }

  /** Why a deploy escalated, from its variables (bench/run.sh drops the database when the run ends). */
  static String escalation(String instance) throws Exception {
    List<String> facts = new ArrayList<>();
    for (String name : List.of("escalationReason", "escalationStepName", "escalationDetail")) {
      String variable = get("admin", "/engine-rest/process-instance/" + instance + "/variables/" + name).body();
      facts.add(name + ": " + field(variable, "value"));
    }
    return String.join(", ", facts);
  }

  static JobCounters jobCounters(String base) throws Exception {
    NODE.set(base);
    String exposition = get("auditor", "/actuator/prometheus").body();
    return new JobCounters(sample(exposition, "mcd_engine_job_acquisition_attempts_total", ""),
        sample(exposition, "mcd_engine_jobs_acquired_total", "outcome=\"success\""),
        sample(exposition, "mcd_engine_jobs_acquired_total", "outcome=\"failure\""),
        sample(exposition, "mcd_engine_jobs_rejected_total", ""),
        sample(exposition, "mcd_engine_jobs_executed_total", "outcome=\"success\""),
        sample(exposition, "mcd_engine_jobs_executed_total", "outcome=\"failure\""),
        sample(exposition, "mcd_engine_jobs_locked_exclusive_total", ""));
  }

  /** The value of the sample of that name whose labels contain {@code label}. */
  static double sample(String exposition, String name, String label) {
    Matcher sample = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? (\\S+)$").matcher(exposition);
    while (sample.find()) {
      if (sample.group(1) == null ? label.isEmpty() : sample.group(1).contains(label)) {
        return Double.parseDouble(sample.group(2));
      }
    }
    throw new IllegalStateException("no sample " + name + " " + label + " in /actuator/prometheus");
  }

  static String nodeName(int k) {
    return String.valueOf((char) ('A' + k));
  }

  static String nodeList(int count) {
    List<String> names = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      names.add(nodeName(k));
    }
    return String.join(" / ", names);
  }

  // ------------------------------------------------------------------ plumbing

  static HttpResponse<String> get(String user, String path) throws Exception {
    return http.send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String user, String path, String body) throws Exception {
    return http.send(request(user, path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpRequest.Builder request(String user, String path) {
    String credentials = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create(NODE.get() + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Basic " + credentials);
  }

  static String field(String json, String name) {
    Matcher value = Pattern.compile("\"" + name + "\":(?:\"([^\"]*)\"|null)").matcher(json);
    return value.find() ? value.group(1) : null;
  }

  static long millis(String camundaTime) {
    return OffsetDateTime.parse(camundaTime, CAMUNDA_TIME).toInstant().toEpochMilli();
  }

  static long rssKb(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("\\D+", ""));
      }
    }
    return -1;
  }

  /** The flags with each {@code @file} (the java launcher's argument files) replaced by its flags. */
  static String expandArgFiles(String flags) throws IOException {
    List<String> expanded = new ArrayList<>();
    for (String flag : flags.split("\\s+")) {
      if (flag.startsWith("@")) {
        for (String line : Files.readAllLines(Path.of(flag.substring(1)))) {
          String withoutComment = line.replaceAll("#.*", "").trim();
          if (!withoutComment.isEmpty()) {
            expanded.add(withoutComment);
          }
        }
      } else {
        expanded.add(flag);
      }
    }
    return String.join(" ", expanded);
  }

  /** USER_HZ of /proc's CPU times. */
  static final double TICKS = 100.0;

  /** The machine's busy and total CPU ticks so far (/proc/stat, all cores). */
  /**
   * Waits until the machine is quiet (under a quarter busy over half a second; at most 30 s), so a figure does not
   * pay for the work the previous one left the daemon.
   */
  static void settle() throws Exception {
    long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < giveUp) {
      long[] before = machineCpuTicks();
      Thread.sleep(500);
      long[] after = machineCpuTicks();
      if ((after[0] - before[0]) < 0.25 * (after[1] - before[1])) {
        return;
      }
    }
  }

  static long[] machineCpuTicks() throws IOException {
    String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long total = 0;
    for (int i = 1; i < cpu.length; i++) {
      total += Long.parseLong(cpu[i]);
    }
    long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
    return new long[] {total - idle, total};
  }

  /** The machine's CPU since {@code machineBefore}, and the application's since {@code appBefore} (pid -1: none). */
  static void printCpu(String what, long[] machineBefore, long appPid, long appBefore) throws IOException {
    long[] machineAfter = machineCpuTicks();
    String app = appPid < 0 ? "" : String.format(Locale.ROOT, ", the application %.1f s",
        (processCpuTicks(appPid) - appBefore) / TICKS);
    System.out.printf(Locale.ROOT, "%s: machine %.1f s busy of %.1f s (%d cores)%s%n", what,
        (machineAfter[0] - machineBefore[0]) / TICKS, (machineAfter[1] - machineBefore[1]) / TICKS,
        Runtime.getRuntime().availableProcessors(), app);
  }

  /** A process's user + system CPU ticks so far (/proc/PID/stat). */
  static long processCpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  static String nextImage() {
    return imageFlip++ % 2 == 0 ? V1 : V2;
  }

  static double seconds(long nanos) {
    return nanos / 1e9;
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static String fmt(double seconds) {
    return String.format(Locale.ROOT, "%.2f", seconds);
  }

  static void row(String figure, double raw, double app) {
    rows.add(new String[] {figure, fmt(raw) + " s", fmt(app) + " s", String.format(Locale.ROOT, "%.2f", app / raw)});
  }

  static void print() {
    System.out.println("| figure | raw docker / reference | application | ratio |");
    System.out.println("|---|---|---|---|");
    rows.forEach(r -> System.out.println("| " + String.join(" | ", r) + " |"));
  }
}
