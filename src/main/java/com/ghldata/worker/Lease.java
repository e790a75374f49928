package com.ghldata.worker;

import java.util.function.LongSupplier;

/**
 * How long a worker still holds its job, as far as it can tell without asking the store: the lease
 * runs from the moment the claim, or the last renewal the store confirmed, was sent (never later
 * than the store's own reckoning, which starts when the request arrives). Time comes from
 * {@code clockMs}, a monotonic clock in milliseconds.
 */
final class Lease {
  private final long millis;
  private final LongSupplier clockMs;
  private volatile long until;

  Lease(int seconds, long claimSentAtMs, LongSupplier clockMs) {
    if (seconds <= 0) {
      throw new IllegalArgumentException("a lease lasts a positive number of seconds, not " + seconds);
    }
    this.millis = seconds * 1000L;
    this.clockMs = clockMs;
    this.until = claimSentAtMs + millis;
  }

  /** The monotonic clock of {@link System#nanoTime}, in milliseconds. */
  static long now() {
    return System.nanoTime() / 1_000_000;
  }

  /** The time on this lease's clock: what a renewal's sending time is read from. */
  long clock() {
    return clockMs.getAsLong();
  }

  /** The store renewed the lease on a request sent at {@code sentAtMs}. */
  void renewedAt(long sentAtMs) {
    long renewed = sentAtMs + millis;
    synchronized (this) {
      if (renewed > until) {
        until = renewed;
      }
    }
  }

  /** What is left of the lease; zero or less once it has passed. */
  long leftMs() {
    return until - clockMs.getAsLong();
  }
}
