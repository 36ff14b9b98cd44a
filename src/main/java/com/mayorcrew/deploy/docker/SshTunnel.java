package com.mayorcrew.deploy.docker;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A forwarding of a private local unix socket to a remote host's Docker socket (the endpoint's path, else
 * /var/run/docker.sock), run by the system {@code ssh} binary: docker-java has no ssh transport. The socket lives
 * in a fresh directory only we can read.
 */
final class SshTunnel implements AutoCloseable {

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
    Path directory = Files.createTempDirectory(
        Path.of(System.getProperty("java.io.tmpdir")), "mcd-ssh-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path socket = directory.resolve("docker.sock");
    Path errors = directory.resolve("ssh.err");
    Process process;
    try {
      process = new ProcessBuilder(command(endpoint, socket, connectTimeout, identityFile, knownHostsFile))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(errors.toFile())
          .start();
    } catch (IOException e) {
      deleteRecursively(directory);
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

  /** The ssh argv; "--" keeps a destination that starts with '-' from being read as an option. */
  static List<String> command(URI endpoint, Path localSocket, Duration connectTimeout, Path identityFile,
      Path knownHostsFile) {
    if (endpoint.getHost() == null) {
      throw new IllegalArgumentException("ssh endpoint without a host: " + endpoint);
    }
    List<String> command = new ArrayList<>(List.of(
        "ssh", "-nNT",
        "-o", "ExitOnForwardFailure=yes",
        "-o", "BatchMode=yes",
        "-o", "ConnectTimeout=" + Math.max(1, connectTimeout.toSeconds()),
        "-L", localSocket + ":" + remoteSocket(endpoint)));
    if (identityFile != null) {
      command.addAll(List.of("-i", identityFile.toString(), "-o", "IdentitiesOnly=yes"));
    }
    if (knownHostsFile != null) {
      command.addAll(List.of("-o", "UserKnownHostsFile=" + knownHostsFile));
    }
    if (endpoint.getPort() != -1) {
      command.addAll(List.of("-p", Integer.toString(endpoint.getPort())));
    }
    String user = endpoint.getUserInfo();
    command.add("--");
    command.add(user == null ? endpoint.getHost() : user + "@" + endpoint.getHost());
    return command;
  }

  private static String remoteSocket(URI endpoint) {
    String path = endpoint.getPath();
    return path == null || path.isEmpty() || path.equals("/") ? REMOTE_SOCKET : path;
  }

  String dockerHost() {
    return "unix://" + socket;
  }

  boolean isAlive() {
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
    deleteRecursively(directory);
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a leftover private temp directory is harmless
    }
  }
}
