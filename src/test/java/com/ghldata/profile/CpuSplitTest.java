package com.ghldata.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CpuSplitTest {
  @ParameterizedTest
  @CsvSource({
      "C2 CompilerThre, JIT",
      "C1 CompilerThre, JIT",
      "GC Thread#0, GC",
      "G1 Conc#0, GC",
      "G1 Refine#1, GC",
      "ParGC Thread#1, GC",
      "VM Thread, GC",
      "java, OTHER",
      "ghl-dedupe-1, OTHER",
      "VM Periodic Tas, OTHER",
      "Common-Cleaner, OTHER",
  })
  void threadsAreToldApartByTheirNames(String name, CpuSplit.Kind kind) {
    assertThat(CpuSplit.kind(name)).isEqualTo(kind);
  }

  @Test
  void workOnAnOrdinaryThreadCountsAsTheConversionsNotTheCompilersOrCollectors() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
    CpuSplit before = CpuSplit.now().orElseThrow();
    Thread spin = new Thread(() -> {
      // 300 ms of this thread's own CPU time, however busy the machine is
      java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
      long end = threads.getCurrentThreadCpuTime() + 300_000_000L;
      long x = 0;
      while (threads.getCurrentThreadCpuTime() < end) {
        x += x * 31 + 7;
      }
      if (x == 42) {
        System.out.println(x);
      }
    }, "spin");
    spin.start();
    spin.join();
    CpuSplit after = CpuSplit.now().orElseThrow();
    assertThat(after.totalNanos()).isGreaterThanOrEqualTo(after.jitNanos() + after.gcNanos());
    assertThat(after.otherNanos() - before.otherNanos()).as("the spinning thread's 300 ms, ended before the reading")
        .isGreaterThan(250_000_000L);
    assertThat(after.jitNanos()).as("a test VM has compiled something").isPositive();
  }
}
