package com.mayorcrew.deploy.request;

import com.mayorcrew.deploy.config.DeployProperties;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * Maps a crew address ({@code <rig>/crew/<name>}) to the Camunda user who works its tasks. Addresses are not
 * valid Camunda user ids; the mapping comes from {@code mcd.crew.users}, else the lower-cased name part.
 */
@Component
public class CrewAssignees {

  private final DeployProperties properties;
  private final IdentityService identityService;

  public CrewAssignees(DeployProperties properties, IdentityService identityService) {
    this.properties = properties;
    this.identityService = identityService;
  }

  public String userIdFor(String address) {
    String mapped = properties.crew().users().get(address);
    if (mapped != null) {
      return mapped;
    }
    return address.substring(address.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
  }

  /** The user to assign crew tasks to, when that user exists; otherwise the tasks stay with group crew. */
  public Optional<String> existingUserFor(String address) {
    String userId = userIdFor(address);
    return identityService.createUserQuery().userId(userId).count() > 0 ? Optional.of(userId) : Optional.empty();
  }
}
