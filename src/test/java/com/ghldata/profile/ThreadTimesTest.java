package com.ghldata.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThreadTimesTest {
  @Test
  void aSchedstatLineGivesRunAndWaitNanoseconds() {
    assertThat(ThreadTimes.schedstat("1544804029 808881775 714\n")).containsExactly(1544804029L, 808881775L);
  }

  @Test
  void compilerThreadsAreToldByTheirNames() {
    assertThat(ThreadTimes.isCompilerThread("C2 CompilerThre")).isTrue();
    assertThat(ThreadTimes.isCompilerThread("C1 CompilerThre")).isTrue();
    assertThat(ThreadTimes.isCompilerThread("ghl-dedupe-1")).isFalse();
    assertThat(ThreadTimes.isCompilerThread("GC Thread#0")).isFalse();
  }
}
