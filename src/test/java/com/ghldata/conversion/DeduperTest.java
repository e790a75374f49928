package com.ghldata.conversion;

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

  private static List<String> run(long maxInMemory, long lateInMemoryBytes, boolean expectSpill) throws Exception {
    List<String> out = new ArrayList<>();
    try (Deduper d = new Deduper(maxInMemory, lateInMemoryBytes)) {
      d.accept(contact(1, "a@x.com", "", ""));
      d.accept(contact(2, "", "+5511987654321", ""));
      d.accept(contact(3, "b@x.com", "", "Recife"));
      d.accept(contact(4, "a@x.com", "+5511911112222", "Natal"));
      d.accept(contact(5, "", "+5511987654321", "Campinas"));
      d.accept(contact(6, "c@x.com", "", "Olinda"));
      assertThat(d.spilled()).isEqualTo(expectSpill);
      assertThat(d.merged()).isEqualTo(2);
      d.drain(c -> out.add(String.join("|", c.unpack().values)));
    }
    return out;
  }

  @Test
  void spillingToDiskGivesTheSameContactsAsKeepingThemInMemory() throws Exception {
    List<String> memory = run(1_000, false);
    List<String> spilled = run(2, true);
    List<String> lateReadOneByOne = run(2, 0, true);

    assertThat(spilled).isEqualTo(memory);
    assertThat(lateReadOneByOne).isEqualTo(memory);
    assertThat(memory).hasSize(4);
    assertThat(memory.get(0)).startsWith("P1||a@x.com|+5511911112222|").contains("|Natal|");
    assertThat(memory.get(1)).contains("|Campinas|");
  }
}
