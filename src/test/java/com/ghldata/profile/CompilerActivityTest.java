package com.ghldata.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CompilerActivityTest {
  private static final long MS = 1_000_000;

  @Test
  void busyWhileTheCompilersUseHalfACoreThenSettledForGood() {
    AtomicLong now = new AtomicLong(1_000 * MS);
    AtomicLong cpu = new AtomicLong(0);
    CompilerActivity busy = new CompilerActivity(cpu::get, now::get);

    assertThat(busy.getAsBoolean()).as("first look: busy until a window has passed").isTrue();
    now.addAndGet(100 * MS);
    assertThat(busy.getAsBoolean()).as("inside the window").isTrue();
    now.addAndGet(150 * MS);
    cpu.addAndGet(200 * MS); // 200 ms of compiling in 250 ms
    assertThat(busy.getAsBoolean()).isTrue();
    now.addAndGet(250 * MS);
    cpu.addAndGet(125 * MS); // exactly half a core still counts as busy
    assertThat(busy.getAsBoolean()).isTrue();
    now.addAndGet(250 * MS);
    cpu.addAndGet(100 * MS); // 40 %
    assertThat(busy.getAsBoolean()).isFalse();
    now.addAndGet(250 * MS);
    cpu.addAndGet(250 * MS); // compiling again later changes nothing: the threads already share
    assertThat(busy.getAsBoolean()).isFalse();
  }

  @Test
  void neverBusyWhereTheCompilersCannotBeWatched() {
    CompilerActivity unknown = new CompilerActivity(() -> -1, System::nanoTime);
    assertThat(unknown.getAsBoolean()).isFalse();
  }

  @Test
  void watchesThisJvmsCompilerThreadsOnLinux() {
    // Linux only: the compilers' CPU time comes from /proc/self/task (elsewhere, see the test above).
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "no /proc on this OS");
    CompilerActivity activity = CompilerActivity.ofThisProcess();
    assertThat(activity.getAsBoolean()).as("busy for the first window at least").isTrue();
    assertThat(ThreadTimes.now().orElseThrow()).as("a test VM has compiler threads, and they have run")
        .anyMatch(t -> ThreadTimes.isCompilerThread(t.name()) && t.runNanos() > 0);
  }
}
