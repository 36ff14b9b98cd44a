package com.mayorcrew.deploy.docker;

import com.mayorcrew.deploy.config.DeployProperties.Service;

/** Which image a deploy runs: the explicit one of the request, else the service's canary tag for the commit. */
public final class ImageReferences {

  private static final int SHA_PREFIX = 12;

  private ImageReferences() {}

  public static String forDeploy(Service service, String explicitImage, String commitSha) {
    if (explicitImage != null && !explicitImage.isBlank()) {
      return explicitImage;
    }
    if (service.imageRepository() == null || service.imageRepository().isBlank()) {
      throw new IllegalStateException("the service has no image-repository configured and the request names no image");
    }
    return service.imageRepository() + ":canary-" + commitSha.substring(0, Math.min(SHA_PREFIX, commitSha.length()));
  }
}
