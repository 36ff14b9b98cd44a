package com.mayorcrew.deploy.prechecks;

import static com.mayorcrew.deploy.github.FakeGitHub.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.mayorcrew.deploy.github.FakeGitHub;
import com.mayorcrew.deploy.github.GitHubProperties;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GitHubSecretsCheckTest {

  private FakeGitHub fake;

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeGitHub();
  }

  @AfterEach
  void tearDown() {
    fake.close();
  }

  private GitHubSecretsCheck check(GitHubProperties.Service service) {
    GitHubProperties properties = fake.properties(service);
    return new GitHubSecretsCheck(fake.client(properties), properties);
  }

  @Test
  void secretsFromRepositoryOrganisationAndEnvironmentAllCount() {
    fake.on("GET " + REPO + "/actions/secrets", 200, secrets("GH_TOKEN_DEPLOY"));
    fake.on("GET " + REPO + "/actions/organization-secrets", 200, secrets("REGISTRY_PASSWORD"));
    fake.on("GET " + REPO + "/environments/canary/secrets", 200, secrets("GT_WEB_AUTH_TOKEN_CANARY"));

    MissingSecrets missing = check(service(List.of("GT_WEB_AUTH_TOKEN_CANARY", "gh_token_deploy",
        "REGISTRY_PASSWORD"), "canary")).check(SERVICE);

    assertThat(missing.none()).isTrue();
    assertThat(missing.searched()).contains("repository mayor/gastown", "environment canary");
  }

  @Test
  void missingSecretsAreNamed() {
    fake.on("GET " + REPO + "/actions/secrets", 200, secrets("OTHER"));
    fake.on("GET " + REPO + "/actions/organization-secrets", 200, secrets());
    fake.on("GET " + REPO + "/environments/canary/secrets", 404, "{\"message\":\"Not Found\"}");

    MissingSecrets missing = check(service(List.of("GT_WEB_AUTH_TOKEN_CANARY", "OTHER", "DEPLOY_KEY"), "canary"))
        .check(SERVICE);

    assertThat(missing.names()).containsExactly("GT_WEB_AUTH_TOKEN_CANARY", "DEPLOY_KEY");
    assertThat(missing.searched()).contains("environment canary (does not exist)");
  }

  @Test
  void withoutAnEnvironmentOnlyRepositoryAndOrganisationAreAsked() {
    fake.on("GET " + REPO + "/actions/secrets", 200, secrets("GT_WEB_AUTH_TOKEN_CANARY"));
    fake.on("GET " + REPO + "/actions/organization-secrets", 200, secrets());

    assertThat(check(service(List.of("GT_WEB_AUTH_TOKEN_CANARY"), null)).check(SERVICE).none()).isTrue();
    assertThat(fake.requests()).noneMatch(request -> request.pathAndQuery().contains("/environments/"));
  }

  @Test
  void nothingRequiredAsksNothing() {
    assertThat(check(service(List.of(), "canary")).check(SERVICE).none()).isTrue();
    assertThat(fake.requests()).isEmpty();
  }

  private static String secrets(String... names) {
    StringBuilder items = new StringBuilder();
    for (String name : names) {
      items.append(items.isEmpty() ? "" : ",").append("{\"name\":\"").append(name)
          .append("\",\"created_at\":\"2025-01-10T10:10:10Z\",\"updated_at\":\"2025-01-11T11:11:11Z\"}");
    }
    return "{\"total_count\":" + names.length + ",\"secrets\":[" + items + "]}";
  }
}
