package com.mayorcrew.deploy.request;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.security.AsApplication;
import com.mayorcrew.deploy.security.Role;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * Maps a crew address ({@code <rig>/crew/<name>}) to the Camunda user who works its tasks. Addresses are not
 * valid Camunda user ids; the mapping comes from {@code mcd.crew.users}, else the lower-cased name part.
 */
@Component
class CrewAssignees {

  private final DeployProperties properties;
  private final IdentityService identityService;
  private final AsApplication asApplication;

  public CrewAssignees(DeployProperties properties, IdentityService identityService, AsApplication asApplication) {
    this.properties = properties;
    this.identityService = identityService;
    this.asApplication = asApplication;
  }

  public String userIdFor(String address) {
    String mapped = properties.crew().users().get(address);
    if (mapped != null) {
      return mapped;
    }
    return address.substring(address.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
  }

  /**
   * The user the address names, when that user is a member of group {@code crew}. Looked up as the application:
   * the requester need not be allowed to browse the directory.
   */
  public Optional<String> crewMemberFor(String address) {
    String userId = userIdFor(address);
    long memberships = asApplication.call(() -> identityService.createUserQuery().userId(userId)
        .memberOfGroup(Role.CREW.groupId()).count());
    return memberships > 0 ? Optional.of(userId) : Optional.empty();
  }
}
