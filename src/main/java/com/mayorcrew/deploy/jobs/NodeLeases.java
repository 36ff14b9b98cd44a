package com.mayorcrew.deploy.jobs;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Each node's lease in the application's table {@code mcd_job_node} (schema.sql, Liquibase mcd-job-nodes.xml). */
final class NodeLeases {

  static final String TABLE = "mcd_job_node";

  private final JdbcTemplate jdbc;

  NodeLeases(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Renews the node's lease until {@code aliveUntil}; a node id is live on one node at a time, so no race. */
  void renew(String nodeId, Instant aliveUntil) {
    Timestamp until = Timestamp.from(aliveUntil);
    if (jdbc.update("UPDATE " + TABLE + " SET alive_until = ? WHERE node_id = ?", until, nodeId) == 0) {
      jdbc.update("INSERT INTO " + TABLE + " (node_id, alive_until) VALUES (?, ?)", nodeId, until);
    }
  }

  /** The other nodes whose lease ran out before {@code now}. */
  List<String> lapsed(String self, Instant now) {
    return jdbc.queryForList("SELECT node_id FROM " + TABLE + " WHERE alive_until < ? AND node_id <> ?",
        String.class, Timestamp.from(now), self);
  }

  /** Forgets a node whose lease ran out (once its locks are freed), unless it renewed meanwhile. */
  void forget(String nodeId, Instant now) {
    jdbc.update("DELETE FROM " + TABLE + " WHERE node_id = ? AND alive_until < ?", nodeId, Timestamp.from(now));
  }
}
