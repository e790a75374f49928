package com.ghldata.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeduperTest {
  private static Contact contact(int row, String email, String phone, String city) {
    Contact c = new Contact(row);
    c.set(GhlColumn.FIRST_NAME, "P" + row);
    c.set(GhlColumn.EMAIL, email);
    c.set(GhlColumn.PHONE, phone);
    c.set(GhlColumn.CITY, city);
    return c;
  }

  private static List<String> run(long maxInMemory, boolean expectSpill) throws Exception {
    return run(maxInMemory, 1 << 20, expectSpill);
  }

  private static List<String> run(long maxInMemory, long lateSegmentBytes, boolean expectSpill) throws Exception {
    List<String> out = new ArrayList<>();
    try (Deduper d = new Deduper(maxInMemory, lateSegmentBytes)) {
      d.accept(contact(1, "a@x.com", "", ""));
      d.accept(contact(2, "", "+5511987654321", ""));
      d.accept(contact(3, "b@x.com", "", "Recife"));
      d.accept(contact(4, "a@x.com", "+5511911112222", "Natal"));
      d.accept(contact(5, "", "+5511987654321", "Campinas"));
      d.accept(contact(6, "c@x.com", "", "Olinda"));
      assertThat(d.spilled()).isEqualTo(expectSpill);
      assertThat(d.merged()).isEqualTo(2);
      d.drain(c -> out.add(String.join("|", c.unpack().values())));
    }
    return out;
  }

  @Test
  void spillingToDiskGivesTheSameContactsAsKeepingThemInMemory() throws Exception {
    List<String> memory = run(1_000, false);
    List<String> spilled = run(2, true);
    // Segments smaller than a record: every late duplicate crosses a segment's end.
    List<String> lateReadOneByOne = run(2, 7, true);

    assertThat(spilled).isEqualTo(memory);
    assertThat(lateReadOneByOne).isEqualTo(memory);
    assertThat(memory).hasSize(4);
    assertThat(memory.get(0)).startsWith("P1||a@x.com|+5511911112222|").contains("|Natal|");
    assertThat(memory.get(1)).contains("|Campinas|");
  }

  /** 600 contacts; every third row past the 100th repeats the email of a row ~100 before (late, once spooled). */
  private static List<Contact> manyContacts() {
    List<Contact> all = new ArrayList<>();
    for (int row = 1; row <= 600; row++) {
      int earlier = (row - 100) % 3 == 0 ? row - 101 : row - 100;
      int person = row % 3 == 0 && row > 101 ? earlier : row;
      all.add(contact(row, "p" + person + "@x.com", row % 5 == 0 ? "+55119876" + (50_000 + row) : "", "C" + row));
    }
    return all;
  }

  private static List<String> drainInOrder(long maxInMemory, long lateSegmentBytes, int chunkHeads) throws Exception {
    List<String> out = new ArrayList<>();
    try (Deduper d = new Deduper(maxInMemory, lateSegmentBytes, chunkHeads)) {
      for (Contact c : manyContacts()) {
        d.accept(c);
      }
      d.drain(c -> out.add(String.join("|", c.unpack().values())));
    }
    return out;
  }

  @Test
  void chunksDrainedAtOnceOnSeveralThreadsGiveTheContactsOfOneDrainInOrder() throws Exception {
    List<String> inMemory = drainInOrder(100_000, 1 << 20, 4096);
    assertThat(inMemory).hasSize(600 - 167);
    assertThat(drainInOrder(16, 1 << 20, 7)).isEqualTo(inMemory);
    assertThat(drainInOrder(16, 100, 7)).as("some records across segment ends").isEqualTo(inMemory);

    for (long lateSegment : new long[] {1 << 20, 100}) {
      try (Deduper d = new Deduper(16, lateSegment, 7)) {
        for (Contact c : manyContacts()) {
          d.accept(c);
        }
        assertThat(d.spilled()).isTrue();
        int chunks = d.startDrain();
        assertThat(chunks).as("spooled and in-window chunks").isGreaterThan(400 / 7);
        List<List<String>> parts = new ArrayList<>();
        List<java.util.concurrent.Future<List<String>>> futures = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
          for (int i = chunks - 1; i >= 0; i--) { // the last chunks first: any order must do
            int chunk = i;
            futures.add(0, pool.submit(() -> {
              List<String> part = new ArrayList<>();
              d.drainChunk(chunk, c -> part.add(String.join("|", c.unpack().values())));
              return part;
            }));
          }
          for (var f : futures) {
            parts.add(f.get());
          }
        } finally {
          pool.shutdown();
        }
        assertThat(parts.stream().flatMap(List::stream).toList()).isEqualTo(inMemory);
      }
    }
  }

  @Test
  void aSpooledChunkEndsAtAMebibyteWhateverItsHeadCount() throws Exception {
    try (Deduper d = new Deduper(2, 1 << 20, 4096)) {
      String big = "x".repeat(300_000);
      for (int row = 1; row <= 10; row++) {
        Contact c = contact(row, "p" + row + "@x.com", "", "");
        c.set(GhlColumn.ADDRESS, big);
        d.accept(c);
      }
      // 8 spooled heads of 300 kB: chunks of 4 heads (the fourth passes the mebibyte), then the window
      assertThat(d.startDrain()).isEqualTo(3);
      List<Integer> rows = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        d.drainChunk(i, c -> rows.add(c.rowNumber()));
      }
      assertThat(rows).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }
  }

  /** A placeholder email on 20,000 rows, each with its own phone (every 10,000th repeats). */
  private static List<Contact> twentyThousandRowsOfOneEmail(long maxInMemory) throws Exception {
    List<Contact> out = new ArrayList<>();
    try (Deduper d = new Deduper(maxInMemory, 1 << 10)) {
      d.accept(contact(1, "naotem@x.com", "+5511900000000", "Recife"));
      d.accept(contact(2, "b@x.com", "", ""));
      d.accept(contact(3, "c@x.com", "", ""));
      for (int row = 4; row < 20_004; row++) {
        d.accept(contact(row, "naotem@x.com", "+55119" + (10_000_000 + row % 10_000), ""));
      }
      assertThat(d.spilled()).isEqualTo(maxInMemory < 3);
      d.drain(c -> out.add(c.unpack()));
    }
    return out;
  }

  /**
   * The head spooled long before its duplicates come (they are folded in at the drain, one by one),
   * or still in the window (it is unpacked on the first and gathers the rest): the same contact.
   */
  @Test
  void twentyThousandDuplicatesOfOneHeadGatherEveryPhoneOnceWhetherItIsSpooledOrInTheWindow() throws Exception {
    List<Contact> spooled = twentyThousandRowsOfOneEmail(2);
    List<Contact> inWindow = twentyThousandRowsOfOneEmail(1_000);

    assertThat(spooled).hasSize(3);
    List<String> more = Contact.split(spooled.get(0).get(GhlColumn.ADDITIONAL_PHONES));
    assertThat(more).hasSize(10_000).doesNotHaveDuplicates().startsWith("+5511910000004");
    assertThat(spooled.get(0).get(GhlColumn.CITY)).isEqualTo("Recife");
    assertThat(inWindow).extracting(c -> List.of(c.values()))
        .isEqualTo(spooled.stream().map(c -> List.of(c.values())).toList());
    assertThat(inWindow).extracting(c -> c.rowNumber).containsExactly(1, 2, 3);
  }

  private static long grown(Contact... rows) throws Exception {
    try (Deduper d = new Deduper(2, 1 << 10)) {
      for (Contact c : rows) {
        d.accept(c);
      }
      return d.columnsGrown();
    }
  }

  /** The header comes before late duplicates are folded in: the deduper tells at once which list columns merging fills. */
  @Test
  void aDuplicateBringingANewNumberMarksTheAdditionalPhonesColumnEvenWhenItsHeadIsSpooled() throws Exception {
    long phones = 1L << GhlColumn.ADDITIONAL_PHONES.ordinal();
    Contact head = contact(1, "a@x.com", "+5511999991111", "");
    Contact b = contact(2, "b@x.com", "", "");
    Contact c = contact(3, "c@x.com", "", "");

    assertThat(grown(head, b, c, contact(4, "a@x.com", "+5511999992222", ""))).isEqualTo(phones);
    assertThat(grown(contact(1, "a@x.com", "+5511999991111", ""), b, c, contact(4, "a@x.com", "+5511999991111", "")))
        .as("the same number again").isZero();
    assertThat(grown(contact(1, "a@x.com", "", ""), b, c, contact(4, "a@x.com", "+5511999992222", "")))
        .as("the head's first number").isZero();
    assertThat(grown(contact(1, "a@x.com", "+5511999991111", ""), b, c, contact(4, "", "+5511999991111", "")))
        .as("found by its number").isZero();
  }
}
