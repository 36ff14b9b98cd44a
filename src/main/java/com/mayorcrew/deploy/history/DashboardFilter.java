package com.mayorcrew.deploy.history;

import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * What the dashboard shows: one service and host (absent: all), over {@code from}–{@code to} (UTC days, both
 * inclusive) or the last {@code days} days ({@value DashboardPeriod#DEFAULT_DAYS} when nothing is given).
 */
record DashboardFilter(
    String service,
    String host,
    Integer days,
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {

  public DashboardFilter {
    service = service == null || service.isBlank() ? null : service.trim();
    host = host == null || host.isBlank() ? null : host.trim();
  }

  DashboardPeriod period(LocalDate today) {
    return DashboardPeriod.of(days, from, to, today);
  }
}
