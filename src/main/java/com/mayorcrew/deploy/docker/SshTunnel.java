package com.mayorcrew.deploy.docker;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A forwarding of a private local unix socket to a remote host's Docker socket (the endpoint's path, else
 * /var/run/docker.sock), run by the system {@code ssh} binary: docker-java has no ssh transport. The socket lives
 * in a fresh directory only we can read.
 */
final class SshTunnel implements LocalSocketTransport {

  static final String REMOTE_SOCKET = "/var/run/docker.sock";
  // covers the TCP connect, key exchange and authentication of a slow host
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

  private final Process process;
  private final Path directory;
  private final Path socket;

  private SshTunnel(Process process, Path directory, Path socket) {
    this.process = process;
    this.directory = directory;
    this.socket = socket;
  }

  /** Starts ssh and waits until the local socket exists; throws IOException with ssh's own error otherwise. */
  static SshTunnel open(URI endpoint, Duration connectTimeout, Path identityFile, Path knownHostsFile)
      throws IOException {
    Path directory = LocalSocketTransport.privateDirectory("mcd-ssh-");
    Path socket = directory.resolve("docker.sock");
    Path errors = directory.resolve("ssh.err");
    Process process;
    try {
      process = new ProcessBuilder(command(endpoint, socket, connectTimeout, identityFile, knownHostsFile))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(errors.toFile())
          .start();
    } catch (IOException e) {
      LocalSocketTransport.deleteRecursively(directory);
      throw new IOException("cannot run ssh: " + e.getMessage(), e);
    }
    SshTunnel tunnel = new SshTunnel(process, directory, socket);
    try {
      tunnel.awaitSocket(errors);
      return tunnel;
    } catch (IOException e) {
      tunnel.close();
      throw e;
    }
  }

  /** The ssh argv: options, the forwarding, the destination. */
  static List<String> command(URI endpoint, Path localSocket, Duration connectTimeout, Path identityFile,
      Path knownHostsFile) {
    List<String> command = new ArrayList<>(List.of("ssh", "-nNT", "-o", "ExitOnForwardFailure=yes",
        "-L", localSocket + ":" + SshCommand.remoteSocket(endpoint).orElse(REMOTE_SOCKET)));
    command.addAll(SshCommand.options(endpoint, connectTimeout, identityFile, knownHostsFile));
    command.addAll(SshCommand.destination(endpoint));
    return command;
  }

  @Override
  public String dockerHost() {
    return "unix://" + socket;
  }

  @Override
  public boolean isAlive() {
    return process.isAlive();
  }

  private void awaitSocket(Path errors) throws IOException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!Files.exists(socket)) {
      if (!process.isAlive()) {
        throw new IOException("ssh tunnel exited with " + process.exitValue() + ": " + lastLine(errors));
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("ssh tunnel not ready after " + READY_TIMEOUT.toSeconds() + " s: " + lastLine(errors));
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the ssh tunnel", e);
      }
    }
  }

  private static String lastLine(Path file) {
    try {
      List<String> lines = Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
      return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).trim();
    } catch (IOException e) {
      return "no output";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    LocalSocketTransport.deleteRecursively(directory);
  }
}
