package com.mayorcrew.deploy.history;

/**
 * The four DORA figures of one period (definitions on the dashboard page and in docs/dashboard.md). Times are
 * milliseconds; a figure without data to compute it from is null.
 *
 * @param landed deploys that ended at "Deploy done" in the period
 * @param landedPerDay {@code landed} over the days of the period (deployment frequency)
 * @param landedPerWeek the same per 7 days
 * @param ended deploys that ended in the period, however they ended
 * @param failures of those, the ones whose result is {@code failed} or {@code rolled_back}
 * @param changeFailureRate {@code failures / ended}, between 0 and 1
 * @param restored outages (a failure after a healthy state) begun in the period that a healthy deploy ended
 * @param notRestored outages begun in the period with no healthy deploy since
 * @param medianTimeToRestoreMillis median time from the outage's first failure to the next passed health check
 * @param leadTimes deploys ended in the period whose health verification passed
 * @param medianLeadTimeMillis median time from request (process start) to passed health verification
 */
record DoraFigures(
    long landed,
    double landedPerDay,
    double landedPerWeek,
    long ended,
    long failures,
    Double changeFailureRate,
    long restored,
    long notRestored,
    Long medianTimeToRestoreMillis,
    long leadTimes,
    Long medianLeadTimeMillis) {}
