package com.mayorcrew.deploy.audit;

import static com.mayorcrew.deploy.audit.AuditUsers.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Directory logins against the real OpenLDAP: Tasklist and REST logins bind as the directory user, directory groups
 * appear to the engine as the roles they play, and the configured accounts are not provisioned.
 */
@DirectoryTestContext
class DirectoryLoginTest {

  private static final String OUTSIDER = "outsider";

  @LocalServerPort int port;
  @Autowired IdentityService identityService;

  @Test
  void directoryUsersLogInToTasklistWithTheirRolesApps() {
    assertThat(authorizedApps(MAYOR)).contains("tasklist", "cockpit").doesNotContain("admin");
    assertThat(authorizedApps(CREW)).contains("tasklist").doesNotContain("cockpit", "admin");
    assertThat(authorizedApps(HUMAN)).contains("tasklist", "cockpit").doesNotContain("admin");
    assertThat(authorizedApps(AUDITOR)).contains("tasklist", "cockpit").doesNotContain("admin");
    assertThat(authorizedApps(ADMIN)).contains("tasklist", "cockpit", "admin");
  }

  @Test
  void directoryGroupsAppearAsTheRolesTheyPlay() {
    assertThat(identityService.isReadOnly()).isTrue();
    assertThat(groupsOf(MAYOR)).containsExactlyInAnyOrder("mayor", "coffee-club");
    assertThat(groupsOf(MAYOR_AND_CREW)).containsExactlyInAnyOrder("mayor", "crew");
    assertThat(groupsOf(HUMAN)).containsExactly("humans");
    assertThat(groupsOf(AUDITOR)).containsExactly("auditors");
    assertThat(groupsOf(ADMIN)).containsExactly("camunda-admin");
    assertThat(identityService.createUserQuery().memberOfGroup("crew").list()).extracting(User::getId)
        .containsExactlyInAnyOrder(CREW, MAYOR_AND_CREW);
    assertThat(identityService.createGroupQuery().groupIdIn("mayor", "humans").list()).extracting(Group::getName)
        .containsExactlyInAnyOrder("release-mayors", "change-approvers");
    // The directory's own group "mayor" is hidden: release-mayors plays that role.
    assertThat(groupsOf(OUTSIDER)).containsExactly("coffee-club");
    assertThat(identityService.createUserQuery().memberOfGroup("mayor").list()).extracting(User::getId)
        .containsExactlyInAnyOrder(MAYOR, SECOND_MAYOR, MAYOR_AND_CREW);
  }

  @Test
  void restCallersAuthenticateAgainstTheDirectory() {
    AuditHttp.Response asMayor = new AuditHttp(port, MAYOR).get("/engine-rest/process-definition?key=canary-deploy");
    assertThat(asMayor.status()).as(asMayor.toString()).isEqualTo(200);
    assertThat(asMayor.body()).contains("canary-deploy");

    // A directory user without a role (a member of a directory group named "mayor" too) gets nothing.
    AuditHttp outsider = new AuditHttp(port, OUTSIDER);
    assertThat(outsider.get("/engine-rest/process-definition?key=canary-deploy").body()).isEqualTo("[]");
    // Without READ on the definition, the engine answers as if it did not exist.
    assertThat(outsider.post(AuditDeploys.START, Map.of()).status()).isEqualTo(404);

    // A wrong password is the directory's refusal (the bind fails); the user's next correct call still passes.
    assertThat(new AuditHttp(port, "nobody-here").get("/engine-rest/task").status()).isEqualTo(401);
    assertThat(identityService.checkPassword(OUTSIDER, "wrong-" + PASSWORD)).isFalse();
    assertThat(outsider.get("/engine-rest/task").status()).isEqualTo(200);
  }

  private List<String> authorizedApps(String user) {
    AuditHttp.Response auth = AuditHttp.tasklistSession(port, user).get("/camunda/api/admin/auth/user/default");
    assertThat(auth.status()).as(auth.toString()).isEqualTo(200);
    assertThat(auth.json().get("userId").asText()).isEqualTo(user);
    List<String> apps = new ArrayList<>();
    auth.json().get("authorizedApps").forEach(app -> apps.add(app.asText()));
    return apps;
  }

  private List<String> groupsOf(String user) {
    return identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
  }
}
