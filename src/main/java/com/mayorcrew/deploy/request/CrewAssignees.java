package com.mayorcrew.deploy.request;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.security.AsApplication;
import com.mayorcrew.deploy.security.Role;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * Maps a crew address ({@code <rig>/crew/<name>}) to the Camunda user who works its tasks. Addresses are not
 * valid Camunda user ids; the mapping comes from {@code mcd.crew.users}, else the lower-cased name part.
 */
@Component
public class CrewAssignees {

  /** A user id that an address names by itself, as its lower-cased name part. */
  private static final Pattern ADDRESSABLE_USER_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

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

  /**
   * Some address of {@code rig} that names a member of group {@code crew}, if the directory has one: a mapped
   * address first ({@code mcd.crew.users}, by address), else a member whose user id is an address's name part.
   */
  public Optional<String> anyCrewAddress(String rig) {
    for (String address : new TreeSet<>(properties.crew().users().keySet())) {
      if (crewMemberFor(address).isPresent()) {
        return Optional.of(address);
      }
    }
    List<User> members = asApplication.call(() -> identityService.createUserQuery()
        .memberOfGroup(Role.CREW.groupId()).orderByUserId().asc().listPage(0, 50));
    return members.stream().map(User::getId).filter(id -> ADDRESSABLE_USER_ID.matcher(id).matches())
        .map(id -> rig + "/crew/" + id).filter(address -> !properties.crew().users().containsKey(address))
        .findFirst();
  }
}
