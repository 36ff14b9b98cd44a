package com.mayorcrew.deploy.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Origins compare as scheme://host[:port], with default ports dropped; anything unparsable matches nothing. */
class CrossSiteRequestRefusalTest {

  @Test
  void originsAreComparedByTheirNormalForm() {
    assertThat(CrossSiteRequestRefusal.normalize("HTTPS://Deploys.Example.com:443"))
        .isEqualTo("https://deploys.example.com");
    assertThat(CrossSiteRequestRefusal.normalize("http://localhost:8080")).isEqualTo("http://localhost:8080");
    assertThat(CrossSiteRequestRefusal.normalize("http://localhost:80")).isEqualTo("http://localhost");
    assertThat(CrossSiteRequestRefusal.normalize("null")).startsWith("invalid:");
    assertThat(CrossSiteRequestRefusal.normalize("http://[bad")).startsWith("invalid:");
  }
}
