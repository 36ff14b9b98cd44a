package com.mayorcrew.deploy.jobs;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The engine's job locks held by one lock owner, in the engine's job table. The engine has no API for locks by
 * owner; these two statements are the only writes to its tables outside the engine.
 */
final class JobLocks {

  private final JdbcTemplate jdbc;
  private final String jobTable;

  JobLocks(JdbcTemplate jdbc, String tablePrefix) {
    this.jdbc = jdbc;
    this.jobTable = (tablePrefix == null ? "" : tablePrefix) + "ACT_RU_JOB";
  }

  /**
   * Frees every job the owner has locked, so the job executors acquire them at once. Only for an owner that runs
   * nothing: the revision goes up, so an acquisition that read the old lock fails its optimistic check instead of
   * taking the job a second time.
   */
  int release(String owner) {
    return jdbc.update("UPDATE " + jobTable + " SET LOCK_OWNER_ = NULL, LOCK_EXP_TIME_ = NULL, REV_ = REV_ + 1 "
        + "WHERE LOCK_OWNER_ = ?", owner);
  }

  /**
   * Moves the expiry of the owner's locks to {@code until}. The revision stays: the engine's transaction that is
   * running the job deletes or updates it by its revision when the step ends, and must still succeed.
   */
  int extend(String owner, Instant until) {
    return jdbc.update("UPDATE " + jobTable + " SET LOCK_EXP_TIME_ = ? WHERE LOCK_OWNER_ = ? "
        + "AND LOCK_EXP_TIME_ IS NOT NULL", Timestamp.from(until), owner);
  }
}
