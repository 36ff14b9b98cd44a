package com.mayorcrew.deploy.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WrittenRefTest {

  @Test
  void theSeedsNoteIsKeptApartFromTheRef() {
    assertThat(WrittenRef.parse("HEAD (mounted at /gt)")).isEqualTo(new WrittenRef("HEAD", "mounted at /gt"));
    assertThat(WrittenRef.parse("HEAD (mounted at /gt)").hasNote()).isTrue();
  }

  @Test
  void aRefWithoutNoteIsTheRef() {
    assertThat(WrittenRef.parse("refs/heads/canary")).isEqualTo(new WrittenRef("refs/heads/canary", ""));
    assertThat(WrittenRef.parse("v1.4.0").hasNote()).isFalse();
  }

  @Test
  void onlyOneTrailingNoteCounts() {
    // Anything else stays one value, which the ref rules then refuse.
    assertThat(WrittenRef.parse("HEAD (a) (b)").hasNote()).isFalse();
    assertThat(WrittenRef.parse("HEAD (a)b").hasNote()).isFalse();
    assertThat(WrittenRef.parse("HEAD ()").hasNote()).isFalse();
    assertThat(WrittenRef.parse("HEAD (line\nbreak)").hasNote()).isFalse();
  }
}
