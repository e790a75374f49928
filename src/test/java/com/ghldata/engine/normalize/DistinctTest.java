package com.ghldata.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DistinctTest {
  private static Phone phone(int i) {
    return new Phone("+55219" + (80000000 + i), "BR", false);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 8, 9, 10, 17, 2_000})
  void keepsEachNumberOnceInTheOrderItCameWhateverTheCount(int distinct) {
    Distinct<Phone> phones = Distinct.phones();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < distinct; i++) {
        assertThat(phones.add(phone(i))).as("round %d, phone %d", round, i).isEqualTo(round == 0);
      }
    }
    assertThat(phones.list()).hasSize(distinct).doesNotHaveDuplicates();
    assertThat(phones.list().get(0)).isEqualTo(phone(0));
    assertThat(phones.list().get(distinct - 1)).isEqualTo(phone(distinct - 1));
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 20})
  void aReorderedListStillKnowsItsNumbers(int distinct) {
    Distinct<Phone> phones = Distinct.phones();
    for (int i = 0; i < distinct; i++) {
      phones.add(phone(i));
    }
    phones.list().add(0, phones.list().remove(distinct - 1));

    assertThat(phones.add(phone(distinct - 1))).isFalse();
    assertThat(phones.add(phone(0))).isFalse();
    assertThat(phones.list()).hasSize(distinct).startsWith(phone(distinct - 1), phone(0));
  }
}
