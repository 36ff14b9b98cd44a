package com.mayorcrew.deploy.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a node script of src/test/browser that drives Debian's headless Chromium through playwright-core.
 * Node and Chromium are required (CI installs them), so their absence fails the calling test.
 */
public final class BrowserScripts {

  public static final Path SCREENSHOTS = Path.of("target/screenshots").toAbsolutePath();
  private static final Path SCRIPTS = Path.of("src/test/browser");
  private static final String CHROMIUM = System.getenv().getOrDefault("MCD_CHROMIUM", "/usr/bin/chromium");

  public record Result(int exitCode, String output) {}

  private BrowserScripts() {}

  /** Runs {@code node <script>} with the environment given plus CHROMIUM and SCREENSHOTS. */
  public static Result run(String script, Map<String, String> environment) throws IOException, InterruptedException {
    assertThat(Path.of(CHROMIUM)).as("Chromium (apt-get install -y --no-install-recommends chromium)").isExecutable();
    assertThat(execute(List.of("node", "--version"), Map.of(), 30).exitCode()).as("node (apt-get install nodejs npm)")
        .isZero();
    if (!Files.isDirectory(SCRIPTS.resolve("node_modules/playwright-core"))) {
      Result install = execute(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 300);
      assertThat(install.exitCode()).as("npm ci in src/test/browser:\n" + install.output()).isZero();
    }
    Map<String, String> all = new HashMap<>(environment);
    all.put("CHROMIUM", CHROMIUM);
    all.put("SCREENSHOTS", SCREENSHOTS.toString());
    return execute(List.of("node", script), all, 180);
  }

  private static Result execute(List<String> command, Map<String, String> environment, int timeoutSeconds)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("mcd-browser", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(SCRIPTS.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return new Result(-1, command.get(0) + " cannot run: " + e.getMessage());
    }
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Result(-1, String.join(" ", command) + " timed out:\n" + Files.readString(log));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    System.out.println(output);
    return new Result(process.exitValue(), output);
  }
}
