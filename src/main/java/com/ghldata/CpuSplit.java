package com.ghldata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where this process's CPU time went: the JIT compilers, garbage collection and the VM, and the rest
 * (the conversion itself), for {@code convert --stats}. On two cores the compilers compete with the
 * conversion for the second core, so a benchmark row without this split cannot say why two threads
 * do not run twice as fast.
 *
 * <p>Per-thread times come from Linux's {@code /proc/self/task/<tid>/schedstat} (nanoseconds on a
 * CPU, then nanoseconds runnable but waiting for one); the compiler and collector threads live as long
 * as the VM. The total is the process's, which keeps the time of threads that have ended (a
 * conversion's dedupe thread), so the conversion's share is the total less the others.
 *
 * @param totalNanos CPU time of the whole process
 * @param jitNanos the C1 and C2 compiler threads
 * @param gcNanos garbage collector threads and the VM thread (safepoint operations)
 * @param jitWaitNanos time the compiler threads were ready to run but had no core
 */
record CpuSplit(long totalNanos, long jitNanos, long gcNanos, long jitWaitNanos) {

  /** The kind of a HotSpot thread, by the name Linux shows (the first 15 characters). */
  enum Kind { JIT, GC, OTHER }

  static Kind kind(String threadName) {
    if (com.ghldata.conversion.CompilerActivity.isCompilerThread(threadName)) {
      return Kind.JIT;
    }
    if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ") || threadName.startsWith("ParGC")
        || threadName.equals("VM Thread")) {
      return Kind.GC;
    }
    return Kind.OTHER;
  }

  /** The conversion's share: every thread that is neither a compiler nor a collector. */
  long otherNanos() {
    return Math.max(0, totalNanos - jitNanos - gcNanos);
  }

  /** This process now, or empty where there is no {@code /proc} (not Linux). */
  static Optional<CpuSplit> now() {
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return Optional.empty();
    }
    long jit = 0;
    long gc = 0;
    long jitWait = 0;
    try (Stream<Path> threads = Files.list(tasks)) {
      for (Path thread : (Iterable<Path>) threads::iterator) {
        long[] runAndWait;
        String name;
        try {
          name = Files.readString(thread.resolve("comm")).strip();
          runAndWait = schedstat(Files.readString(thread.resolve("schedstat")));
        } catch (IOException ended) {
          continue; // the thread ended while we looked
        }
        switch (kind(name)) {
          case JIT -> {
            jit += runAndWait[0];
            jitWait += runAndWait[1];
          }
          case GC -> gc += runAndWait[0];
          default -> { }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long total = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
    return Optional.of(new CpuSplit(total, jit, gc, jitWait));
  }

  /** The first two numbers of a schedstat line: time on a CPU and time waiting for one, in ns. */
  static long[] schedstat(String line) {
    String[] fields = line.strip().split(" ");
    return new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])};
  }
}
