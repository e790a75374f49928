package com.ghldata.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StateNormalizerTest {

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock = """
          Acre                        | AC
          Alagoas                     | AL
          Amapá                       | AP
          Amazonas                    | AM
          Bahia                       | BA
          Ceará                       | CE
          Distrito Federal            | DF
          Espírito Santo              | ES
          Goiás                       | GO
          Maranhão                    | MA
          Mato Grosso                 | MT
          Mato Grosso do Sul          | MS
          Minas Gerais                | MG
          Pará                        | PA
          Paraíba                     | PB
          Paraná                      | PR
          Pernambuco                  | PE
          Piauí                       | PI
          Rio de Janeiro              | RJ
          Rio Grande do Norte         | RN
          Rio Grande do Sul           | RS
          Rondônia                    | RO
          Roraima                     | RR
          Santa Catarina              | SC
          São Paulo                   | SP
          Sergipe                     | SE
          Tocantins                   | TO
          sao paulo                   | SP
          SAO PAULO                   | SP
          S. Paulo                    | SP
          Sta Catarina                | SC
          sp                          | SP
          " Sp "                      | SP
          Est. de São Paulo           | SP
          Estado de São Paulo         | SP
          Estado do Rio de Janeiro    | RJ
          SP - São Paulo              | SP
          São Paulo (SP)              | SP
          São Paulo/Brasil            | SP
          PARAIBA                     | PB
          Parana                      | PR
          Goias                       | GO
          Ceara                       | CE
          Mato Grosso Sul             | MS
          MATO GROSSO DO SUL          | MS
          rio grande do sul           | RS
          RGS                         | RS
          Minas                       | MG
          Brasília                    | DF
          Espirito Santo              | ES
          Califórnia                  | Califórnia
          Lisboa                      | Lisboa
          ""                          | ""
          """)
  void writes_brazilian_states_as_their_uf(String raw, String expected) {
    assertThat(StateNormalizer.normalize(raw, "BR")).isEqualTo(expected);
  }

  @Test
  void leaves_states_of_other_countries_as_given() {
    assertThat(StateNormalizer.normalize("  California ", "US")).isEqualTo("California");
    assertThat(StateNormalizer.normalize("São Paulo", "PT")).isEqualTo("São Paulo");
    assertThat(StateNormalizer.normalize("São Paulo", null)).isEqualTo("São Paulo");
  }

  @Test
  void accepts_the_country_code_in_lower_case() {
    assertThat(StateNormalizer.normalize("São Paulo", "br")).isEqualTo("SP");
  }

  @Test
  void gives_empty_for_null() {
    assertThat(StateNormalizer.normalize(null, "BR")).isEmpty();
  }

  @Test
  void uf_is_null_for_text_that_names_no_state() {
    assertThat(StateNormalizer.uf("Buenos Aires")).isNull();
    assertThat(StateNormalizer.uf("SP / RJ")).isNull();
    assertThat(StateNormalizer.uf("minas gerais")).isEqualTo("MG");
  }
}
