package com.ghldata.profile;

import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * Where this process's CPU time went: the JIT compilers, garbage collection and the VM, and the rest
 * (the conversion itself), for {@code convert --stats}. On two cores the compilers compete with the
 * conversion for the second core, so a benchmark row without this split cannot say why two threads
 * do not run twice as fast.
 *
 * <p>Per-thread times come from {@link ThreadTimes} (Linux); the compiler and collector threads live
 * as long as the VM. The total is the process's, which keeps the time of threads that have ended (a
 * conversion's dedupe thread), so the conversion's share is the total less the others.
 *
 * @param totalNanos CPU time of the whole process
 * @param jitNanos the C1 and C2 compiler threads
 * @param gcNanos garbage collector threads and the VM thread (safepoint operations)
 * @param jitWaitNanos time the compiler threads were ready to run but had no core
 */
public record CpuSplit(long totalNanos, long jitNanos, long gcNanos, long jitWaitNanos) {

  /** The kind of a HotSpot thread, by the name Linux shows (the first 15 characters). */
  enum Kind { JIT, GC, OTHER }

  static Kind kind(String threadName) {
    if (ThreadTimes.isCompilerThread(threadName)) {
      return Kind.JIT;
    }
    if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ") || threadName.startsWith("ParGC")
        || threadName.equals("VM Thread")) {
      return Kind.GC;
    }
    return Kind.OTHER;
  }

  /** The conversion's share: every thread that is neither a compiler nor a collector. */
  public long otherNanos() {
    return Math.max(0, totalNanos - jitNanos - gcNanos);
  }

  /** This process now, or empty where there is no {@code /proc} (not Linux). */
  public static Optional<CpuSplit> now() {
    return ThreadTimes.now().map(threads -> {
      long jit = 0;
      long gc = 0;
      long jitWait = 0;
      for (ThreadTimes.Thread t : threads) {
        switch (kind(t.name())) {
          case JIT -> {
            jit += t.runNanos();
            jitWait += t.waitNanos();
          }
          case GC -> gc += t.runNanos();
          default -> { }
        }
      }
      long total = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
      return new CpuSplit(total, jit, gc, jitWait);
    });
  }
}
