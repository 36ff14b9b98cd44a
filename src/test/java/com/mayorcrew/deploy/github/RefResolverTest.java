package com.mayorcrew.deploy.github;

import static com.mayorcrew.deploy.github.FakeGitHub.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RefResolverTest {

  private static final String GASTOWN_SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
  private static final String GTRUNTIME_SHA = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567";
  private static final String GTRUNTIME = "/repos/mayor/gtruntime";

  private FakeGitHub fake;
  private RefResolver resolver;

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeGitHub();
    GitHubProperties properties = fake.properties(service());
    resolver = new RefResolver(fake.client(properties), properties);
  }

  @AfterEach
  void tearDown() {
    fake.close();
  }

  @Test
  void resolvesTagAndHeadOfBothRepositoriesWithTheBearerToken() {
    fake.onRepository("mayor/gastown", "main").onCommit(REPO, "v1.4.0", GASTOWN_SHA);
    fake.onRepository("mayor/gtruntime", "trunk").onCommit(GTRUNTIME, "trunk", GTRUNTIME_SHA);

    ResolvedRefs refs = resolver.resolve(SERVICE, "v1.4.0", "HEAD");

    assertThat(refs).isEqualTo(new ResolvedRefs(GASTOWN_SHA, GTRUNTIME_SHA));
    assertThat(fake.last("GET", REPO + "/commits/").headers().getFirst("Authorization"))
        .isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void resolvesBranchRefsTagRefsAndShortShas() {
    fake.onRepository("mayor/gastown", "main").onCommit(REPO, "feature/canary-x", GASTOWN_SHA)
        .onCommit(REPO, "v2", GASTOWN_SHA).onCommit(REPO, "6dcb09b", GASTOWN_SHA);
    RepositoryName gastown = RepositoryName.parse("mayor/gastown");

    assertThat(resolver.resolve(gastown, "refs/heads/feature/canary-x")).isEqualTo(GASTOWN_SHA);
    assertThat(resolver.resolve(gastown, "refs/tags/v2")).isEqualTo(GASTOWN_SHA);
    assertThat(resolver.resolve(gastown, "6dcb09b")).isEqualTo(GASTOWN_SHA);
  }

  @Test
  void unknownRefInAVisibleRepositoryIsRefNotFound() {
    fake.onRepository("mayor/gastown", "main");
    fake.on("GET " + REPO + "/commits/nope", 422, "{\"message\":\"No commit found for SHA: nope\"}");

    assertThatThrownBy(() -> resolver.resolve(SERVICE, "nope", "HEAD"))
        .isInstanceOf(GitHubAccessException.class)
        .hasMessageStartingWith("ref not found: 'nope' does not resolve to a commit in mayor/gastown")
        .hasMessageNotContaining("repository not found");
  }

  @Test
  void aMissingBranchInAVisibleRepositoryIsRefNotFoundToo() {
    fake.onRepository("mayor/gastown", "main");
    fake.on("GET " + REPO + "/commits/gone", 404, "{\"message\":\"Not Found\"}");

    assertThatThrownBy(() -> resolver.resolve(RepositoryName.parse("mayor/gastown"), "gone"))
        .isInstanceOfSatisfying(GitHubAccessException.class, e -> assertThat(e.status()).isEqualTo(404))
        .hasMessageStartingWith("ref not found: 'gone'");
  }

  @Test
  void hiddenRepositoryIsRepositoryNotFound() {
    fake.on("GET " + REPO, 404, "{\"message\":\"Not Found\"}");

    assertThatThrownBy(() -> resolver.resolve(SERVICE, "refs/heads/main", "HEAD"))
        .isInstanceOf(GitHubAccessException.class)
        .hasMessageStartingWith("repository not found or not visible to the token: mayor/gastown");
  }

  @Test
  void headOfAHiddenRepositoryIsRepositoryNotFound() {
    fake.onRepository("mayor/gastown", "main").onCommit(REPO, "main", GASTOWN_SHA);
    fake.on("GET " + GTRUNTIME, 404, "{\"message\":\"Not Found\"}");

    assertThatThrownBy(() -> resolver.resolve(SERVICE, "main", "HEAD"))
        .hasMessageStartingWith("repository not found or not visible to the token: mayor/gtruntime");
  }

  @Test
  void withoutAGtruntimeRepositoryOnlyGastownIsResolved() throws Exception {
    GitHubProperties.Service gastownOnly = new GitHubProperties.Service("mayor/gastown", null, "canary-deploy.yml",
        "{branch}", Map.of(), List.of(), null, Duration.ofSeconds(10), Duration.ofMinutes(30));
    GitHubProperties properties = fake.properties(gastownOnly);
    fake.onRepository("mayor/gastown", "main").onCommit(REPO, "main", GASTOWN_SHA);

    ResolvedRefs refs = new RefResolver(fake.client(properties), properties).resolve(SERVICE, "main", "HEAD");

    assertThat(refs).isEqualTo(new ResolvedRefs(GASTOWN_SHA, null));
  }
}
