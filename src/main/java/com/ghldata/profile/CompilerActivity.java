package com.ghldata.profile;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Whether the JIT compilers are still busy, for one conversion: true until, over a window of
 * {@value #WINDOW_MILLIS} ms, their threads used less than half a core; then false for good.
 *
 * <p>On two cores a second conversion thread started while the compilers work takes their core: the
 * code stays in its slow first forms longer, and a million-row CSV converted no faster on two threads
 * than on one. So the reading thread converts alone while this says busy (as with one thread), and
 * hands batches to the other threads once the compiled code is in place. The compilers' CPU time comes
 * from {@link ThreadTimes} (Linux); where it cannot be read they are never considered busy, and the
 * threads share the work from the first batch.
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
  public static CompilerActivity ofThisProcess() {
    return new CompilerActivity(CompilerActivity::compilerNanos, System::nanoTime);
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

  /** The compiler threads' time on a CPU, or -1 where it cannot be read. */
  private static long compilerNanos() {
    return ThreadTimes.now().map(threads -> threads.stream().filter(t -> ThreadTimes.isCompilerThread(t.name()))
        .mapToLong(ThreadTimes.Thread::runNanos).sum()).filter(sum -> sum > 0).orElse(-1L);
  }
}
