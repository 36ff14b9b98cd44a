package com.mayorcrew.deploy.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.context.FieldViolation;
import com.mayorcrew.deploy.github.GitHubProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request template's server-side rules, without Spring or the engine. */
class DeployRequestValidatorTest {

  private static final DeployProperties.Host HOST = new DeployProperties.Host("unix:///var/run/docker.sock", false,
      null, null, null, null, null, Duration.ofSeconds(3), Duration.ofSeconds(20), Duration.ofSeconds(20),
      Duration.ofMinutes(4), null, List.of(DeployProperties.DockerAccess.GROUP, DeployProperties.DockerAccess.SOCKET));
  private static final DeployProperties.Service SERVICE = new DeployProperties.Service(
      DeployProperties.ExecutionMode.DOCKER, "mcd-test/app", "gastown", "host", null, null, null, null, null, null,
      "unless-stopped", null, null, true, null);
  private static final GitHubProperties.Service GITHUB_SERVICE = new GitHubProperties.Service("mayor/gastown", null,
      "canary-deploy.yml", "{branch}", null, null, null, Duration.ofSeconds(10), Duration.ofMinutes(30));

  private final DeployRequestValidator validator = validator(Map.of());

  private static DeployRequestValidator validator(Map<String, GitHubProperties.Service> gitHubServices) {
    return new DeployRequestValidator(
        new DeployProperties(Map.of("canary-1", HOST), Map.of("gastown", SERVICE, "gtruntime", SERVICE), null, null,
            null),
        new GitHubProperties("https://api.github.com", "GITHUB_TOKEN", "2022-11-28", Duration.ofSeconds(5),
            Duration.ofSeconds(30), gitHubServices));
  }

  private static Map<String, Object> request() {
    Map<String, Object> request = new HashMap<>();
    request.put("title", "Canary 1.4");
    request.put("priority", "P1");
    request.put("owner", "mayor.ops");
    request.put("assignee", "TerraNomadicCity/crew/Ptilopsis");
    request.put("service", "gastown");
    request.put("environment", "canary");
    request.put("gastownRef", "0123abc");
    request.put("gtruntimeRef", "v1.4.0");
    request.put("branch", "canary");
    request.put("canaryHost", "canary-1");
    request.put("runnerLabel", "self-hosted");
    request.put("dockerAccess", "group");
    request.put("rollbackCriteria", "error rate > 1%");
    return request;
  }

  @Test
  void productionNeedsTheServicesProductionConfigurationAndOneOfItsHosts() {
    DeployProperties.Environment production = new DeployProperties.Environment(List.of("prod-1"), "gastown-prod",
        null, Map.of("GT_ENV", "production"), null, null, null);
    DeployProperties.Service withProduction = new DeployProperties.Service(DeployProperties.ExecutionMode.DOCKER,
        "mcd-test/app", "gastown", "host", null, null, Map.of("GT_ENV", "canary"), null, null, null,
        "unless-stopped", null, null, true, Map.of("production", production));
    DeployRequestValidator validator = new DeployRequestValidator(
        new DeployProperties(Map.of("canary-1", HOST, "prod-1", HOST), Map.of("gastown", withProduction,
            "gtruntime", SERVICE), null, null, null),
        new GitHubProperties("https://api.github.com", "GITHUB_TOKEN", "2022-11-28", Duration.ofSeconds(5),
            Duration.ofSeconds(30), Map.of()));
    Map<String, Object> request = request();
    request.put("environment", "production");

    assertThat(validator.validate(request)).containsExactly(
        violation("canaryHost", "must be one of the production hosts of service gastown: prod-1"));
    request.put("canaryHost", "prod-1");
    assertThat(validator.validate(request)).isEmpty();
    request.put("service", "gtruntime");
    assertThat(validator.validate(request)).containsExactly(violation("environment", "service gtruntime has no"
        + " production configuration (mcd.services.gtruntime.environments.production): it never reuses the canary's"
        + " container"));
    // the canary keeps the service's own hosts and container
    assertThat(withProduction.in("canary")).isSameAs(withProduction);
    assertThat(withProduction.in("production").containerName()).isEqualTo("gastown-prod");
    assertThat(withProduction.in("production").env()).containsEntry("GT_ENV", "production");
  }

  @Test
  void anEnvironmentOutsideTheCanaryMustNameItsOwnContainer() {
    DeployProperties.Environment sameContainer = new DeployProperties.Environment(null, "gastown", null, null, null,
        null, null);
    assertThatThrownBy(() -> new DeployProperties.Service(DeployProperties.ExecutionMode.DOCKER, "mcd-test/app",
        "gastown", "host", null, null, null, null, null, null, "unless-stopped", null, null, true,
        Map.of("production", sameContainer)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("environments.production.container-name must be set and differ from the canary's container"
            + " 'gastown'");
  }

  private List<FieldViolation> with(String field, Object value) {
    Map<String, Object> request = request();
    request.put(field, value);
    return validator.validate(request);
  }

  private static FieldViolation violation(String field, String rule) {
    return new FieldViolation(field, rule);
  }

  @Test
  void aCompleteRequestHasNoViolations() {
    assertThat(validator.validate(request())).isEmpty();
  }

  @Test
  void everyRequiredFieldIsNamedInFieldOrderWhenTheRequestIsEmpty() {
    assertThat(validator.validate(Map.of())).extracting(FieldViolation::field).containsExactly("title", "priority",
        "owner", "assignee", "service", "environment", "gastownRef", "gtruntimeRef", "branch", "canaryHost",
        "runnerLabel", "dockerAccess", "rollbackCriteria");
    assertThat(validator.validate(Map.of())).allMatch(v -> v.rule().equals("is required"));
  }

  @Test
  void blankAndNonStringValuesAreRefused() {
    assertThat(with("title", "   ")).containsExactly(violation("title", "is required"));
    assertThat(with("owner", 42)).containsExactly(violation("owner", "must be a string"));
    assertThat(with("priority", List.of("P1"))).containsExactly(violation("priority", "must be a string"));
  }

  @Test
  void textLengthIsBoundedAndControlCharactersRefusedButLineBreaksAndTabsAllowed() {
    assertThat(with("title", "t".repeat(200))).isEmpty();
    assertThat(with("title", "t".repeat(201))).containsExactly(violation("title", "must be at most 200 characters"));
    assertThat(with("rollbackCriteria", "c".repeat(2000))).isEmpty();
    assertThat(with("rollbackCriteria", "c".repeat(2001)))
        .containsExactly(violation("rollbackCriteria", "must be at most 2000 characters"));
    assertThat(with("rollbackCriteria", "line 1\r\nline 2\tend")).isEmpty();
    assertThat(with("title", "bell\u0007")).containsExactly(violation("title", "must not contain control characters"));
    assertThat(with("title", "esc\u001b[31m")).containsExactly(violation("title", "must not contain control characters"));
  }

  @Test
  void notesAreOptionalButBoundedWhenGiven() {
    assertThat(with("notes", null)).isEmpty();
    assertThat(with("notes", "")).isEmpty();
    assertThat(with("notes", "n".repeat(4000))).isEmpty();
    assertThat(with("notes", "n".repeat(4001))).containsExactly(violation("notes", "must be at most 4000 characters"));
    assertThat(with("notes", "  ")).containsExactly(violation("notes", "is required"));
    assertThat(with("notes", "nul\u0000")).containsExactly(violation("notes", "must not contain control characters"));
  }

  @Test
  void fixedChoicesNameTheAllowedValuesSorted() {
    assertThat(with("priority", "P3")).containsExactly(violation("priority", "must be one of P0, P1, P2"));
    assertThat(with("environment", "staging"))
        .containsExactly(violation("environment", "must be one of canary, production"));
    assertThat(with("branch", "dev")).containsExactly(violation("branch", "must be one of canary, main"));
    assertThat(with("dockerAccess", "root"))
        .containsExactly(violation("dockerAccess", "must be one of group, socket, sudo"));
    assertThat(with("service", "unknown")).containsExactly(violation("service", "must be one of gastown, gtruntime"));
    assertThat(with("canaryHost", "prod-1")).containsExactly(violation("canaryHost", "must be one of canary-1"));
  }

  @Test
  void theDockerAccessMustBeOneTheCanaryHostOffers() {
    assertThat(with("dockerAccess", "sudo")).containsExactly(violation("dockerAccess",
        "must be one that host canary-1 offers: group, socket (mcd.hosts.canary-1.docker-access)"));
    assertThat(with("dockerAccess", "socket")).isEmpty();
    assertThat(with("canaryHost", "prod-1")).as("an unknown host is the only violation")
        .containsExactly(violation("canaryHost", "must be one of canary-1"));
  }

  @Test
  void anEmptyConfigurationPointsAtTheSettingToFill() {
    DeployRequestValidator unconfigured = new DeployRequestValidator(
        new DeployProperties(null, null, null, null, null),
        new GitHubProperties("https://api.github.com", "GITHUB_TOKEN", "2022-11-28", Duration.ofSeconds(5),
            Duration.ofSeconds(30), null));
    assertThat(unconfigured.validate(request())).containsExactly(
        violation("service", "no value is configured (see mcd.services)"),
        violation("canaryHost", "no value is configured (see mcd.hosts)"));
  }

  @Test
  void ownerAssigneeAndRunnerLabelFollowTheirPatterns() {
    assertThat(with("owner", "o".repeat(64))).isEmpty();
    assertThat(with("owner", "o".repeat(65))).extracting(FieldViolation::field).containsExactly("owner");
    assertThat(with("owner", "-leading-dash")).extracting(FieldViolation::field).containsExactly("owner");
    assertThat(with("owner", "a;rm -rf /")).extracting(FieldViolation::field).containsExactly("owner");
    assertThat(with("assignee", "Ptilopsis")).containsExactly(violation("assignee",
        "must be a crew address <rig>/crew/<name>, e.g. TerraNomadicCity/crew/Ptilopsis"));
    assertThat(with("assignee", "rig/crew/a b")).extracting(FieldViolation::field).containsExactly("assignee");
    assertThat(with("runnerLabel", "linux x64")).containsExactly(violation("runnerLabel",
        "must be a runner label of letters, digits, '.', '_' or '-' (at most 64)"));
  }

  @Test
  void refsAreShasTagsHeadOrBranchRefs() {
    for (String accepted : List.of("0123abc", "0123456789abcdef0123456789abcdef01234567", "HEAD", "v1.4.0",
        "refs/heads/feature/canary-1", "release_2", "HEAD (mounted at /gt)", "v1.4.0  ( pinned )")) {
      assertThat(with("gtruntimeRef", accepted)).as(accepted).isEmpty();
    }
    String rule = "must be a 7-40 character hex commit SHA, a tag, HEAD or refs/heads/<name>, optionally followed "
        + "by a note in parentheses, e.g. HEAD (mounted at /gt)";
    for (String refused : List.of("v1..4", "refs/heads/a//b", "refs/heads/feature/", "v1.", "v1.lock",
        "main;reboot", "-v1", "refs/tags/v1", "$(id)", "v1..4 (note)", "HEAD (a (nested) note)", "HEAD (bell\u0007)",
        "HEAD ()")) {
      assertThat(with("gtruntimeRef", refused)).as(refused).containsExactly(violation("gtruntimeRef", rule));
    }
  }

  @Test
  void anImageIsOptionalWhenTheRefIsAShaAndMustFollowDockersGrammarWhenGiven() {
    assertThat(with("image", "")).isEmpty();
    for (String accepted : List.of("gastown", "registry.example.com:5000/mayor/gastown:1.4.0",
        "mayor/gastown@sha256:" + "a".repeat(64), "ghcr.io/mayor/gas-town_x:v1")) {
      assertThat(with("image", accepted)).as(accepted).isEmpty();
    }
    String rule = "must be an image reference [registry/]name[:tag][@sha256:digest] of at most 255 characters";
    for (String refused : List.of("Mayor/Gastown", "gastown:1.4 ; reboot", "gastown@sha256:abc")) {
      assertThat(with("image", refused)).as(refused).containsExactly(violation("image", rule));
    }
    assertThat(with("image", "a".repeat(255))).isEmpty();
    assertThat(with("image", "a".repeat(256))).containsExactly(violation("image", rule));
    assertThat(with("image", 7)).containsExactly(violation("image", "must be a string"));
  }

  @Test
  void aTagRefNeedsAnImageUnlessTheServiceHasAGitHubRepositoryToResolveIt() {
    Map<String, Object> tagRef = request();
    tagRef.put("gastownRef", "v1.4.0");
    assertThat(validator.validate(tagRef)).extracting(FieldViolation::field).containsExactly("image");
    assertThat(validator.validate(tagRef).get(0).rule()).startsWith("is required when gastownRef is not a commit SHA");

    tagRef.put("image", "mayor/gastown:1.4.0");
    assertThat(validator.validate(tagRef)).isEmpty();

    tagRef.remove("image");
    assertThat(validator(Map.of("gastown", GITHUB_SERVICE)).validate(tagRef)).isEmpty();
  }

  @Test
  void aShaWithANoteNeedsNoImageButATagWithANoteDoes() {
    assertThat(with("gastownRef", "0123abc (hotfix)")).isEmpty();
    assertThat(with("gastownRef", "v1.4.0 (hotfix)")).extracting(FieldViolation::field).containsExactly("image");
  }

  @Test
  void anInvalidRefIsReportedOnceNotAgainAsAMissingImage() {
    assertThat(with("gastownRef", "v1..4")).extracting(FieldViolation::field).containsExactly("gastownRef");
  }

  @Test
  void aViolationOfAnotherFieldDoesNotHideTheMissingImage() {
    Map<String, Object> tagRefAndBadTitle = request();
    tagRefAndBadTitle.put("gastownRef", "v1.4.0");
    tagRefAndBadTitle.put("title", "");
    assertThat(validator.validate(tagRefAndBadTitle)).extracting(FieldViolation::field)
        .containsExactly("title", "image");
  }
}
