package com.mayorcrew.deploy.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** A private local unix socket that docker-java talks to, carried to a daemon by processes this one runs. */
interface LocalSocketTransport extends AutoCloseable {

  /** The docker-java endpoint of the local socket: unix://... */
  String dockerHost();

  /** False once the transport cannot carry connections any more (its process ended); it is then reopened. */
  boolean isAlive();

  /**
   * What the transport's helper process said when it failed to carry a connection opened after
   * {@code sinceNanos} ({@link System#nanoTime()}): the daemon's or ssh's or sudo's own words.
   */
  default Optional<String> failureSince(long sinceNanos) {
    return Optional.empty();
  }

  @Override
  void close();

  /** A fresh directory under java.io.tmpdir that only this user can enter: the local socket lives in it. */
  static Path privateDirectory(String prefix) throws IOException {
    return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), prefix,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a leftover private temp directory is harmless
    }
  }
}
