package com.mayorcrew.deploy.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mayorcrew.deploy.config.DeployProperties;
import org.junit.jupiter.api.Test;

class ImageReferencesTest {

  private static DeployProperties.Service service(String imageRepository) {
    return new DeployProperties.Service(DeployProperties.ExecutionMode.DOCKER, imageRepository, "gastown", "host",
        null, null, null, null, null, null, "unless-stopped", null, null, true, null);
  }

  @Test
  void theRequestsImageWins() {
    assertThat(ImageReferences.forDeploy(service("mayor/gastown"), "mayor/gastown:1.4", "0123456789abcdef"))
        .isEqualTo("mayor/gastown:1.4");
  }

  @Test
  void elseTheCanaryTagOfTheFirstTwelveShaCharacters() {
    assertThat(ImageReferences.forDeploy(service("mayor/gastown"), " ", "0123456789abcdef0123"))
        .isEqualTo("mayor/gastown:canary-0123456789ab");
    assertThat(ImageReferences.forDeploy(service("mayor/gastown"), null, "0123abc"))
        .isEqualTo("mayor/gastown:canary-0123abc");
    assertThat(ImageReferences.forDeploy(service("mayor/gastown"), null, "0123456789ab"))
        .isEqualTo("mayor/gastown:canary-0123456789ab");
  }

  @Test
  void withoutImageRepositoryOrImageThereIsNothingToRun() {
    assertThatThrownBy(() -> ImageReferences.forDeploy(service(null), null, "0123abc"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no image-repository");
    assertThatThrownBy(() -> ImageReferences.forDeploy(service(" "), "", "0123abc"))
        .isInstanceOf(IllegalStateException.class);
  }
}
