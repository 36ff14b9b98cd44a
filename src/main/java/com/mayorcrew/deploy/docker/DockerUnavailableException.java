package com.mayorcrew.deploy.docker;

/**
 * The Docker daemon of a canary host cannot be reached or refuses us: connection refused, socket missing,
 * timeout, permission denied, HTTP 401/403. Other Docker API failures (404, 409, 500) are not this exception.
 */
public class DockerUnavailableException extends RuntimeException {

  private final String hostName;
  private final String endpoint;

  public DockerUnavailableException(String hostName, String endpoint, String reason, Throwable cause) {
    super("host '" + hostName + "' (" + endpoint + "): " + reason, cause);
    this.hostName = hostName;
    this.endpoint = endpoint;
  }

  public String hostName() {
    return hostName;
  }

  public String endpoint() {
    return endpoint;
  }
}
