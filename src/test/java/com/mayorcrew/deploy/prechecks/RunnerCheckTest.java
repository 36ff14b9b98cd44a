package com.mayorcrew.deploy.prechecks;

import static com.mayorcrew.deploy.github.FakeGitHub.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mayorcrew.deploy.github.FakeGitHub;
import com.mayorcrew.deploy.github.GitHubAccessException;
import com.mayorcrew.deploy.github.GitHubProperties;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunnerCheckTest {

  private static final String RUNNERS = REPO + "/actions/runners";
  private static final String ORG_RUNNERS = "/orgs/mayor/actions/runners";

  private FakeGitHub fake;
  private RunnerCheck check;

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeGitHub();
    GitHubProperties properties = fake.properties(service());
    check = new RunnerCheck(fake.client(properties), properties);
  }

  @AfterEach
  void tearDown() {
    fake.close();
  }

  @Test
  void aBusyLabelledRunnerOnTheSecondPagePasses() {
    fake.on("GET " + RUNNERS + "?per_page=100", 200,
        "{\"total_count\":2,\"runners\":[" + runner("build-1", "online", false, "self-hosted", "linux") + "]}",
        "Link", "<" + fake.baseUrl() + RUNNERS + "?per_page=100&page=2>; rel=\"next\"");
    fake.on("GET " + RUNNERS + "?per_page=100&page=2", 200,
        "{\"total_count\":2,\"runners\":[" + runner("canary-1", "online", true, "self-hosted", "Canary-TNC") + "]}");

    CheckOutcome outcome = check.check(SERVICE, List.of("canary-tnc"));

    assertThat(outcome.passed()).isTrue();
    assertThat(outcome.detail()).contains("repository runner canary-1: online, busy");
    assertThat(fake.requests()).noneMatch(request -> request.pathAndQuery().startsWith(ORG_RUNNERS));
  }

  @Test
  void anOfflineRunnerFailsWithWhatWasFound() {
    fake.on("GET " + RUNNERS, 200, "{\"total_count\":1,\"runners\":["
        + runner("canary-1", "offline", false, "self-hosted", "canary-tnc") + "]}");
    fake.on("GET " + ORG_RUNNERS, 404, "{\"message\":\"Not Found\"}");

    CheckOutcome outcome = check.check(SERVICE, List.of("canary-tnc"));

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.detail())
        .isEqualTo("no online self-hosted runner with labels [self-hosted, canary-tnc] for mayor/gastown or its "
            + "organisation");
    assertThat(outcome.evidence())
        .contains("repository canary-1: offline, idle, labels [self-hosted, canary-tnc]")
        .contains("organisation runners not checked");
  }

  @Test
  void aRunnerWithoutTheLabelFailsAndAnOrganisationRunnerCanStandIn() {
    fake.on("GET " + RUNNERS, 200, "{\"total_count\":1,\"runners\":["
        + runner("build-1", "online", false, "self-hosted", "linux") + "]}");
    fake.on("GET " + ORG_RUNNERS, 200, "{\"total_count\":1,\"runners\":["
        + runner("org-canary", "online", false, "self-hosted", "linux", "canary-tnc") + "]}");

    CheckOutcome withOrg = check.check(SERVICE, List.of("canary-tnc"));
    CheckOutcome missingLabel = check.check(SERVICE, List.of("gpu"));

    assertThat(withOrg.passed()).isTrue();
    assertThat(withOrg.detail()).startsWith("organisation runner org-canary: online");
    assertThat(missingLabel.passed()).isFalse();
    assertThat(missingLabel.evidence()).contains("found 1 repository runner(s), 1 organisation runner(s)",
        "repository build-1: online, idle, labels [self-hosted, linux]",
        "organisation org-canary: online, idle, labels [self-hosted, linux, canary-tnc]");
  }

  @Test
  void noRunnersAtAll() {
    fake.on("GET " + RUNNERS, 200, "{\"total_count\":0,\"runners\":[]}");
    fake.on("GET " + ORG_RUNNERS, 403, "{\"message\":\"Must have admin rights to Repository.\"}");

    CheckOutcome outcome = check.check(SERVICE, List.of("canary-tnc"));

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.evidence()).contains("found 0 repository runner(s)", "none", "403");
  }

  @Test
  void aTokenThatCannotListRepositoryRunnersIsAccessBlocked() {
    fake.on("GET " + RUNNERS, 403, "{\"message\":\"Resource not accessible by personal access token\"}");

    assertThatThrownBy(() -> check.check(SERVICE, List.of("canary-tnc")))
        .isInstanceOf(GitHubAccessException.class);
  }

  private static String runner(String name, String status, boolean busy, String... labels) {
    StringBuilder json = new StringBuilder("{\"id\":1,\"name\":\"" + name + "\",\"os\":\"linux\",\"status\":\""
        + status + "\",\"busy\":" + busy + ",\"labels\":[");
    for (int i = 0; i < labels.length; i++) {
      json.append(i == 0 ? "" : ",").append("{\"id\":").append(i + 1).append(",\"name\":\"").append(labels[i])
          .append("\",\"type\":\"").append(i == 0 ? "read-only" : "custom").append("\"}");
    }
    return json.append("]}").toString();
  }
}
