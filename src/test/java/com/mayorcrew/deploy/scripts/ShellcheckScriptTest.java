package com.mayorcrew.deploy.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** shellcheck (Debian's package) finds nothing in deploy/*.sh, deploy/lib/*.sh, deploy/demo/*.sh and deploy/mcd. */
class ShellcheckScriptTest {

  @Test
  void theDeployScriptsAreShellcheckClean() throws Exception {
    List<String> command = new ArrayList<>(List.of("shellcheck", "-x"));
    try (Stream<Path> files = Stream.of("deploy", "deploy/lib", "deploy/demo").map(Path::of).flatMap(dir -> {
      try {
        return Files.list(dir);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    })) {
      files.filter(file -> file.toString().endsWith(".sh")).sorted().forEach(file -> command.add(file.toString()));
    }
    command.add("deploy/mcd");
    assertThat(command).hasSizeGreaterThan(9);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String findings = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(findings).isZero();
  }
}
