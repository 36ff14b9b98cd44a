package com.mayorcrew.deploy.prechecks;

import static org.assertj.core.api.Assertions.assertThat;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.github.GitHubProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class GitHubPrechecksWarningTest {

  @Test
  void everyServiceWithoutGitHubConfigurationIsNamedAtStart(CapturedOutput output) {
    Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
        "mcd.services.gastown.image-repository", "ghcr.io/mayor/gastown",
        "mcd.services.web.image-repository", "mcd-test/app",
        "mcd.github.services.gastown.repository", "mayor/gastown")));
    GitHubPrechecksWarning warning = new GitHubPrechecksWarning(
        binder.bindOrCreate("mcd", DeployProperties.class), binder.bindOrCreate("mcd.github", GitHubProperties.class));

    assertThat(warning.servicesWithoutGitHub()).containsExactly("web");
    warning.warn();
    assertThat(output).contains("WARN", "Service web has no GitHub configuration (mcd.github.services.web): its "
        + "deploys skip the GitHub prechecks").doesNotContain("Service gastown");
  }
}
