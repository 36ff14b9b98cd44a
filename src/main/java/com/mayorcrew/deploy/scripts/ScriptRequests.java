package com.mayorcrew.deploy.scripts;

import com.mayorcrew.deploy.config.DeployProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Builds the script requests of a deploy from the configuration: the container spec of {@code mcd.services.<name>}
 * becomes canary-deploy.sh options, the canary host's endpoint becomes DOCKER_HOST, and {@code mcd.scripts}
 * adds arguments, environment, secrets and time limits. Request values arrive as separate argv elements.
 */
@Component
public class ScriptRequests {

  private final DeployProperties deploy;
  private final ScriptProperties scripts;

  public ScriptRequests(DeployProperties deploy, ScriptProperties scripts) {
    this.deploy = deploy;
    this.scripts = scripts;
  }

  /** The fields of a deploy that every script request needs. */
  public record Target(String deployId, String host, String service, String environment, String dockerAccess) {}

  public ScriptRequest deploy(Target target, String step, String image) {
    DeployProperties.Service service = deploy.service(target.service(), target.environment());
    List<String> args = new ArrayList<>(common(target, service));
    args.addAll(List.of("--image", image, "--network", service.networkMode(), "--restart", service.restartPolicy(),
        "--health-timeout", healthTimeoutSeconds(service)));
    service.ports().forEach(port -> args.addAll(List.of("--publish", port)));
    service.mounts().forEach(mount -> args.addAll(List.of("--mount", mount)));
    service.env().forEach((name, value) -> args.addAll(List.of("--env", name + "=" + value)));
    service.secretEnv().keySet().forEach(name -> args.addAll(List.of("--secret-env", name)));
    service.labels().forEach((name, value) -> args.addAll(List.of("--label", name + "=" + value)));
    args.addAll(scripts.service(target.service()).args());
    if (!service.command().isEmpty()) {
      args.add("--");
      args.addAll(service.command());
    }
    return request(target, step, Script.DEPLOY, args);
  }

  public ScriptRequest rollback(Target target, String step) {
    DeployProperties.Service service = deploy.service(target.service(), target.environment());
    List<String> args = new ArrayList<>(common(target, service));
    args.addAll(List.of("--health-timeout", healthTimeoutSeconds(service)));
    return request(target, step, Script.ROLLBACK, args);
  }

  public boolean hasMigration(String service) {
    return !scripts.service(service).migrationCommand().isEmpty();
  }

  /** The service's migration command, run in its container; see {@link #hasMigration}. */
  public ScriptRequest migration(Target target, String step) {
    List<String> command = scripts.service(target.service()).migrationCommand();
    if (command.isEmpty()) {
      throw new IllegalStateException("service " + target.service() + " has no migration command");
    }
    DeployProperties.Service service = deploy.service(target.service(), target.environment());
    List<String> args = new ArrayList<>(List.of("--container", service.containerName(),
        "--docker-access", target.dockerAccess(), "--"));
    args.addAll(command);
    return request(target, step, Script.MIGRATE, args);
  }

  private static List<String> common(Target target, DeployProperties.Service service) {
    return List.of("--container", service.containerName(), "--docker-access", target.dockerAccess(),
        "--deploy-id", target.deployId());
  }

  private ScriptRequest request(Target target, String step, Script script, List<String> args) {
    ScriptProperties.Service settings = scripts.service(target.service());
    Map<String, String> env = new HashMap<>(dockerEnvironment(deploy.host(target.host())));
    env.putAll(settings.env());
    // The container's secrets reach docker through the script's environment, never through argv.
    Map<String, String> secretEnv = new HashMap<>(deploy.service(target.service(), target.environment()).secretEnv());
    secretEnv.putAll(settings.secretEnv());
    Duration timeout = scripts.timeout(target.service(), script);
    return new ScriptRequest(new ScriptRun(target.deployId(), step), script, args, env, secretEnv, timeout);
  }

  /** The docker CLI reaches the canary host like the application does: unix, tcp (with TLS) or ssh. */
  private static Map<String, String> dockerEnvironment(DeployProperties.Host host) {
    Map<String, String> env = new HashMap<>();
    if (host.dockerEndpoint() != null && !host.dockerEndpoint().isBlank()) {
      env.put("DOCKER_HOST", host.dockerEndpoint());
    }
    if (host.tlsVerify()) {
      env.put("DOCKER_TLS_VERIFY", "1");
      env.put("DOCKER_CERT_PATH", host.certPath().toString());
    }
    return env;
  }

  private static String healthTimeoutSeconds(DeployProperties.Service service) {
    return Long.toString(Math.max(1, service.health().timeout().toSeconds()));
  }
}
