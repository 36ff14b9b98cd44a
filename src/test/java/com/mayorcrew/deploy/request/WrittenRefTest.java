package com.mayorcrew.deploy.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WrittenRefTest {

  @Test
  void aNoteInParenthesesIsSplitOffAndTrimmed() {
    WrittenRef written = WrittenRef.parse("HEAD ( mounted at /gt )");
    assertThat(written).isEqualTo(new WrittenRef("HEAD", "mounted at /gt"));
    assertThat(written.hasNote()).isTrue();
  }

  @Test
  void withoutANoteTheWholeTextIsTheRef() {
    assertThat(WrittenRef.parse("v1.4.0")).isEqualTo(new WrittenRef("v1.4.0", ""));
    assertThat(WrittenRef.parse("v1.4.0").hasNote()).isFalse();
    assertThat(WrittenRef.parse("HEAD (a (nested) note)").ref()).isEqualTo("HEAD (a (nested) note)");
  }
}
