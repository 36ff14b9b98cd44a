package com.mayorcrew.deploy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The role-to-directory-group mapping in both directions, and the mappings refused at start. */
class DirectoryPropertiesTest {

  private final DirectoryProperties directory = new DirectoryProperties(true,
      Map.of(Role.MAYOR, "release-mayors", Role.ADMIN, "platform-admins"));

  @Test
  void rolesAreLookedUpUnderTheirDirectoryGroupsAndShownUnderTheirIds() {
    assertThat(directory.directoryGroupOf("mayor")).isEqualTo("release-mayors");
    assertThat(directory.directoryGroupOf("camunda-admin")).isEqualTo("platform-admins");
    assertThat(directory.directoryGroupOf("crew")).isEqualTo("crew");
    assertThat(directory.directoryGroupOf("release-mayors")).isEqualTo("release-mayors");
    assertThat(directory.groupIdOf("release-mayors")).contains("mayor");
    assertThat(directory.groupIdOf("crew")).contains("crew");
    assertThat(directory.groupIdOf("coffee-club")).contains("coffee-club");
    // a directory group named like a role another group plays is hidden
    assertThat(directory.groupIdOf("mayor")).isEmpty();
    assertThat(directory.groupIdOf("camunda-admin")).isEmpty();
  }

  @Test
  void aDirectoryGroupPlaysOneRoleAndNoRolePlaysAnotherRolesId() {
    assertThatThrownBy(() -> new DirectoryProperties(true, Map.of(Role.MAYOR, "ops", Role.CREW, "ops")))
        .hasMessageContaining("directory group 'ops' plays both");
    assertThatThrownBy(() -> new DirectoryProperties(true, Map.of(Role.MAYOR, "crew")))
        .hasMessageContaining("MAYOR may not be played by 'crew', the id of role CREW");
    assertThat(new DirectoryProperties(true, Map.of(Role.CREW, "crew")).groupIdOf("crew")).contains("crew");
    assertThat(new DirectoryProperties(false, null).roleGroups()).isEmpty();
  }
}
