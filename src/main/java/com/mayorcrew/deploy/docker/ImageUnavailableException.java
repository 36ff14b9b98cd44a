package com.mayorcrew.deploy.docker;

/** An image is neither present on the host nor pullable (unknown repository or tag, registry unreachable). */
public class ImageUnavailableException extends RuntimeException {

  public ImageUnavailableException(String message) {
    super(message);
  }

  public ImageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
