package com.mayorcrew.deploy.docker;

import java.util.List;
import java.util.Locale;

/**
 * The Docker daemon of a canary host cannot be reached, refuses us or does not answer: connection refused, socket
 * missing, timeout, permission denied, HTTP 401/403. Other Docker API failures (404, 409, 500) are not this
 * exception. Its message says which of the two {@link Kind}s it is, first: "permission denied: ..." or
 * "unreachable: ...".
 */
public class DockerUnavailableException extends RuntimeException {

  /** Whether someone must grant access, or the daemon (or the way to it) must come back. */
  public enum Kind {
    PERMISSION_DENIED("permission denied", "grant the access: the login user's key in authorized_keys (ssh), the "
        + "user in the Docker socket's group (group), a sudo rule that runs docker without a password (sudo); "
        + "or request another dockerAccess the host offers"),
    UNREACHABLE("unreachable", "bring the daemon back (or the network, ssh, the endpoint), then retry");

    private final String label;
    private final String hint;

    Kind(String label, String hint) {
      this.label = label;
      this.hint = hint;
    }

    public String label() {
      return label;
    }

    /** What a person can do about it, for the evidence. */
    public String hint() {
      return hint;
    }
  }

  /**
   * The words of sudo, the Docker CLI, ssh, the kernel (EACCES) and an authorization plugin (401/403) for "you
   * may not", lower-case.
   */
  private static final List<String> DENIALS = List.of("permission denied", "a password is required",
      "is not in the sudoers file", "not allowed to execute", "a terminal is required", "http 401", "http 403");

  private final String hostName;
  private final String endpoint;
  private final Kind kind;
  private final String evidence;

  public DockerUnavailableException(String hostName, String endpoint, String reason, Throwable cause) {
    this(hostName, endpoint, reason, "endpoint: " + endpoint + " (host '" + hostName + "')\nfailure: " + reason,
        cause);
  }

  /**
   * @param reason the failure in its own words; its {@link Kind} is read from them
   * @param evidence what the mayor's task shows: the call, the endpoint and how long it was waited for
   */
  public DockerUnavailableException(String hostName, String endpoint, String reason, String evidence,
      Throwable cause) {
    this(hostName, endpoint, kindOf(reason), reason, evidence, cause);
  }

  private DockerUnavailableException(String hostName, String endpoint, Kind kind, String reason, String evidence,
      Throwable cause) {
    super("host '" + hostName + "' (" + endpoint + "): " + labelled(kind, reason), cause);
    this.hostName = hostName;
    this.endpoint = endpoint;
    this.kind = kind;
    this.evidence = evidence + "\nwhat to do: " + kind.hint();
  }

  static Kind kindOf(String reason) {
    String lower = reason.toLowerCase(Locale.ROOT);
    return DENIALS.stream().anyMatch(lower::contains) ? Kind.PERMISSION_DENIED : Kind.UNREACHABLE;
  }

  private static String labelled(Kind kind, String reason) {
    return reason.toLowerCase(Locale.ROOT).startsWith(kind.label()) ? reason : kind.label() + ": " + reason;
  }

  public String hostName() {
    return hostName;
  }

  public String endpoint() {
    return endpoint;
  }

  public Kind kind() {
    return kind;
  }

  public String evidence() {
    return evidence;
  }
}
