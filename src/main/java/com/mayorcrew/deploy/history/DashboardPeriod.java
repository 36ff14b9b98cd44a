package com.mayorcrew.deploy.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The UTC days the dashboard covers, both ends inclusive; a deploy counts on the day it ended. */
record DashboardPeriod(LocalDate from, LocalDate to) {

  static final int DEFAULT_DAYS = 30;
  static final int MAX_DAYS = 366;

  DashboardPeriod {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("period ends " + to + " before it starts " + from);
    }
  }

  /**
   * The period the caller asked for: {@code from}/{@code to} when given (a missing end is today, a missing start
   * {@code days} days up to the end), else the last {@code days} days up to today; never longer than
   * {@value #MAX_DAYS} days, which bounds the history read.
   */
  static DashboardPeriod of(Integer days, LocalDate from, LocalDate to, LocalDate today) {
    int span = days == null || days < 1 ? DEFAULT_DAYS : Math.min(days, MAX_DAYS);
    LocalDate end = to != null ? to : today;
    LocalDate start = from != null ? from : end.minusDays(span - 1L);
    if (end.isBefore(start)) {
      LocalDate swap = start;
      start = end;
      end = swap;
    }
    if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
      start = end.minusDays(MAX_DAYS - 1L);
    }
    return new DashboardPeriod(start, end);
  }

  public long days() {
    return ChronoUnit.DAYS.between(from, to) + 1;
  }

  Instant start() {
    return from.atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  /** The first instant after the period. */
  Instant end() {
    return to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  boolean contains(Instant instant) {
    return instant != null && !instant.isBefore(start()) && instant.isBefore(end());
  }
}
