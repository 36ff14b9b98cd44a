package com.mayorcrew.deploy.docker;

/**
 * The Docker daemon of a canary host cannot be reached, refuses us or does not answer: connection refused, socket
 * missing, timeout, permission denied, HTTP 401/403. Other Docker API failures (404, 409, 500) are not this
 * exception.
 */
public class DockerUnavailableException extends RuntimeException {

  private final String hostName;
  private final String endpoint;
  private final String evidence;

  public DockerUnavailableException(String hostName, String endpoint, String reason, Throwable cause) {
    this(hostName, endpoint, reason, "endpoint: " + endpoint + " (host '" + hostName + "')\nfailure: " + reason,
        cause);
  }

  /** @param evidence what the mayor's task shows: the call, the endpoint and how long it was waited for */
  public DockerUnavailableException(String hostName, String endpoint, String reason, String evidence,
      Throwable cause) {
    super("host '" + hostName + "' (" + endpoint + "): " + reason, cause);
    this.hostName = hostName;
    this.endpoint = endpoint;
    this.evidence = evidence;
  }

  public String hostName() {
    return hostName;
  }

  public String endpoint() {
    return endpoint;
  }

  public String evidence() {
    return evidence;
  }
}
