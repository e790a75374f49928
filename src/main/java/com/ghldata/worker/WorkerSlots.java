package com.ghldata.worker;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The conversion workers of one node, counted: a job that is the only work gets every core (the
 * engine's multi-thread pipeline); while others run or wait, each job takes one thread.
 */
public final class WorkerSlots {
  private final AtomicInteger busy = new AtomicInteger();
  private final int cores;

  public WorkerSlots(int cores) {
    this.cores = Math.max(1, cores);
  }

  /** A worker starts a job: the threads it may convert with. */
  int start(boolean othersWaiting) {
    int now = busy.incrementAndGet();
    return now == 1 && !othersWaiting ? cores : 1;
  }

  void finish() {
    busy.decrementAndGet();
  }
}
