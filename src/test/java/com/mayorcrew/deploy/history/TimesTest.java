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

  @Test
  void spansInTheUnitThatReadsBest() {
    assertThat(new Times().span(null)).isEqualTo("—");
    assertThat(new Times().span(850L)).isEqualTo("850ms");
    assertThat(new Times().span(12_449L)).isEqualTo("12.4s");
    assertThat(new Times().span(185_000L)).isEqualTo("3m 05s");
    assertThat(new Times().span(7_440_000L)).isEqualTo("2h 04m");
    assertThat(new Times().span(97_200_000L)).isEqualTo("1d 03h");
    assertThat(new Times().span(999L)).isEqualTo("999ms");
    assertThat(new Times().span(1_000L)).isEqualTo("1.0s");
    assertThat(new Times().span(59_999L)).isEqualTo("60.0s");
    assertThat(new Times().span(60_000L)).isEqualTo("1m 00s");
    assertThat(new Times().span(3_599_999L)).isEqualTo("59m 59s");
    assertThat(new Times().span(3_600_000L)).isEqualTo("1h 00m");
    assertThat(new Times().span(86_399_999L)).isEqualTo("23h 59m");
    assertThat(new Times().span(86_400_000L)).isEqualTo("1d 00h");
  }
}
