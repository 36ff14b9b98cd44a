package com.mayorcrew.deploy.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.github.GitHubProperties;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The example configuration README shows (profile {@code seed}) binds, and the seed's example request, as written,
 * is a valid request under it: host shisuiki, gastown by its workflow, production on its own container.
 */
class SeedExampleConfigurationTest {

  @Test
  void theSeedsExampleRequestIsValidUnderTheSeedProfile() throws IOException {
    Binder binder = binder("application-seed.yaml", "application.yaml");
    DeployProperties deploy = binder.bind("mcd", DeployProperties.class).get();
    GitHubProperties gitHub = binder.bind("mcd.github", GitHubProperties.class).get();

    Map<String, Object> request = DeployRequestTemplate.parse(DeployRequestTemplateTest.seedExample());
    assertThat(new DeployRequestValidator(deploy, gitHub).validate(request)).isEmpty();
    assertThat(deploy.service("gastown").executionMode()).isEqualTo(DeployProperties.ExecutionMode.WORKFLOW);
    assertThat(deploy.host("shisuiki").serviceAddress()).isEqualTo("shisuiki");
    assertThat(deploy.logsDir()).hasToString("/home/shisui/gt/logs");
    assertThat(gitHub.service("gastown")).isPresent();
    assertThat(deploy.service("gastown", "production").containerName()).isEqualTo("gastown");
    assertThat(deploy.service("gastown", "production").env()).containsEntry("GT_ENV", "production");
  }

  /** The files in precedence order, first wins, as Spring Boot layers a profile over application.yaml. */
  private static Binder binder(String... files) throws IOException {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    List<PropertySource<?>> sources = new ArrayList<>();
    for (String file : files) {
      sources.addAll(new YamlPropertySourceLoader().load(file, new ClassPathResource(file)));
    }
    sources.forEach(environment.getPropertySources()::addLast);
    return Binder.get(environment);
  }
}
