package com.mayorcrew.deploy.docker;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parts of an {@code ssh} argv that every ssh transport of an endpoint {@code ssh://user@host[:port][/socket]}
 * shares: never prompt, the connect timeout, the configured key and known_hosts file, the port, and the
 * destination after "--" (so that one starting with '-' is not read as an option).
 */
final class SshCommand {

  /** The remote socket path travels in the remote command line, which the remote shell splits: plain paths only. */
  private static final Pattern PLAIN_PATH = Pattern.compile("/[A-Za-z0-9._/-]*");

  private SshCommand() {}

  static List<String> options(URI endpoint, Duration connectTimeout, Path identityFile, Path knownHostsFile) {
    List<String> options = new ArrayList<>(List.of(
        "-o", "BatchMode=yes",
        "-o", "ConnectTimeout=" + Math.max(1, connectTimeout.toSeconds())));
    if (identityFile != null) {
      options.addAll(List.of("-i", identityFile.toString(), "-o", "IdentitiesOnly=yes"));
    }
    if (knownHostsFile != null) {
      options.add("-o");
      options.add("UserKnownHostsFile=" + knownHostsFile);
    }
    if (endpoint.getPort() != -1) {
      options.addAll(List.of("-p", Integer.toString(endpoint.getPort())));
    }
    return options;
  }

  /** "--" and user@host. */
  static List<String> destination(URI endpoint) {
    if (endpoint.getHost() == null) {
      throw new IllegalArgumentException("ssh endpoint without a host: " + endpoint);
    }
    String user = endpoint.getUserInfo();
    return List.of("--", user == null ? endpoint.getHost() : user + "@" + endpoint.getHost());
  }

  /** The endpoint's path: the daemon's socket on the remote host; empty when the endpoint names none. */
  static Optional<String> remoteSocket(URI endpoint) {
    String path = endpoint.getPath();
    if (path == null || path.isEmpty() || path.equals("/")) {
      return Optional.empty();
    }
    if (!PLAIN_PATH.matcher(path).matches()) {
      throw new IllegalArgumentException("ssh endpoint " + endpoint + ": the remote socket path may only hold "
          + "letters, digits, '.', '_', '-' and '/'");
    }
    return Optional.of(path);
  }
}
