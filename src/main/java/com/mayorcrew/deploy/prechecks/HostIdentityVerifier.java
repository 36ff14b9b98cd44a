package com.mayorcrew.deploy.prechecks;

import com.mayorcrew.deploy.config.DeployProperties.Host;
import com.mayorcrew.deploy.docker.DaemonIdentity;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Decides whether the daemon we reached is the canary host the request names. A deploy to the wrong machine is
 * worse than no deploy, so anything short of a positive match is "identity unclear".
 */
final class HostIdentityVerifier {

  private HostIdentityVerifier() {}

  /** Why the identity is unclear, or empty when the daemon is the expected host. */
  public static Optional<String> mismatch(String hostName, Host host, DaemonIdentity daemon) {
    boolean nameConfigured = host.expectedName() != null && !host.expectedName().isBlank();
    boolean idConfigured = host.expectedId() != null && !host.expectedId().isBlank();
    if (idConfigured && !host.expectedId().equals(daemon.id())) {
      return Optional.of("host '" + hostName + "': daemon ID is '" + daemon.id() + "', expected '" + host.expectedId() + "'");
    }
    String expectedName = nameConfigured ? host.expectedName() : idConfigured ? null : localNameFor(host);
    if (expectedName == null && !idConfigured) {
      return Optional.of("host '" + hostName + "': no expected name or ID is configured for remote endpoint "
          + host.dockerEndpoint() + " (set mcd.hosts." + hostName + ".expected-name)");
    }
    if (expectedName != null && !expectedName.equalsIgnoreCase(daemon.name())) {
      return Optional.of("host '" + hostName + "': daemon reports name '" + daemon.name() + "', expected '" + expectedName + "'");
    }
    return Optional.empty();
  }

  /** A daemon on a local unix socket is expected to be this machine. */
  private static String localNameFor(Host host) {
    if (host.dockerEndpoint() == null || !host.dockerEndpoint().startsWith("unix://")) {
      return null;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
