package com.mayorcrew.deploy.observability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * What one engine transaction contributes to the metrics, recorded only once it commits: a step that fails and
 * is retried by the job executor counts once, a refused request not at all. It also remembers, for the rest of
 * the transaction, the facts a later event of the same transaction needs (a deploy's request fields as they are
 * written, the step that led into a rollback).
 */
final class CommittedMetrics {

  private static final ThreadLocal<CommittedMetrics> CURRENT = new ThreadLocal<>();

  private final CommandContext context;
  private final List<Runnable> onCommit = new ArrayList<>();
  /** Process instance id -> the request fields written so far, for deploys started in this transaction. */
  final Map<String, Map<String, String>> startedDeploys = new LinkedHashMap<>();
  /** Process instance id -> what last triggered a rollback in this transaction. */
  final Map<String, String> rollbackTriggers = new HashMap<>();

  private CommittedMetrics(CommandContext context) {
    this.context = context;
  }

  /** The current transaction's record, created with its commit and rollback listeners on first use. */
  static CommittedMetrics current() {
    CommandContext context = Context.getCommandContext();
    CommittedMetrics current = CURRENT.get();
    if (current == null || current.context != context) {
      CommittedMetrics created = new CommittedMetrics(context);
      CURRENT.set(created);
      context.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, committed -> {
        created.forget();
        created.onCommit.forEach(Runnable::run);
      });
      context.getTransactionContext().addTransactionListener(TransactionState.ROLLED_BACK,
          rolledBack -> created.forget());
      current = created;
    }
    return current;
  }

  void onCommit(Runnable record) {
    onCommit.add(record);
  }

  private void forget() {
    if (CURRENT.get() == this) {
      CURRENT.remove();
    }
  }
}
