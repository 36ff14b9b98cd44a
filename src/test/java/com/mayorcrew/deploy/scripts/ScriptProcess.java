package com.mayorcrew.deploy.scripts;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a deploy/ script directly (as an operator would) and reads its output and last-line JSON. */
public final class ScriptProcess {

  static final Path DEPLOY_DIR = Path.of("deploy").toAbsolutePath();

  public record Result(int exitCode, String output, Map<String, Object> json) {}

  private ScriptProcess() {}

  public static Result run(Map<String, String> env, String script, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(DEPLOY_DIR.resolve(script).toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(script + " did not end:\n" + output);
    }
    String[] lines = output.strip().split("\n");
    Map<String, Object> json = new ObjectMapper().readValue(lines[lines.length - 1],
        new TypeReference<Map<String, Object>>() {});
    return new Result(process.exitValue(), output, json);
  }

  static String docker(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(60, TimeUnit.SECONDS);
    return output.strip();
  }
}
