package com.mayorcrew.deploy.history;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.springframework.stereotype.Component;

/** Time conversions of the history views; the pages show UTC with seconds, like the escalation log. */
@Component("times")
public class Times {

  private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
      .withZone(ZoneOffset.UTC);

  static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }

  /** For templates: {@code ${@times.format(instant)}}. */
  public String format(Instant instant) {
    return instant == null ? "" : DISPLAY.format(instant);
  }

  /** For templates: {@code ${@times.duration(start, end)}}, e.g. {@code 1m 05s}. */
  public String duration(Instant start, Instant end) {
    Duration duration = Duration.between(start, end);
    return duration.toMinutes() + "m " + String.format("%02d", duration.toSecondsPart()) + "s";
  }

  /** For templates: {@code ${@times.span(millis)}}, e.g. {@code 850ms}, {@code 12.4s}, {@code 3m 05s}, {@code 2h 04m}. */
  public String span(Long millis) {
    return millis == null ? "—" : spanOf(millis);
  }

  static String spanOf(long millis) {
    Duration duration = Duration.ofMillis(millis);
    if (millis < 1000) {
      return millis + "ms";
    }
    if (millis < 60_000) {
      return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }
    if (duration.toHours() < 1) {
      return duration.toMinutes() + "m " + String.format("%02d", duration.toSecondsPart()) + "s";
    }
    if (duration.toDays() < 1) {
      return duration.toHours() + "h " + String.format("%02d", duration.toMinutesPart()) + "m";
    }
    return duration.toDays() + "d " + String.format("%02d", duration.toHoursPart()) + "h";
  }
}
