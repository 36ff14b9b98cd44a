package com.mayorcrew.deploy.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

class TimesTest {

  @Test
  void showsUtcWithSecondsAndNothingForNoTime() {
    assertThat(new Times().format(Instant.parse("2026-11-28T08:05:09.750Z"))).isEqualTo("2026-11-28 08:05:09Z");
    assertThat(new Times().format(null)).isEmpty();
  }

  @Test
  void durationsInMinutesAndTwoDigitSeconds() {
    Instant start = Instant.parse("2026-11-28T08:00:00Z");
    assertThat(new Times().duration(start, start.plusSeconds(65))).isEqualTo("1m 05s");
    assertThat(new Times().duration(start, start.plusSeconds(3725))).isEqualTo("62m 05s");
  }

  @Test
  void convertsEngineDatesAndKeepsNull() {
    assertThat(Times.instant(new Date(1_000L))).isEqualTo(Instant.ofEpochSecond(1));
    assertThat(Times.instant(null)).isNull();
  }
}
