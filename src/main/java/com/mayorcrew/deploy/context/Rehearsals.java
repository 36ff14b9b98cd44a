package com.mayorcrew.deploy.context;

import java.util.function.Supplier;

/**
 * Marks the thread that rehearses a deploy (the readiness warm-up runs a deploy's first steps in a transaction it
 * rolls back). The database forgets a rehearsal by itself; what counts outside the transaction (the engine's
 * metrics) asks {@link #inProgress()} and leaves it out, so a rehearsal is never counted as work done.
 */
public final class Rehearsals {

  private static final ThreadLocal<Boolean> REHEARSING = ThreadLocal.withInitial(() -> false);

  private Rehearsals() {}

  public static boolean inProgress() {
    return REHEARSING.get();
  }

  /** Runs {@code rehearsal} on this thread, marked as a rehearsal until it returns. */
  public static <T> T run(Supplier<T> rehearsal) {
    boolean outer = REHEARSING.get();
    REHEARSING.set(true);
    try {
      return rehearsal.get();
    } finally {
      REHEARSING.set(outer);
    }
  }
}
