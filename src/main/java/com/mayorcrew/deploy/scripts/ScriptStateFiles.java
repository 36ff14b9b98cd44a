package com.mayorcrew.deploy.scripts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mayorcrew.deploy.config.DeployProperties;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The state deploy/canary-rollback.sh reads, written for a deploy the application ran itself through docker-java,
 * so the script rolls back a docker-mode deploy exactly as it rolls back its own: {@code <container>.state} and
 * {@code .json} (the record, in the scripts' format), {@code .history.jsonl} (appended) and {@code .run} (the
 * container's docker run options, NUL-separated, secrets by name only) in {@code mcd.scripts.state-dir}.
 */
@Component
public class ScriptStateFiles {

  /** The record's keys in the scripts' order (deploy/lib/common.sh RECORD_KEYS). */
  private static final List<String> KEYS = List.of("action", "result", "exit_code", "reason", "message",
      "container", "image", "image_id", "previous_image", "previous_image_id", "current_image", "current_image_id",
      "container_id", "deploy_id", "finished_at", "state_file");

  /** What a deploy did to a service's container, as the scripts record it. */
  public record DeployState(String deployId, String service, String environment, String image,
      String previousImage, String containerId, String result) {}

  private final Path stateDir;
  private final DeployProperties properties;
  private final ObjectMapper json = new ObjectMapper();

  ScriptStateFiles(ScriptProperties scripts, DeployProperties properties) {
    this.stateDir = scripts.stateDir();
    this.properties = properties;
  }

  /** Writes the state of the deploy's container; a later write of the same container replaces it. */
  public void record(DeployState deploy) {
    DeployProperties.Service spec = properties.service(deploy.service(), deploy.environment());
    String container = spec.containerName();
    Path stateFile = stateDir.resolve(container + ".state");
    Map<String, Object> record = new LinkedHashMap<>();
    KEYS.forEach(key -> record.put(key, ""));
    record.put("action", "deploy");
    record.put("result", deploy.result());
    record.put("exit_code", "success".equals(deploy.result()) ? 0 : 1);
    record.put("container", container);
    record.put("image", deploy.image());
    record.put("previous_image", deploy.previousImage());
    record.put("current_image", deploy.image());
    record.put("container_id", deploy.containerId());
    record.put("deploy_id", deploy.deployId());
    record.put("finished_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    record.put("state_file", stateFile.toAbsolutePath().toString());
    try {
      Files.createDirectories(stateDir);
      writeAtomically(stateDir.resolve(container + ".run"), runSpec(deploy.service(), spec));
      StringBuilder lines = new StringBuilder();
      record.forEach((key, value) -> lines.append(key).append('=').append(oneLine(value)).append('\n'));
      writeAtomically(stateFile, lines.toString().getBytes(StandardCharsets.UTF_8));
      byte[] jsonLine = (json.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
      writeAtomically(stateDir.resolve(container + ".json"), jsonLine);
      Files.write(stateDir.resolve(container + ".history.jsonl"), jsonLine, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the script state of " + container + " in " + stateDir, e);
    }
  }

  /**
   * The docker run options the application's container runs with: the scripts restore the previous image with
   * them. Secret variables appear by name ({@code -e NAME}): docker reads their values from the script's
   * environment.
   */
  static byte[] runSpec(String service, DeployProperties.Service spec) {
    List<String> options = new ArrayList<>(List.of("--network", spec.networkMode(), "--restart",
        spec.restartPolicy(), "--init"));
    spec.ports().forEach(port -> options.addAll(List.of("-p", port)));
    spec.mounts().forEach(mount -> options.addAll(List.of("-v", mount)));
    spec.env().forEach((name, value) -> options.addAll(List.of("-e", name + "=" + value)));
    spec.secretEnv().keySet().forEach(name -> options.addAll(List.of("-e", name)));
    spec.labels().forEach((name, value) -> options.addAll(List.of("--label", name + "=" + value)));
    options.addAll(List.of("--label", "mcd.service=" + service, "--label", "mcd.managed-by=mayor-crew-deploy"));
    options.add("--");
    options.addAll(spec.command());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    options.forEach(option -> {
      bytes.writeBytes(option.getBytes(StandardCharsets.UTF_8));
      bytes.write(0);
    });
    return bytes.toByteArray();
  }

  private static String oneLine(Object value) {
    return String.valueOf(value).replaceAll("[\n\r\t]", " ");
  }

  private static void writeAtomically(Path file, byte[] content) throws IOException {
    Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    Files.write(temporary, content);
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
