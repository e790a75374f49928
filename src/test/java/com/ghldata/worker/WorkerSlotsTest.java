package com.ghldata.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkerSlotsTest {
  private static final long BIG = 50L << 20;

  @Test
  void aBigJobAloneGetsEveryCoreAndOneThreadOnceOthersRunOrWait() {
    WorkerSlots slots = new WorkerSlots(4);
    assertThat(slots.start(false, BIG)).isEqualTo(4);
    assertThat(slots.start(false, BIG)).as("a second job while the first runs").isEqualTo(1);
    slots.finish();
    slots.finish();
    assertThat(slots.start(true, BIG)).as("alone, but others queued").isEqualTo(1);
    slots.finish();
    assertThat(slots.start(false, BIG)).as("the count went back to zero").isEqualTo(4);
  }

  @Test
  void aSmallFileTakesOneThreadEvenAlone() {
    WorkerSlots slots = new WorkerSlots(4);
    assertThat(slots.start(false, WorkerSlots.SMALL_FILE_BYTES - 1)).isEqualTo(1);
    slots.finish();
    assertThat(slots.start(false, WorkerSlots.SMALL_FILE_BYTES)).isEqualTo(4);
  }

  @Test
  void aMachineOfOneCoreNeverGetsZero() {
    assertThat(new WorkerSlots(0).start(false, BIG)).isEqualTo(1);
  }
}
