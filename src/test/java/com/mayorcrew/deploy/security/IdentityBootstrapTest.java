package com.mayorcrew.deploy.security;

import static com.mayorcrew.deploy.security.AccessTestContext.MAYOR_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/** The start-up bootstrap, run again directly against the already bootstrapped engine. */
@AccessTestContext
class IdentityBootstrapTest {

  @Autowired
  ProcessEngine engine;

  @Autowired
  IdentityBootstrap bootstrap;

  @Autowired
  AccessProperties properties;

  IdentityService identityService;
  ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void captureLogs() {
    identityService = engine.getIdentityService();
    logs.start();
    Stream.of(AccountProvisioner.class, TasklistFilters.class, IdentityBootstrap.class)
        .forEach(type -> logger(type).addAppender(logs));
  }

  @AfterEach
  void releaseLogs() {
    Stream.of(AccountProvisioner.class, TasklistFilters.class, IdentityBootstrap.class)
        .forEach(type -> logger(type).detachAppender(logs));
  }

  @Test
  void startupCreatedGroupsUsersAndFilters() {
    assertThat(identityService.createGroupQuery().list()).extracting(Group::getId)
        .containsExactlyInAnyOrder("mayor", "crew", "humans", "auditors", "camunda-admin");
    assertThat(identityService.createGroupQuery().groupId("camunda-admin").singleResult().getType())
        .isEqualTo("SYSTEM");
    assertThat(identityService.createGroupQuery().groupId("crew").singleResult().getType()).isEqualTo("WORKFLOW");
    assertThat(groupsOf("ptilopsis")).containsExactly("crew");
    assertThat(groupsOf("admin")).containsExactly("camunda-admin");
    assertThat(engine.getFilterService().createFilterQuery().list())
        .extracting(filter -> filter.getName() + " @" + filter.getOwner())
        .containsExactlyInAnyOrder("Mayor: escalations @admin", "Crew: my deploy tasks @admin",
            "Humans: approvals @admin", "All deploy tasks @admin");
  }

  @Test
  void secondRunCreatesNoDuplicates() {
    Map<String, Long> before = counts();

    bootstrap.run(engine);

    assertThat(counts()).isEqualTo(before);
    assertThat(before).containsEntry("groups", 5L).containsEntry("users", 5L).containsEntry("filters", 4L);
  }

  @Test
  void rerunRestoresConfiguredPasswordAndMemberships() {
    identityService.deleteMembership("mayor", "mayor");
    identityService.createMembership("mayor", "crew");
    var mayor = identityService.createUserQuery().userId("mayor").singleResult();
    mayor.setPassword("changed-in-tasklist-1");
    identityService.saveUser(mayor);

    bootstrap.run(engine);

    assertThat(groupsOf("mayor")).containsExactly("mayor");
    assertThat(identityService.checkPassword("mayor", MAYOR_PASSWORD)).isTrue();
  }

  @Test
  void generatedAdminPasswordIsLoggedOnceAndWorks() {
    identityService.deleteUser("admin");

    bootstrap.run(engine);
    bootstrap.run(engine);

    List<ILoggingEvent> warnings = logs.list.stream().filter(event -> event.getLevel() == Level.WARN).toList();
    assertThat(warnings).hasSize(1);
    String password = (String) warnings.get(0).getArgumentArray()[1];
    assertThat(warnings.get(0).getFormattedMessage()).contains(password, "MCD_ACCESS_ADMINPASSWORD");
    assertThat(password).hasSize(24).isNotEqualTo(RandomPasswords.generate());
    assertThat(identityService.checkPassword("admin", password)).isTrue();
    assertThat(groupsOf("admin")).containsExactly("camunda-admin");
  }

  @Test
  void configuredPasswordsAreNeverLogged() {
    bootstrap.run(engine);

    assertThat(logs.list).isNotEmpty();
    assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
        .noneMatch(message -> properties.users().stream().anyMatch(user -> message.contains(user.password())));
  }

  @Test
  void unknownGroupStopsTheStart() {
    var typo = new AccessProperties(
        List.of(new AccessProperties.User("mayor", null, null, null, null, List.of("mayors"))), "admin", null, null, null);

    assertThatThrownBy(() -> new IdentityBootstrap(typo).run(engine))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("mayors");
    assertThat(groupsOf("mayor")).containsExactly("mayor");
  }

  private Map<String, Long> counts() {
    var authorizations = engine.getAuthorizationService().createAuthorizationQuery().list();
    return Map.of(
        "groups", identityService.createGroupQuery().count(),
        "users", identityService.createUserQuery().count(),
        "memberships", Stream.of("mayor", "ptilopsis", "human", "auditor", "admin")
            .mapToLong(user -> identityService.createGroupQuery().groupMember(user).count()).sum(),
        "authorizations", (long) authorizations.size(),
        "distinctAuthorizations", authorizations.stream()
            .map(a -> a.getAuthorizationType() + "|" + a.getUserId() + "|" + a.getGroupId() + "|"
                + a.getResourceType() + "|" + a.getResourceId())
            .distinct().count(),
        "filters", engine.getFilterService().createFilterQuery().count());
  }

  private List<String> groupsOf(String userId) {
    return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId)
        .collect(Collectors.toList());
  }

  private static Logger logger(Class<?> type) {
    return (Logger) LoggerFactory.getLogger(type);
  }
}
