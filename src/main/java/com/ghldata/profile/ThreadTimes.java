package com.ghldata.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The CPU time of each of this process's threads, from Linux's {@code /proc/self/task/<tid>}: its
 * name ({@code comm}, the first 15 characters) and its {@code schedstat} (nanoseconds on a CPU, then
 * nanoseconds runnable but waiting for one). What {@code convert --stats} splits by kind of thread,
 * and what {@link CompilerActivity} watches of the JIT compilers.
 */
public final class ThreadTimes {
  private ThreadTimes() {}

  /** One thread's name and times. */
  public record Thread(String name, long runNanos, long waitNanos) {}

  /** Every thread of this process now, or empty where there is no {@code /proc} (not Linux). */
  public static Optional<List<Thread>> now() {
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return Optional.empty();
    }
    List<Thread> all = new ArrayList<>();
    try (Stream<Path> threads = Files.list(tasks)) {
      for (Path thread : (Iterable<Path>) threads::iterator) {
        try {
          String name = Files.readString(thread.resolve("comm")).strip();
          long[] runAndWait = schedstat(Files.readString(thread.resolve("schedstat")));
          all.add(new Thread(name, runAndWait[0], runAndWait[1]));
        } catch (IOException ended) {
          // the thread ended while we looked
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.of(all);
  }

  /** True for HotSpot's C1 and C2 compiler threads, by the name Linux shows. */
  public static boolean isCompilerThread(String threadName) {
    return threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre");
  }

  /** The first two numbers of a schedstat line: time on a CPU and time waiting for one, in ns. */
  static long[] schedstat(String line) {
    String[] fields = line.strip().split(" ");
    return new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])};
  }
}
