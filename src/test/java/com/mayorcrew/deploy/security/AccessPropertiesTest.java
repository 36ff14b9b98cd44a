package com.mayorcrew.deploy.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccessPropertiesTest {

  @Test
  void printingTheConfigurationHidesPasswords() {
    var properties = new AccessProperties(
        List.of(new AccessProperties.User("mayor", "s3cret-mayor", "The", "Mayor", null, List.of("mayor"))),
        "admin", "s3cret-admin", null);

    assertThat(properties.toString()).contains("mayor", "admin", "<set>").doesNotContain("s3cret");
  }

  @Test
  void blankPasswordsMeanNone() {
    var properties = new AccessProperties(
        List.of(new AccessProperties.User("crew1", " ", null, null, null, null)), "admin", "", null);

    assertThat(properties.adminPassword()).isNull();
    assertThat(properties.users().get(0).password()).isNull();
    assertThat(properties.users().get(0).groups()).isEmpty();
  }

  @Test
  void generatedPasswordsAreLongAndDistinct() {
    String first = RandomPasswords.generate();

    assertThat(first).hasSize(24).matches("[A-Za-z0-9_-]+");
    assertThat(RandomPasswords.generate()).isNotEqualTo(first);
  }
}
