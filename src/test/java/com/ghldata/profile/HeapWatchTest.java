package com.ghldata.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeapWatchTest {
  @Test
  void remembersTheMostHeapLeftInUseAfterACollection() {
    try (HeapWatch watch = new HeapWatch()) {
      final int size = 48 << 20;
      byte[] live = new byte[size];
      live[size - 1] = 1;
      System.gc();
      // notifications arrive on a JMX thread, after the collection
      await().atMost(Duration.ofSeconds(10)).until(() -> watch.peakAfterGcBytes() >= size);
      assertThat(live[size - 1]).isEqualTo((byte) 1);

      live = null;
      System.gc();
      assertThat(watch.peakAfterGcBytes()).as("a peak, not the last value").isGreaterThanOrEqualTo(48L << 20);
    }
  }
}
