package com.ghldata.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NameNormalizerTest {

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock = """
          JOÃO DA SILVA               | João da Silva
          maria das dores             | Maria das Dores
          JOSÉ DOS SANTOS             | José dos Santos
          ANA DE SOUZA E SILVA        | Ana de Souza e Silva
          PEDRO DO NASCIMENTO         | Pedro do Nascimento
          DA SILVA                    | Da Silva
          O'BRIEN                     | O'Brien
          D'ÁVILA                     | D'Ávila
          SANT'ANA                    | Sant'Ana
          ANA-LUIZA                   | Ana-Luiza
          maria-eduarda               | Maria-Eduarda
          ÉDER                        | Éder
          ÇAĞLAR                      | Çağlar
          "  maria   clara  "         | Maria Clara
          j.r.r. tolkien              | J.R.R. Tolkien
          JOHN SMITH III              | John Smith III
          McDonald                    | McDonald
          DeAndre                     | DeAndre
          João da Silva               | João da Silva
          JOÃO da Silva               | JOÃO da Silva
          123                         | 123
          ""                          | ""
          """)
  void puts_all_caps_and_all_lower_names_in_proper_case(String raw, String expected) {
    assertThat(NameNormalizer.clean(raw)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock = """
          DOS SANTOS                  | dos Santos
          da silva                    | da Silva
          DE OLIVEIRA E SOUZA         | de Oliveira e Souza
          E SILVA                     | e Silva
          SANTOS                      | Santos
          DOS                         | Dos
          Dos Santos                  | Dos Santos
          "  DAS   DORES "            | das Dores
          """)
  void keeps_a_leading_particle_of_a_last_name_lower(String raw, String expected) {
    assertThat(NameNormalizer.cleanLastName(raw)).isEqualTo(expected);
  }

  @Test
  void a_last_name_reads_the_same_from_its_own_column_and_split_off_a_full_name() {
    String[] split = NameNormalizer.splitFullName(NameNormalizer.clean("MARIA DOS SANTOS"));
    assertThat(split).containsExactly("Maria", "dos Santos");
    assertThat(NameNormalizer.cleanLastName("MARIA DOS SANTOS".substring(6))).isEqualTo(split[1]);
    assertThat(NameNormalizer.clean("DOS SANTOS")).as("a first-name or full-name column still starts capitalized")
        .isEqualTo("Dos Santos");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"Maria\"", "'Maria'", "“Maria”", "«Maria»", "\" Maria \"", "\"MARIA\""})
  void strips_surrounding_quotes(String raw) {
    assertThat(NameNormalizer.clean(raw)).isEqualTo("Maria");
  }

  @Test
  void keeps_an_apostrophe_inside_the_name() {
    assertThat(NameNormalizer.clean("'O'BRIEN'")).isEqualTo("O'Brien");
  }

  @Test
  void handles_decomposed_accents() {
    assertThat(NameNormalizer.clean("JOA\u0303O")).isEqualTo("Joa\u0303o");
  }

  @Test
  void gives_empty_for_null() {
    assertThat(NameNormalizer.clean(null)).isEmpty();
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1} / {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock = """
          Maria da Silva Santos   | Maria       | da Silva Santos
          Maria Silva             | Maria       | Silva
          Maria                   | Maria       | ""
          Silva, Maria            | Maria       | Silva
          Silva,Maria             | Maria       | Silva
          da Silva Santos, Maria  | Maria       | da Silva Santos
          Silva, Maria José       | Maria José  | Silva
          Maria Silva, Jr.        | Maria       | Silva, Jr.
          Silva,                  | Silva       | ""
          ", Maria"               | Maria       | ""
          "  Maria   Silva  "     | Maria       | Silva
          ""                      | ""          | ""
          """)
  void splits_a_full_name_into_first_and_last(String full, String first, String last) {
    assertThat(NameNormalizer.splitFullName(full)).containsExactly(first, last);
  }
}
