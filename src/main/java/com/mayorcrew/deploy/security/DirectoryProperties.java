package com.mayorcrew.deploy.security;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Directory logins (docs/identity-ldap.md): users, passwords and group memberships come from an LDAP directory
 * through Camunda's LDAP identity provider instead of {@code mcd.access.users}. The connection settings are Camunda's
 * own, under {@code mcd.identity.ldap.server.*} (bound onto the plugin, see {@link DirectoryIdentityConfiguration}).
 *
 * @param enabled turns directory logins on; default {@code false}: the accounts of {@code mcd.access} in the
 *     engine's database
 * @param roleGroups the directory group (its id attribute, e.g. the {@code cn}) that plays each role, e.g.
 *     {@code mayor: release-managers}. A role without an entry is played by a directory group of the role's own id
 *     ({@code mayor}, {@code crew}, {@code humans}, {@code auditors}, {@code camunda-admin}). Directory groups that
 *     play no role keep their ids and get no rights
 */
@ConfigurationProperties("mcd.identity.ldap")
public record DirectoryProperties(boolean enabled, Map<Role, String> roleGroups) {

  public DirectoryProperties {
    roleGroups = roleGroups == null || roleGroups.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(roleGroups));
    Map<String, Role> seen = new HashMap<>();
    for (Map.Entry<Role, String> entry : roleGroups.entrySet()) {
      String directoryGroup = entry.getValue();
      Role other = seen.put(directoryGroup, entry.getKey());
      if (other != null) {
        throw new IllegalArgumentException("mcd.identity.ldap.role-groups: directory group '" + directoryGroup
            + "' plays both " + other + " and " + entry.getKey());
      }
      // Otherwise that role's own id would be looked up under the other role's directory group.
      Role.byGroupId(directoryGroup).filter(role -> role != entry.getKey()).ifPresent(role -> {
        throw new IllegalArgumentException("mcd.identity.ldap.role-groups: " + entry.getKey() + " may not be played"
            + " by '" + directoryGroup + "', the id of role " + role);
      });
    }
  }

  /** The directory group to look up for a group id the engine asks for (a role's id, or any other group's). */
  String directoryGroupOf(String groupId) {
    return Role.byGroupId(groupId).map(role -> roleGroups.getOrDefault(role, groupId)).orElse(groupId);
  }

  /**
   * The group id the engine sees for a directory group: the role it plays, else its own id. Empty for a directory
   * group named like a role that another directory group plays: its members must not get that role's rights.
   */
  Optional<String> groupIdOf(String directoryGroup) {
    Optional<String> role = roleGroups.entrySet().stream().filter(entry -> entry.getValue().equals(directoryGroup))
        .map(entry -> entry.getKey().groupId()).findFirst();
    if (role.isPresent()) {
      return role;
    }
    boolean shadowed = Role.byGroupId(directoryGroup).filter(roleGroups::containsKey).isPresent();
    return shadowed ? Optional.empty() : Optional.of(directoryGroup);
  }
}
