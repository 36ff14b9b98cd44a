package com.mayorcrew.deploy.hostlock;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One deploy per canary host, held in the database so that it holds across application nodes. A deploy first
 * joins the host's queue; the earliest-requested waiter takes the lock when it is free (the lock's primary key
 * makes taking it atomic); the lock is released when the deploy ends on any path. A holder whose process
 * instance no longer exists (deleted without listeners) is stale and is cleared by the next waiter.
 */
@Component
public class HostLocks {

  /** Who holds a host. */
  public record Holder(String deployId, String processInstanceId, Instant acquiredAt) {}

  /** A deploy waiting for a host, and when it was requested (its place in the queue). */
  public record Waiter(String deployId, String processInstanceId, Instant requestedAt) {}

  private static final String SELECT_HOLDER =
      "SELECT deploy_id, process_instance_id, acquired_at FROM mcd_host_lock WHERE host = ?";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate savepoint;

  public HostLocks(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    // A failed insert must not poison the surrounding engine transaction (PostgreSQL aborts it): run it nested.
    this.savepoint = new TransactionTemplate(transactionManager);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** Joins the host's queue (idempotent: a retried job keeps the deploy's first place). */
  public void enqueue(String host, String deployId, String processInstanceId, Instant requestedAt) {
    jdbc.update("INSERT INTO mcd_host_queue (deploy_id, host, process_instance_id, requested_at) "
            + "SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM mcd_host_queue WHERE deploy_id = ?)",
        deployId, host, processInstanceId, Timestamp.from(requestedAt), deployId);
  }

  /**
   * Takes the host for this deploy when it is free and this deploy is the earliest waiter. Holders whose process
   * instance is gone (as {@code isAlive} says) are cleared first. Idempotent for the current holder.
   *
   * <p>The holder's row is read for update, so an attempt and the holder's {@link #release} never overlap: an
   * attempt during a release waits for it and finds the host free; a release during an attempt waits until the
   * waiter's transaction (which ends waiting for the release message) has committed, so its wake-up is not lost.
   */
  public boolean tryAcquire(String host, String deployId, String processInstanceId, Instant now,
      Predicate<String> isAlive) {
    Optional<Holder> holder = jdbc.query(SELECT_HOLDER + " FOR UPDATE", HostLocks::toHolder, host).stream()
        .findFirst();
    if (holder.isPresent()) {
      if (holder.get().deployId().equals(deployId)) {
        return true;
      }
      if (isAlive.test(holder.get().processInstanceId())) {
        return false;
      }
      jdbc.update("DELETE FROM mcd_host_lock WHERE host = ? AND deploy_id = ?", host, holder.get().deployId());
    }
    removeDeadWaiters(host, isAlive);
    List<String> first = jdbc.queryForList(
        "SELECT deploy_id FROM mcd_host_queue WHERE host = ? ORDER BY requested_at, deploy_id", String.class, host);
    if (!first.isEmpty() && !first.get(0).equals(deployId)) {
      return false;
    }
    try {
      savepoint.executeWithoutResult(status -> jdbc.update(
          "INSERT INTO mcd_host_lock (host, deploy_id, process_instance_id, acquired_at) VALUES (?, ?, ?, ?)",
          host, deployId, processInstanceId, Timestamp.from(now)));
    } catch (DuplicateKeyException takenByAnotherNode) {
      return false;
    }
    jdbc.update("DELETE FROM mcd_host_queue WHERE deploy_id = ?", deployId);
    return true;
  }

  /**
   * Releases whatever this deploy holds or waits for; returns the process instance of the next waiter for the
   * host, if any, so that it can be woken.
   */
  public Optional<String> release(String host, String deployId) {
    jdbc.update("DELETE FROM mcd_host_lock WHERE host = ? AND deploy_id = ?", host, deployId);
    jdbc.update("DELETE FROM mcd_host_queue WHERE deploy_id = ?", deployId);
    return jdbc.queryForList("SELECT process_instance_id FROM mcd_host_queue WHERE host = ? "
        + "ORDER BY requested_at, deploy_id", String.class, host).stream().findFirst();
  }

  public Optional<Holder> holder(String host) {
    return jdbc.query(SELECT_HOLDER, HostLocks::toHolder, host).stream().findFirst();
  }

  private static Holder toHolder(ResultSet row, int rowNumber) throws SQLException {
    return new Holder(row.getString(1), row.getString(2), row.getTimestamp(3).toInstant());
  }

  /** Every host that is held or waited for, with its holder (if any) and its waiters in order. */
  public SortedMap<String, Optional<Holder>> holders() {
    SortedMap<String, Optional<Holder>> holders = new TreeMap<>();
    jdbc.queryForList("SELECT host FROM mcd_host_queue UNION SELECT host FROM mcd_host_lock", String.class)
        .forEach(host -> holders.put(host, Optional.empty()));
    jdbc.query("SELECT host, deploy_id, process_instance_id, acquired_at FROM mcd_host_lock", (RowCallbackHandler) row ->
        holders.put(row.getString(1),
            Optional.of(new Holder(row.getString(2), row.getString(3), row.getTimestamp(4).toInstant()))));
    return holders;
  }

  /** Deploys waiting for the host with their request times, in the order they will get it. */
  public List<Waiter> waiters(String host) {
    return jdbc.query("SELECT deploy_id, process_instance_id, requested_at FROM mcd_host_queue WHERE host = ? "
            + "ORDER BY requested_at, deploy_id",
        (row, i) -> new Waiter(row.getString(1), row.getString(2), row.getTimestamp(3).toInstant()), host);
  }

  /** Deploys waiting for the host, in the order they will get it. */
  public List<String> waiting(String host) {
    return waiters(host).stream().map(Waiter::deployId).toList();
  }

  private void removeDeadWaiters(String host, Predicate<String> isAlive) {
    jdbc.queryForList("SELECT process_instance_id FROM mcd_host_queue WHERE host = ?", String.class, host).stream()
        .filter(isAlive.negate())
        .forEach(dead -> jdbc.update("DELETE FROM mcd_host_queue WHERE process_instance_id = ?", dead));
  }
}
