package com.ghldata.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContactTest {
  /** Contact.split is String.split(", ") without a regex per call: same parts, every time. */
  @ParameterizedTest
  @ValueSource(strings = {"a", "a, b", "a, b, c", ", a", "a, ", "a, , b", ", ", ", , ", "a,b", "a ,b", "a,  b",
      "  a, b  ", "x, y, ", "ç, 日本, 😀"})
  void splitAgreesWithStringSplit(String joined) {
    assertThat(Contact.split(joined)).containsExactly(joined.split(Contact.LIST_SEPARATOR));
  }

  @Test
  void splitAgreesWithStringSplitOnRandomLists() {
    Random random = new Random(3);
    String alphabet = "ab, ";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      for (int k = random.nextInt(12); k > 0; k--) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String joined = sb.toString();
      List<String> expected = joined.isEmpty() ? List.of() : List.of(joined.split(Contact.LIST_SEPARATOR));
      assertThat(Contact.split(joined)).as("'%s'", joined).isEqualTo(expected);
    }
  }

  @Test
  void filledColumnsFollowSetAndMerge() {
    Contact c = new Contact(2);
    assertThat(c.filledColumns()).isZero();
    c.set(GhlColumn.EMAIL, "a@b.com");
    c.set(GhlColumn.NOTES, "x");
    assertThat(c.filledColumns()).isEqualTo((1L << GhlColumn.EMAIL.ordinal()) | (1L << GhlColumn.NOTES.ordinal()));
    c.set(GhlColumn.NOTES, "");
    assertThat(c.has(GhlColumn.NOTES)).isFalse();
    Contact dup = new Contact(3);
    dup.set(GhlColumn.EMAIL, "c@d.com");
    dup.set(GhlColumn.CITY, "Recife");
    c.mergeFrom(dup);
    assertThat(c.get(GhlColumn.ADDITIONAL_EMAILS)).isEqualTo("c@d.com");
    assertThat(c.has(GhlColumn.CITY)).isTrue();
    assertThat(c.has(GhlColumn.ADDITIONAL_EMAILS)).isTrue();
    assertThat(new PackedContact().wrap(c.packed()).unpack().filledColumns()).isEqualTo(c.filledColumns());
  }

  /** The merge as first written, with sets rebuilt on every call: the answer mergeFrom must keep. */
  private static void referenceMerge(Contact into, Contact dup) {
    for (GhlColumn c : GhlColumn.ALL) {
      switch (c) {
        case EMAIL, PHONE, TAGS, ADDITIONAL_EMAILS, ADDITIONAL_PHONES -> { }
        default -> {
          if (!into.has(c)) {
            into.set(c, dup.get(c));
          }
        }
      }
    }
    if (!into.has(GhlColumn.PHONE) && dup.has(GhlColumn.PHONE)) {
      into.phoneRegion = dup.phoneRegion;
    }
    referenceList(into, GhlColumn.EMAIL, GhlColumn.ADDITIONAL_EMAILS, dup);
    referenceList(into, GhlColumn.PHONE, GhlColumn.ADDITIONAL_PHONES, dup);
    Set<String> tags = new LinkedHashSet<>(Contact.split(into.get(GhlColumn.TAGS)));
    tags.addAll(Contact.split(dup.get(GhlColumn.TAGS)));
    into.set(GhlColumn.TAGS, String.join(Contact.LIST_SEPARATOR, tags));
  }

  private static void referenceList(Contact into, GhlColumn primary, GhlColumn additional, Contact dup) {
    Set<String> all = new LinkedHashSet<>();
    if (into.has(primary)) {
      all.add(into.get(primary));
    }
    all.addAll(Contact.split(into.get(additional)));
    if (dup.has(primary)) {
      all.add(dup.get(primary));
    }
    all.addAll(Contact.split(dup.get(additional)));
    List<String> ordered = new ArrayList<>(all);
    into.set(primary, ordered.isEmpty() ? "" : ordered.get(0));
    into.set(additional, ordered.size() <= 1 ? "" : String.join(Contact.LIST_SEPARATOR, ordered.subList(1, ordered.size())));
  }

  /** A list of distinct values drawn from a small pool, so that two contacts' lists overlap. */
  private static List<String> distinctValues(Random random, String prefix, int pool, int most) {
    return IntStream.range(0, random.nextInt(most + 1)).mapToObj(i -> prefix + random.nextInt(pool))
        .distinct().collect(Collectors.toList());
  }

  private static Contact randomContact(Random random, int row) {
    Contact c = new Contact(row);
    for (GhlColumn column : GhlColumn.ALL) {
      if (random.nextInt(3) == 0) {
        c.set(column, column.name().toLowerCase() + random.nextInt(3));
      }
    }
    // Lists as the normalizer writes them: primary and additional distinct together.
    int most = random.nextInt(8) == 0 ? 150 : random.nextInt(4) == 0 ? 30 : 4; // 150: past Gathered.FEW
    List<String> emails = distinctValues(random, "e", most + 2, most);
    List<String> phones = distinctValues(random, "+1", most + 2, most);
    c.set(GhlColumn.EMAIL, emails.isEmpty() ? "" : emails.get(0));
    c.set(GhlColumn.ADDITIONAL_EMAILS, emails.size() < 2 ? "" : String.join(", ", emails.subList(1, emails.size())));
    c.set(GhlColumn.PHONE, phones.isEmpty() ? "" : phones.get(0));
    c.set(GhlColumn.ADDITIONAL_PHONES, phones.size() < 2 ? "" : String.join(", ", phones.subList(1, phones.size())));
    c.set(GhlColumn.TAGS, String.join(", ", distinctValues(random, "t", most + 2, most)));
    c.phoneRegion = phones.isEmpty() ? "" : random.nextBoolean() ? "US" : "BR";
    return c;
  }

  @Test
  void mergingGivesWhatTheFirstWrittenMergeGaveOnRandomContacts() {
    Random random = new Random(11);
    for (int i = 0; i < 5_000; i++) {
      Contact head = randomContact(random, 2);
      Contact reference = new PackedContact().wrap(head.packed()).unpack();
      for (int d = random.nextInt(4); d >= 0; d--) {
        Contact dup = random.nextInt(4) == 0 ? new PackedContact().wrap(head.packed()).unpack() : randomContact(random, 3 + d);
        head.mergeFrom(dup);
        referenceMerge(reference, dup);
        assertThat(head.values()).as("contact %d", i).containsExactly(reference.values());
        assertThat(head.phoneRegion).isEqualTo(reference.phoneRegion);
        assertThat(head.filledColumns()).isEqualTo(reference.filledColumns());
        assertThat(head.packed()).isEqualTo(PackedContact.pack(reference));
      }
    }
  }

  @Test
  void aContactRepeatedOnThousandsOfRowsKeepsEachTagOnce() {
    Contact head = new Contact(2);
    head.set(GhlColumn.EMAIL, "a@x.com");
    for (int row = 3; row < 100_003; row++) {
      Contact dup = new Contact(row);
      dup.set(GhlColumn.EMAIL, "a@x.com");
      dup.set(GhlColumn.TAGS, "t" + row + ", shared");
      head.mergeFrom(dup);
    }
    List<String> tags = Contact.split(head.get(GhlColumn.TAGS));
    assertThat(tags).hasSize(100_001).doesNotHaveDuplicates().startsWith("t3", "shared", "t4").endsWith("t100002");
    assertThat(head.has(GhlColumn.ADDITIONAL_EMAILS)).isFalse();
  }
}
