package com.mayorcrew.deploy.history;

import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * What the deploy list is filtered by; every field is optional. Dates are UTC days and both ends are inclusive.
 *
 * @param result {@code running} for unfinished deploys, else the recorded result ({@code success}, {@code failed},
 *     {@code rolled_back})
 * @param page 1-based; absent means the first
 * @param size deploys per page, at most {@value #MAX_SIZE}; absent means {@value #DEFAULT_SIZE}
 */
record HistoryFilter(
    String service,
    String host,
    String environment,
    String result,
    String requester,
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
    Integer page,
    Integer size) {

  public static final int DEFAULT_SIZE = 20;
  public static final int MAX_SIZE = 500;
  public static final String RUNNING = "running";

  public HistoryFilter {
    service = blankToNull(service);
    host = blankToNull(host);
    environment = blankToNull(environment);
    result = blankToNull(result);
    requester = blankToNull(requester);
    // Absent or nonsensical paging falls back to the first page of the default size.
    page = page == null ? 1 : Math.max(1, page);
    size = size == null || size <= 0 ? DEFAULT_SIZE : Math.min(size, MAX_SIZE);
  }

  int firstResult() {
    return (page - 1) * size;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
