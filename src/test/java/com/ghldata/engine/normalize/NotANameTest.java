package com.ghldata.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotANameTest {
  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(strings = {"15", "3.72", " 3,72 ", "-1", "+7", "1.234,56", "1,234,567.5", "12%", "0",
      "${Employee.Name}", "${nome}", "#{cliente.nome}", "{{first_name}}", "\u00ABNome\u00BB", "<<Nome>>",
      " ${ Employee.Name } "})
  void numbersAndTemplatePlaceholdersAreNeverNames(String value) {
    assertThat(NotAName.test(value)).isTrue();
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(strings = {"", " ", "Ana", "Maria 2", "3M", "R2-D2", "15 de Novembro", "João Paulo II", "1.", ".5",
      "1..2", "-", "%", "{nome}", "${", "${}", "{{}}", "$ 15", "\u00ABNome", "O'Brien"})
  void namesAndNearMissesAreNot(String value) {
    assertThat(NotAName.test(value)).isFalse();
  }
}
