package com.mayorcrew.deploy.jobs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The stable identity of one application node. Stable across restarts, so a restarted node recognises the job
 * locks it held when it died; distinct between nodes, so no node ever frees a live node's locks. Derived, it is
 * the host name and a hash of the working directory (which holds the node's ./data and ./logs) and of the HTTP
 * port, so two nodes on one machine differ by either. A node on a random port (0) has no stable identity: it
 * gets a new one at every start, and its locks are taken over after the lease.
 */
final class NodeIdentity {

  /** The engine's lock owner column holds 255 characters. */
  private static final int MAX_LENGTH = 255;

  private NodeIdentity() {}

  static String of(String configured, int serverPort) {
    return of(configured, hostName(), Path.of(System.getProperty("user.dir")), serverPort);
  }

  static String of(String configured, String hostName, Path workingDirectory, int serverPort) {
    if (configured != null && !configured.isBlank()) {
      String id = configured.strip();
      if (id.length() > MAX_LENGTH) {
        throw new IllegalArgumentException("mcd.jobs.node-id is longer than " + MAX_LENGTH + " characters");
      }
      return id;
    }
    String host = hostName.length() > 200 ? hostName.substring(0, 200) : hostName;
    String installation = workingDirectory.toAbsolutePath().normalize() + ":" + serverPort;
    if (serverPort == 0) {
      installation += ":" + UUID.randomUUID();
    }
    return host + "/" + shortHash(installation);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      String fromEnvironment = System.getenv("HOSTNAME");
      return fromEnvironment == null || fromEnvironment.isBlank() ? "localhost" : fromEnvironment;
    }
  }

  private static String shortHash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
