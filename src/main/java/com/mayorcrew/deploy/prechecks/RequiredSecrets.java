package com.mayorcrew.deploy.prechecks;

import com.mayorcrew.deploy.config.DeployProperties.Service;
import com.mayorcrew.deploy.config.SecretStore;
import java.util.List;
import java.util.TreeSet;

/** The secrets a service needs: those it lists, those its container and its health probe use. */
final class RequiredSecrets {

  private RequiredSecrets() {}

  /** Names of the needed secrets that are not set; never their values. */
  public static List<String> missing(Service service, SecretStore secrets) {
    TreeSet<String> needed = new TreeSet<>(service.requiredSecrets());
    needed.addAll(service.secretEnv().values());
    if (service.health().tokenSecret() != null && !service.health().tokenSecret().isBlank()) {
      needed.add(service.health().tokenSecret());
    }
    return needed.stream().filter(name -> !secrets.isPresent(name)).toList();
  }
}
