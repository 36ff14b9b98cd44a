package com.mayorcrew.deploy.security;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the role groups, the configured users and the administrator, and brings existing ones up to date.
 * Configured passwords are written to the engine (which hashes them) and never logged.
 */
class AccountProvisioner {

  private static final Logger LOG = LoggerFactory.getLogger(AccountProvisioner.class);

  private final IdentityService identityService;
  private final AccessProperties properties;

  AccountProvisioner(IdentityService identityService, AccessProperties properties) {
    this.identityService = identityService;
    this.properties = properties;
  }

  void provision() {
    for (Role role : Role.values()) {
      ensureGroup(role);
    }
    for (AccessProperties.User account : accountsWithAdmin().values()) {
      ensureUser(account);
      syncMemberships(account.id(), account.groups());
    }
  }

  /** The configured users plus the administrator, merged when the administrator is also listed as a user. */
  private Map<String, AccessProperties.User> accountsWithAdmin() {
    Map<String, AccessProperties.User> accounts = new LinkedHashMap<>();
    for (AccessProperties.User user : properties.users()) {
      rejectUnknownGroups(user);
      accounts.put(user.id(), user);
    }
    String adminId = properties.adminUser();
    AccessProperties.User listed = accounts.get(adminId);
    Set<String> groups = new LinkedHashSet<>(listed == null ? List.of() : listed.groups());
    groups.add(Role.ADMIN.groupId());
    accounts.put(adminId, new AccessProperties.User(
        adminId,
        properties.adminPassword() != null ? properties.adminPassword() : listed == null ? null : listed.password(),
        listed == null ? "Camunda" : listed.firstName(),
        listed == null ? "Administrator" : listed.lastName(),
        listed == null ? null : listed.email(),
        List.copyOf(groups)));
    return accounts;
  }

  /** A typo in a group name would silently leave a user without rights; fail the start instead. */
  private static void rejectUnknownGroups(AccessProperties.User user) {
    List<String> unknown = user.groups().stream().filter(g -> Role.byGroupId(g).isEmpty()).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalStateException("mcd.access user '" + user.id() + "' names unknown groups " + unknown
          + "; known: " + Arrays.stream(Role.values()).map(Role::groupId).toList());
    }
  }

  private void ensureGroup(Role role) {
    Group group = identityService.createGroupQuery().groupId(role.groupId()).singleResult();
    if (group == null) {
      group = identityService.newGroup(role.groupId());
      group.setName(role.displayName());
      group.setType(role.type());
      identityService.saveGroup(group);
      LOG.info("Created group '{}'", role.groupId());
    }
  }

  private void ensureUser(AccessProperties.User account) {
    User user = identityService.createUserQuery().userId(account.id()).singleResult();
    boolean created = user == null;
    String password = account.password();
    if (created) {
      user = identityService.newUser(account.id());
      if (password == null && account.id().equals(properties.adminUser())) {
        password = RandomPasswords.generate();
        announceGeneratedAdminPassword(account.id(), password);
      }
    }
    copyProfile(account, user);
    if (password != null) {
      user.setPassword(password);
    }
    identityService.saveUser(user);
    if (created) {
      LOG.info("Created user '{}'{}", account.id(), password == null ? " without a password" : "");
    }
  }

  private static void copyProfile(AccessProperties.User account, User user) {
    if (account.firstName() != null) {
      user.setFirstName(account.firstName());
    }
    if (account.lastName() != null) {
      user.setLastName(account.lastName());
    }
    if (account.email() != null) {
      user.setEmail(account.email());
    }
  }

  /** Logged once, when the administrator is created; later starts find the user and generate nothing. */
  private static void announceGeneratedAdminPassword(String adminId, String password) {
    LOG.warn("""

        *************************************************************************
        No admin password configured: created user '{}' with the generated password

            {}

        It is shown only this once. Change it in Camunda Admin
        (/camunda/app/admin/ > Users > {} > Account) or set MCD_ACCESS_ADMINPASSWORD
        and restart.
        *************************************************************************""", adminId, password, adminId);
  }

  /** Adds the configured role memberships and removes role memberships that are no longer configured. */
  private void syncMemberships(String userId, List<String> wanted) {
    Set<String> current = identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId)
        .filter(id -> Role.byGroupId(id).isPresent())
        .collect(Collectors.toSet());
    for (String groupId : wanted) {
      if (!current.contains(groupId)) {
        identityService.createMembership(userId, groupId);
      }
    }
    for (String groupId : current) {
      if (!wanted.contains(groupId)) {
        identityService.deleteMembership(userId, groupId);
        LOG.info("Removed user '{}' from group '{}' (no longer configured)", userId, groupId);
      }
    }
  }
}
