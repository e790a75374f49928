package com.ghldata.conversion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Whether the JIT compilers are still busy, for one conversion: true until, over a window of
 * {@value #WINDOW_MILLIS} ms, their threads used less than half a core; then false for good.
 *
 * <p>On two cores a second conversion thread started while the compilers work takes their core: the
 * code stays in its slow first forms longer, and a million-row CSV converted no faster on two threads
 * than on one. So the reading thread converts alone while this says busy (as with one thread), and
 * hands batches to the other threads once the compiled code is in place. The compilers' CPU time comes
 * from Linux's {@code /proc/self/task/<tid>/schedstat}; where it cannot be read they are never
 * considered busy, and the threads share the work from the first batch.
 */
public final class CompilerActivity implements BooleanSupplier {
  static final long WINDOW_MILLIS = 200;
  private static final long WINDOW_NANOS = WINDOW_MILLIS * 1_000_000;

  /** CPU time of the compiler threads in ns, or -1 when it cannot be read. */
  private final LongSupplier compilerCpu;
  private final LongSupplier clock;
  private boolean settled;
  private long checkedAt = Long.MIN_VALUE;
  private long cpuAtCheck;

  CompilerActivity(LongSupplier compilerCpu, LongSupplier clock) {
    this.compilerCpu = compilerCpu;
    this.clock = clock;
  }

  /** Watches this JVM's compiler threads from now on. */
  static CompilerActivity ofThisProcess() {
    List<Path> stats = compilerSchedstats();
    return new CompilerActivity(() -> cpuNanos(stats), System::nanoTime);
  }

  /** True for HotSpot's C1 and C2 compiler threads, by the name Linux shows (its first 15 characters). */
  public static boolean isCompilerThread(String threadName) {
    return threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre");
  }

  @Override
  public boolean getAsBoolean() {
    if (settled) {
      return false;
    }
    long now = clock.getAsLong();
    if (checkedAt != Long.MIN_VALUE && now - checkedAt < WINDOW_NANOS) {
      return true;
    }
    long cpu = compilerCpu.getAsLong();
    if (cpu < 0 || (checkedAt != Long.MIN_VALUE && (cpu - cpuAtCheck) * 2 < now - checkedAt)) {
      settled = true;
    }
    checkedAt = now;
    cpuAtCheck = cpu;
    return !settled;
  }

  private static List<Path> compilerSchedstats() {
    List<Path> stats = new ArrayList<>();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return stats;
    }
    try (Stream<Path> threads = Files.list(tasks)) {
      for (Path thread : (Iterable<Path>) threads::iterator) {
        try {
          if (isCompilerThread(Files.readString(thread.resolve("comm")).strip())) {
            stats.add(thread.resolve("schedstat"));
          }
        } catch (IOException ended) {
          // a thread that ended while we looked
        }
      }
    } catch (IOException | RuntimeException e) {
      stats.clear();
    }
    return stats;
  }

  /** The compiler threads' time on a CPU (the first number of each schedstat), or -1. */
  private static long cpuNanos(List<Path> stats) {
    if (stats.isEmpty()) {
      return -1;
    }
    long sum = 0;
    try {
      for (Path stat : stats) {
        String line = Files.readString(stat);
        int space = line.indexOf(' ');
        sum += Long.parseLong(space < 0 ? line.strip() : line.substring(0, space));
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return sum;
  }
}
