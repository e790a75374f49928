package com.ghldata.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MemoTest {
  @Test
  void answersWhatTheFunctionAnswersAndComputesARepeatedCellOnce() {
    AtomicInteger calls = new AtomicInteger();
    Memo<String> memo = new Memo<>(256, s -> {
      calls.incrementAndGet();
      return s.toUpperCase();
    });
    for (int round = 0; round < 3; round++) {
      assertThat(memo.get("lead, vip")).isEqualTo("LEAD, VIP");
    }
    assertThat(calls).hasValue(1);

    // Thousands of different keys: many share a slot, each answer stays right.
    for (int i = 0; i < 5_000; i++) {
      assertThat(memo.get("k" + i)).isEqualTo("K" + i);
    }
    String longCell = "x".repeat(65);
    int before = calls.get();
    assertThat(memo.get(longCell)).isEqualTo(longCell.toUpperCase());
    assertThat(memo.get(longCell)).isEqualTo(longCell.toUpperCase());
    assertThat(calls.get() - before).as("a long cell is not remembered").isEqualTo(2);
  }

  @Test
  void threadsSharingOneMemoEachGetTheRightAnswer() throws Exception {
    Memo<Integer> memo = new Memo<>(16, String::length);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> wrong = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        wrong.add(pool.submit(() -> {
          int bad = 0;
          for (int i = 0; i < 200_000; i++) {
            String key = "x".repeat((i + offset) % 40);
            if (memo.get(key) != key.length()) {
              bad++;
            }
          }
          return bad;
        }));
      }
      for (Future<Integer> f : wrong) {
        assertThat(f.get()).isZero();
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void aCommonCellStaysWhenOneOffCellsLandInItsSlot() {
    AtomicInteger calls = new AtomicInteger();
    Memo<String> memo = new Memo<>(1, s -> {
      calls.incrementAndGet();
      return s.toUpperCase();
    });
    for (int i = 0; i < 4; i++) {
      memo.get("lead");
    }
    assertThat(calls).hasValue(1);
    memo.get("once-1");
    memo.get("once-2");
    assertThat(memo.get("lead")).isEqualTo("LEAD");
    assertThat(calls).as("lead still remembered after two one-off cells").hasValue(3);
    for (int i = 0; i < 10; i++) {
      assertThat(memo.get("new-" + i % 2)).isEqualTo("NEW-" + i % 2);
    }
    assertThat(memo.get("lead")).isEqualTo("LEAD");
    assertThat(calls.get()).as("lead gave way once the new cells kept coming").isGreaterThan(13);
  }

  @Test
  void slotsMustBeAPowerOfTwo() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Memo<String>(100, s -> s))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
