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

/** shellcheck (Debian's package) finds nothing in deploy/*.sh and deploy/lib/*.sh. */
class ShellcheckScriptTest {

  @Test
  void theDeployScriptsAreShellcheckClean() throws Exception {
    List<String> command = new ArrayList<>(List.of("shellcheck", "-x"));
    try (Stream<Path> files = Stream.concat(Files.list(Path.of("deploy")), Files.list(Path.of("deploy/lib")))) {
      files.filter(file -> file.toString().endsWith(".sh")).sorted().forEach(file -> command.add(file.toString()));
    }
    assertThat(command).hasSizeGreaterThan(6);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String findings = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(findings).isZero();
  }
}
