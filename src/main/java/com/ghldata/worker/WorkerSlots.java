package com.ghldata.worker;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The conversion workers of one node, counted: a job that is the only work gets every core (the
 * engine's multi-thread pipeline); while others run or wait, each job takes one thread. So does a
 * small file, which one thread converts sooner than the pipeline's hand-offs would (1,000 rows:
 * 6 ms on one thread, 10 on two).
 */
public final class WorkerSlots {
  /** Below this, one thread: the pipeline pays off from a few tens of thousands of rows. */
  static final long SMALL_FILE_BYTES = 4L << 20;

  private final AtomicInteger busy = new AtomicInteger();
  private final int cores;
  /** The node is stopping: no new claims. */
  private volatile boolean draining;
  /** The stopping node's grace is over: running jobs go back to the queue. */
  private volatile boolean handBack;

  public WorkerSlots(int cores) {
    this.cores = Math.max(1, cores);
  }

  /** A worker starts a job of {@code uploadBytes}: the threads it may convert with. */
  int start(boolean othersWaiting, long uploadBytes) {
    int now = busy.incrementAndGet();
    return now == 1 && !othersWaiting && uploadBytes >= SMALL_FILE_BYTES ? cores : 1;
  }

  void finish() {
    busy.decrementAndGet();
  }

  /** Jobs running now (a job counts until its outcome is stored). */
  public int running() {
    return busy.get();
  }

  /** Stops every worker of the node from claiming; running jobs go on. */
  public void drain() {
    draining = true;
  }

  boolean draining() {
    return draining;
  }

  /** Stops the running jobs at their next progress report and hands them back to the queue. */
  public void handBack() {
    draining = true;
    handBack = true;
  }

  boolean handingBack() {
    return handBack;
  }
}
