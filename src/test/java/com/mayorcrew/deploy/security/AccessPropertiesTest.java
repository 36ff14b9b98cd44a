package com.mayorcrew.deploy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class AccessPropertiesTest {

  @Test
  void printingTheConfigurationHidesPasswords() {
    var properties = new AccessProperties(
        List.of(new AccessProperties.User("mayor", "s3cret-mayor", "The", "Mayor", null, List.of("mayor"))),
        "admin", "s3cret-admin", null, null);

    assertThat(properties.toString()).contains("mayor", "admin", "<set>").doesNotContain("s3cret");
  }

  @Test
  void approvalsNeedFourEyesByDefaultAndTheMayorTierIsOpenToTheRequester() {
    AccessProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
        .bindOrCreate("mcd.access", AccessProperties.class);
    assertThat(defaults.fourEyes()).containsExactlyInAnyOrder("Task_ApproveProduction", "Task_HumanDecision");

    AccessProperties stricter = new Binder(new MapConfigurationPropertySource(Map.of("mcd.access.four-eyes",
        "Task_ApproveProduction,Task_HumanDecision,Task_MayorEscalation,Task_ResolveTechnicalFault")))
        .bindOrCreate("mcd.access", AccessProperties.class);
    assertThat(stricter.fourEyes()).hasSize(4);
  }

  @Test
  void aFourEyesTaskThatIsNoDecisionIsRefusedAtStart() {
    assertThatThrownBy(() -> new AccessProperties(null, "admin", null, null, Set.of("Task_SmokeTest")))
        .hasMessageContaining("mcd.access.four-eyes: [Task_SmokeTest] are not decision tasks");
  }

  @Test
  void blankPasswordsMeanNone() {
    var properties = new AccessProperties(
        List.of(new AccessProperties.User("crew1", " ", null, null, null, null)), "admin", "", null, null);

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
