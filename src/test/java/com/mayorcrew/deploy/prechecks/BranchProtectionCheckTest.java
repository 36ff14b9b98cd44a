package com.mayorcrew.deploy.prechecks;

import static com.mayorcrew.deploy.github.FakeGitHub.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mayorcrew.deploy.github.FakeGitHub;
import com.mayorcrew.deploy.github.GitHubAccessException;
import com.mayorcrew.deploy.github.GitHubProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BranchProtectionCheckTest {

  private static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
  private static final String PROTECTION = "GET " + REPO + "/branches/main/protection";
  // Shaped as "Get branch protection" answers: legacy contexts plus checks with their app ids.
  private static final String REQUIRES_BUILD_LINT_E2E = """
      {"url":"https://api.github.com/repos/mayor/gastown/branches/main/protection",
       "required_status_checks":{"strict":true,"contexts":["build","lint","e2e"],
         "checks":[{"context":"build","app_id":15368},{"context":"lint","app_id":null},{"context":"e2e","app_id":null}]},
       "enforce_admins":{"enabled":true}}""";

  private FakeGitHub fake;
  private BranchProtectionCheck check;

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeGitHub();
    fake.onRepository("mayor/gastown", "main").onBranch("main", SHA);
    GitHubProperties properties = fake.properties(service());
    check = new BranchProtectionCheck(fake.client(properties), properties);
  }

  @AfterEach
  void tearDown() {
    fake.close();
  }

  @Test
  void protectedBranchWithRequiredChecksGreenPasses() {
    fake.on(PROTECTION, 200, REQUIRES_BUILD_LINT_E2E);
    fake.on("GET " + REPO + "/commits/" + SHA + "/check-runs", 200, """
        {"total_count":2,"check_runs":[
          {"id":4,"name":"build","status":"completed","conclusion":"success","app":{"id":15368}},
          {"id":5,"name":"lint","status":"completed","conclusion":"neutral","app":{"id":99}}]}""");
    fake.on("GET " + REPO + "/statuses/" + SHA, 200, """
        [{"id":2,"context":"e2e","state":"success"},{"id":1,"context":"e2e","state":"pending"}]""");

    CheckOutcome outcome = check.check(SERVICE, "main", SHA);

    assertThat(outcome.passed()).isTrue();
    assertThat(outcome.detail()).contains("protected", "build (success)", "lint (success)", "e2e (success)");
  }

  @Test
  void unprotectedBranchSaysSo() {
    fake.onBranch("canary", SHA);
    fake.on("GET " + REPO + "/branches/canary/protection", 404, "{\"message\":\"Branch not protected\"}");

    CheckOutcome outcome = check.check(SERVICE, "canary", SHA);

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.detail()).isEqualTo("branch not protected: canary in mayor/gastown");
  }

  @Test
  void aBranchProtectedOnlyByARulesetNeedsTheRulesetsChecksGreen() {
    fake.onBranch("canary", SHA);
    fake.on("GET " + REPO + "/branches/canary/protection", 404, "{\"message\":\"Branch not protected\"}");
    // Shaped as "Get rules for a branch" answers: the active rules of every ruleset that targets the branch.
    fake.on("GET " + REPO + "/rules/branches/canary", 200, """
        [{"type":"deletion","ruleset_source_type":"Organization","ruleset_source":"mayor","ruleset_id":7},
         {"type":"required_status_checks","ruleset_source_type":"Repository","ruleset_source":"mayor/gastown",
          "ruleset_id":42,"parameters":{"strict_required_status_checks_policy":false,
          "required_status_checks":[{"context":"build","integration_id":15368},{"context":"e2e"}]}}]""");
    fake.on("GET " + REPO + "/commits/" + SHA + "/check-runs", 200, """
        {"total_count":1,"check_runs":[
          {"id":4,"name":"build","status":"completed","conclusion":"success","app":{"id":15368}}]}""");
    fake.on("GET " + REPO + "/statuses/" + SHA, 200, "[{\"id\":1,\"context\":\"e2e\",\"state\":\"failure\"}]");

    CheckOutcome outcome = check.check(SERVICE, "canary", SHA);

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.detail()).startsWith("required status checks not green on " + SHA)
        .contains("e2e (failure)").doesNotContain("build (");
    assertThat(outcome.evidence()).contains("green: build (success)");
  }

  @Test
  void rulesetChecksAddToThoseOfClassicProtection() {
    fake.on(PROTECTION, 200, "{\"required_status_checks\":{\"contexts\":[\"build\"],\"checks\":[]}}");
    fake.on("GET " + REPO + "/rules/branches/main", 200, """
        [{"type":"required_status_checks","ruleset_id":42,"parameters":{
          "required_status_checks":[{"context":"lint"}]}}]""");
    fake.on("GET " + REPO + "/commits/" + SHA + "/check-runs", 200, """
        {"total_count":2,"check_runs":[{"id":4,"name":"build","status":"completed","conclusion":"success"},
          {"id":5,"name":"lint","status":"completed","conclusion":"success"}]}""");
    fake.on("GET " + REPO + "/statuses/" + SHA, 200, "[]");

    CheckOutcome outcome = check.check(SERVICE, "main", SHA);

    assertThat(outcome.passed()).isTrue();
    assertThat(outcome.detail())
        .contains("protected (branch protection; ruleset rules [required_status_checks])", "build (success)",
            "lint (success)");
  }

  @Test
  void aMissingBranchSaysSo() {
    fake.on("GET " + REPO + "/branches/gone", 404, "{\"message\":\"Branch not found\"}");

    CheckOutcome outcome = check.check(SERVICE, "gone", SHA);

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.detail()).isEqualTo("branch not found: gone in mayor/gastown");
  }

  @Test
  void checkRunsAreReadAcrossPages() {
    fake.on(PROTECTION, 200, "{\"required_status_checks\":{\"contexts\":[\"build\",\"lint\"],\"checks\":[]}}");
    String checkRuns = REPO + "/commits/" + SHA + "/check-runs";
    fake.on("GET " + checkRuns + "?per_page=100", 200, """
        {"total_count":2,"check_runs":[{"id":4,"name":"build","status":"completed","conclusion":"success"}]}""",
        "Link", "<" + fake.baseUrl() + checkRuns + "?per_page=100&page=2>; rel=\"next\"");
    fake.on("GET " + checkRuns + "?per_page=100&page=2", 200, """
        {"total_count":2,"check_runs":[{"id":5,"name":"lint","status":"completed","conclusion":"success"}]}""");
    fake.on("GET " + REPO + "/statuses/" + SHA, 200, "[]");

    CheckOutcome outcome = check.check(SERVICE, "main", SHA);

    assertThat(outcome.passed()).isTrue();
    assertThat(outcome.detail()).contains("build (success)", "lint (success)");
  }

  @Test
  void redPendingAndMissingRequiredChecksAreListed() {
    fake.on(PROTECTION, 200, REQUIRES_BUILD_LINT_E2E);
    fake.on("GET " + REPO + "/commits/" + SHA + "/check-runs", 200, """
        {"total_count":2,"check_runs":[
          {"id":4,"name":"build","status":"completed","conclusion":"failure","app":{"id":15368}},
          {"id":5,"name":"lint","status":"in_progress","conclusion":null,"app":{"id":99}}]}""");
    fake.on("GET " + REPO + "/statuses/" + SHA, 200, "[]");

    CheckOutcome outcome = check.check(SERVICE, "main", SHA);

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.detail()).startsWith("required status checks not green on " + SHA)
        .contains("build (failure)", "lint (in_progress)", "e2e (missing)");
  }

  @Test
  void aCheckFromAnotherAppDoesNotCount() {
    fake.on(PROTECTION, 200, """
        {"required_status_checks":{"contexts":["build"],"checks":[{"context":"build","app_id":15368}]}}""");
    fake.on("GET " + REPO + "/commits/" + SHA + "/check-runs", 200, """
        {"total_count":1,"check_runs":[{"name":"build","status":"completed","conclusion":"success","app":{"id":7}}]}""");
    fake.on("GET " + REPO + "/statuses/" + SHA, 200, "[]");

    assertThat(check.check(SERVICE, "main", SHA).detail()).contains("build (missing)");
  }

  @Test
  void aFailedCommitStatusIsReported() {
    fake.on(PROTECTION, 200, "{\"required_status_checks\":{\"contexts\":[\"ci/jenkins\"],\"checks\":[]}}");
    fake.on("GET " + REPO + "/commits/" + SHA + "/check-runs", 200, "{\"total_count\":0,\"check_runs\":[]}");
    // Newest first: the older success no longer counts.
    fake.on("GET " + REPO + "/statuses/" + SHA, 200,
        "[{\"id\":2,\"context\":\"ci/jenkins\",\"state\":\"error\"},{\"id\":1,\"context\":\"ci/jenkins\",\"state\":\"success\"}]");

    assertThat(check.check(SERVICE, "main", SHA).detail()).contains("ci/jenkins (error)");
  }

  @Test
  void protectionWithoutRequiredChecksPasses() {
    fake.on(PROTECTION, 200, "{\"enforce_admins\":{\"enabled\":false}}");

    CheckOutcome outcome = check.check(SERVICE, "main", SHA);

    assertThat(outcome.passed()).isTrue();
    assertThat(outcome.detail()).contains("requires no status checks");
  }

  @Test
  void aTokenThatCannotReadProtectionIsAccessBlocked() {
    fake.on(PROTECTION, 403, "{\"message\":\"Resource not accessible by personal access token\"}");

    assertThatThrownBy(() -> check.check(SERVICE, "main", SHA)).isInstanceOf(GitHubAccessException.class)
        .hasMessageContaining("/branches/main/protection");
  }
}
