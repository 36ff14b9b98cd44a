package com.mayorcrew.deploy.reporting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.context.DeployIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Deploy metadata files in the configured logs directory: one JSON file per deploy, and a latest-pointer per
 * host and service that always names the newest record with its result (upstream wrote its state only on
 * success, so a failed deploy left a stale record behind). Writes are atomic renames, so readers never see a
 * half-written file.
 */
@Component
class DeployMetadataStore {

  private static final Pattern PLAIN_FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

  private final Path directory;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public DeployMetadataStore(DeployProperties properties) {
    this.directory = properties.logsDir().toAbsolutePath().normalize();
  }

  /** Writes the record of one deploy and moves the latest-pointer to it; returns the record's path. */
  public Path write(DeployRecord record) {
    Path file = fileOf(deployId(record.deployId()) + ".json");
    writeAtomically(file, record.toMap());
    writeAtomically(latestPointer(record.host(), record.service()),
        Map.of("deploy_id", record.deployId(), "result", record.result(), "path", file.toString()));
    return file;
  }

  /** Writes the deploy's final status report next to its record. */
  public Path writeStatusReport(String deployId, String text) {
    Path file = statusReportOf(deployId);
    writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
    return file;
  }

  /** Where the deploy's published status report is: one path for the writer and the endpoint that serves it. */
  public Path statusReportOf(String deployId) {
    return fileOf(deployId(deployId) + "-status.txt");
  }

  public Path latestPointer(String host, String service) {
    return fileOf("latest-" + host + "-" + service + ".json");
  }

  private static String deployId(String id) {
    if (id == null || !DeployIds.isValid(id)) {
      throw new IllegalArgumentException("not a deploy id: '" + id + "' (" + DeployIds.RULE + ")");
    }
    return id;
  }

  /**
   * A file of this store by its plain name; whatever a name holds, the file it resolves to must lie directly in the
   * store's directory, so no value from anywhere can make the application write or read a file elsewhere.
   */
  private Path fileOf(String name) {
    Path file = directory.resolve(name).normalize();
    if (!PLAIN_FILE_NAME.matcher(name).matches() || !directory.equals(file.getParent())) {
      throw new IllegalArgumentException("'" + name + "' is not a plain file name in " + directory);
    }
    return file;
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
