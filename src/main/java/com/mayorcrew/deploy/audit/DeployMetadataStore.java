package com.mayorcrew.deploy.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mayorcrew.deploy.config.DeployProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Deploy metadata files in the configured logs directory: one JSON file per deploy, and a latest-pointer per
 * host and service that always names the newest record with its result (upstream wrote its state only on
 * success, so a failed deploy left a stale record behind). Writes are atomic renames, so readers never see a
 * half-written file.
 */
@Component
public class DeployMetadataStore {

  private final Path directory;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public DeployMetadataStore(DeployProperties properties) {
    this.directory = properties.logsDir().toAbsolutePath().normalize();
  }

  /** Writes the record of one deploy and moves the latest-pointer to it; returns the record's path. */
  public Path write(DeployRecord record) {
    Path file = directory.resolve(record.deployId() + ".json");
    writeAtomically(file, record.toMap());
    writeAtomically(latestPointer(record.host(), record.service()),
        Map.of("deploy_id", record.deployId(), "result", record.result(), "path", file.toString()));
    return file;
  }

  /** Writes a plain-text file next to the deploy's record, e.g. its final status report. */
  public Path writeText(String deployId, String suffix, String text) {
    Path file = directory.resolve(deployId + suffix);
    writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
    return file;
  }

  public Path latestPointer(String host, String service) {
    return directory.resolve("latest-" + host + "-" + service + ".json");
  }

  private void writeAtomically(Path file, Map<String, Object> content) {
    try {
      writeAtomically(file, json.writeValueAsBytes(content));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise deploy metadata for " + file, e);
    }
  }

  private void writeAtomically(Path file, byte[] content) {
    try {
      Files.createDirectories(file.getParent());
      Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
      Files.write(temporary, content);
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
