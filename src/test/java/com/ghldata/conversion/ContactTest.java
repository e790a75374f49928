package com.ghldata.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
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
}
