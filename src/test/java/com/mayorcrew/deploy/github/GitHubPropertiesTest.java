package com.mayorcrew.deploy.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class GitHubPropertiesTest {

  private static GitHubProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("mcd.github", GitHubProperties.class);
  }

  @Test
  void defaultsWithNothingConfigured() {
    GitHubProperties properties = bind(Map.of());

    assertThat(properties.baseUrl()).isEqualTo("https://api.github.com");
    assertThat(properties.tokenSecret()).isEqualTo("GITHUB_TOKEN");
    assertThat(properties.apiVersion()).isEqualTo("2022-11-28");
    assertThat(properties.service("gastown")).isEmpty();
  }

  @Test
  void aServiceWithItsDefaults() {
    GitHubProperties properties = bind(Map.of(
        "mcd.github.base-url", "https://ghe.example/api/v3/",
        "mcd.github.services.gastown.repository", "mayor/gastown",
        "mcd.github.services.gastown.workflow-inputs.ref", "{sha}",
        "mcd.github.services.gastown.workflow-inputs.target", "{host}/{deployId}",
        "mcd.github.services.gastown.required-secrets[0]", "GT_WEB_AUTH_TOKEN_CANARY"));

    GitHubProperties.Service service = properties.requireService("gastown");
    assertThat(properties.baseUrl()).isEqualTo("https://ghe.example/api/v3");
    assertThat(service.gastown()).isEqualTo(new RepositoryName("mayor", "gastown"));
    assertThat(service.gtruntime()).isEmpty();
    assertThat(service.workflow()).isEqualTo("canary-deploy.yml");
    assertThat(service.workflowRef()).isEqualTo("{branch}");
    assertThat(service.workflowInputs()).containsEntry("target", "{host}/{deployId}");
    assertThat(service.requiredSecrets()).containsExactly("GT_WEB_AUTH_TOKEN_CANARY");
    assertThat(service.githubEnvironment()).isEmpty();
    assertThat(service.runPollInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(service.runTimeout()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void anUnknownPlaceholderOrABadRepositoryStopsTheStart() {
    assertThatThrownBy(() -> bind(Map.of("mcd.github.services.gastown.repository", "mayor/gastown",
        "mcd.github.services.gastown.workflow-inputs.ref", "{commit}")))
        .rootCause().hasMessageContaining("unknown placeholder {commit}");
    assertThatThrownBy(() -> bind(Map.of("mcd.github.services.gastown.repository", "gastown")))
        .rootCause().hasMessageContaining("owner/name");
  }

  @Test
  void templatesAreSubstitutedNeverEvaluated() {
    assertThat(WorkflowTemplates.render("{host}:{deployId}", Map.of("host", "{sha}", "deployId", "$1\\")))
        .isEqualTo("{sha}:$1\\");
    assertThat(WorkflowTemplates.render("{sha}", Map.of())).isEmpty();
  }
}
