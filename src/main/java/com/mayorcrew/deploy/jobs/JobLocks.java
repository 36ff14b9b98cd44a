package com.mayorcrew.deploy.jobs;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The engine's job locks held by one lock owner, in the engine's job table. The engine has no API for locks by
 * owner; these statements are the only writes to its tables outside the engine. A release raises each job's
 * revision, so an acquisition or a step's commit that read the old lock fails its optimistic check instead of
 * running the job a second time. Locks are never extended: the engine takes a changed lock expiry of a running
 * job for a takeover by another node and then drops that job's failure (its retries and incident).
 */
final class JobLocks {

  private final JdbcTemplate jdbc;
  private final String jobTable;

  JobLocks(JdbcTemplate jdbc, String tablePrefix) {
    this.jdbc = jdbc;
    this.jobTable = (tablePrefix == null ? "" : tablePrefix) + "ACT_RU_JOB";
  }

  /** Frees every job the owner has locked, so the job executors acquire them at once. Only for an owner that runs nothing. */
  int release(String owner) {
    return jdbc.update("UPDATE " + jobTable + " SET LOCK_OWNER_ = NULL, LOCK_EXP_TIME_ = NULL, REV_ = REV_ + 1 "
        + "WHERE LOCK_OWNER_ = ?", owner);
  }

  /**
   * Frees the owner's locks if its lease ran out before {@code now}, checked in the same statement: a node that
   * renewed its lease meanwhile (it came back) keeps the locks it has taken since.
   */
  int releaseLapsed(String owner, Instant now) {
    return jdbc.update("UPDATE " + jobTable + " SET LOCK_OWNER_ = NULL, LOCK_EXP_TIME_ = NULL, REV_ = REV_ + 1 "
        + "WHERE LOCK_OWNER_ = ? AND EXISTS (SELECT 1 FROM " + NodeLeases.TABLE + " WHERE node_id = ? "
        + "AND alive_until < ?)", owner, owner, Timestamp.from(now));
  }
}
