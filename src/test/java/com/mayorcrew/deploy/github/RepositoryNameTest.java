package com.mayorcrew.deploy.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RepositoryNameTest {

  @Test
  void parsesOwnerSlashNameAndGivesItsApiPath() {
    RepositoryName name = RepositoryName.parse(" mayor-crew/gas_town.v2 ");
    assertThat(name).isEqualTo(new RepositoryName("mayor-crew", "gas_town.v2"));
    assertThat(name.path()).isEqualTo("/repos/mayor-crew/gas_town.v2");
    assertThat(name).hasToString("mayor-crew/gas_town.v2");
  }

  @Test
  void refusesAnythingElse() {
    for (String refused : new String[] {null, "", "gastown", "mayor/gastown/extra", "/gastown", "mayor/",
        "mayor/gas town", "may or/gastown", "mayor/../x"}) {
      assertThatThrownBy(() -> RepositoryName.parse(refused)).as(String.valueOf(refused))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("repository must be owner/name, got '" + refused + "'");
    }
  }
}
