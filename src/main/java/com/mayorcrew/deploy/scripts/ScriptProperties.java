package com.mayorcrew.deploy.scripts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How services in execution mode {@code script} run the scripts of deploy/. Bound from {@code mcd.scripts.*}.
 *
 * @param directory the scripts directory; only the scripts of {@link Script} in it ever run
 * @param runsDir where each run keeps its heartbeat, end and full output: {@code <runs-dir>/<deployId>/<step>/};
 *     on a volume shared by the nodes when several share one database
 * @param stateDir the scripts' state directory, passed as CANARY_STATE_DIR
 * @param defaultTimeout how long a script may run when its service sets no timeout for it
 * @param killGrace after SIGTERM to a timed-out run's process group, how long before SIGKILL (whole seconds)
 * @param heartbeatInterval how often a run's wrapper writes its heartbeat (whole seconds, at least 1s)
 * @param lostAfter a run whose last heartbeat is older than this and that recorded no end is lost (its node or
 *     wrapper died); at least three heartbeat intervals, and more than the clock difference between the nodes
 * @param services per-service settings, keyed like {@code mcd.services}
 */
@ConfigurationProperties("mcd.scripts")
record ScriptProperties(
    @DefaultValue("deploy") Path directory,
    @DefaultValue("./logs/scripts") Path runsDir,
    @DefaultValue("./logs/canary-state") Path stateDir,
    @DefaultValue("10m") Duration defaultTimeout,
    @DefaultValue("5s") Duration killGrace,
    @DefaultValue("2s") Duration heartbeatInterval,
    @DefaultValue("15s") Duration lostAfter,
    Map<String, Service> services) {

  public ScriptProperties {
    if (heartbeatInterval.toSeconds() < 1) {
      throw new IllegalArgumentException("mcd.scripts.heartbeat-interval must be at least 1s: " + heartbeatInterval);
    }
    // Fewer missed heartbeats than this would report a live run lost after one slow write on a shared volume.
    if (lostAfter.compareTo(heartbeatInterval.multipliedBy(3)) < 0) {
      throw new IllegalArgumentException("mcd.scripts.lost-after (" + lostAfter
          + ") must be at least three heartbeat intervals (" + heartbeatInterval + ")");
    }
    services = services == null ? Map.of() : Map.copyOf(services);
  }

  public Service service(String name) {
    return services.getOrDefault(name, Service.NONE);
  }

  public Duration timeout(String service, Script script) {
    return service(service).timeouts().getOrDefault(script, defaultTimeout);
  }

  /**
   * @param args extra arguments of canary-deploy.sh, after the ones derived from {@code mcd.services.<name>}
   * @param env plain environment of every script of the service
   * @param secretEnv script environment variable -> secret name, resolved when a run starts (the container's
   *     own {@code mcd.services.<name>.secret-env} is passed as well)
   * @param migrationCommand argv run in the container after a deploy ({@code docker exec}, no shell); empty: none
   * @param timeouts per script, e.g. {@code deploy: 15m}
   */
  public record Service(
      List<String> args,
      Map<String, String> env,
      Map<String, String> secretEnv,
      List<String> migrationCommand,
      Map<Script, Duration> timeouts) {

    static final Service NONE = new Service(null, null, null, null, null);

    public Service {
      args = args == null ? List.of() : List.copyOf(args);
      env = env == null ? Map.of() : Map.copyOf(env);
      secretEnv = secretEnv == null ? Map.of() : Map.copyOf(secretEnv);
      migrationCommand = migrationCommand == null ? List.of() : List.copyOf(migrationCommand);
      timeouts = timeouts == null ? Map.of() : Map.copyOf(timeouts);
    }
  }
}
