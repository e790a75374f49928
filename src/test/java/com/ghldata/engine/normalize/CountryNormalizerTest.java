package com.ghldata.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CountryNormalizerTest {

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock = """
          Brasil                          | BR
          BRASIL                          | BR
          brazil                          | BR
          BR                              | BR
          bra                             | BR
          Brasil (BR)                     | BR
          United States                   | US
          Estados Unidos                  | US
          Estados Unidos da América       | US
          EUA                             | US
          USA                             | US
          U.S.A.                          | US
          us                              | US
          EE.UU.                          | US
          EE. UU.                         | US
          UK                              | GB
          Reino Unido                     | GB
          Inglaterra                      | GB
          England                         | GB
          Great Britain                   | GB
          Holanda                         | NL
          Países Baixos                   | NL
          The Netherlands                 | NL
          Alemanha                        | DE
          Deutschland                     | DE
          Alemania                        | DE
          españa                          | ES
          Espanha                         | ES
          méxico                          | MX
          MEXICO                          | MX
          Perú                            | PE
          Japão                           | JP
          Coreia do Sul                   | KR
          Korea, South                    | KR
          Corea del Sur                   | KR
          Coreia do Norte                 | KP
          Costa do Marfim                 | CI
          Côte d’Ivoire                   | CI
          Congo (Kinshasa)                | CD
          República Democrática do Congo  | CD
          Congo                           | CG
          Bósnia e Herzegovina            | BA
          Bosnia & Herzegovina            | BA
          Bosnia and Herzegovina          | BA
          St. Kitts & Nevis               | KN
          Saint Kitts and Nevis           | KN
          São Cristóvão e Névis           | KN
          Trinidad y Tobago               | TT
          Guiné-Bissau                    | GW
          Guinea Bissau                   | GW
          Timor-Leste                     | TL
          East Timor                      | TL
          Myanmar (Burma)                 | MM
          Birmânia                        | MM
          Czech Republic                  | CZ
          Tchéquia                        | CZ
          Irã                             | IR
          Irão                            | IR
          Emirados Árabes Unidos          | AE
          UAE                             | AE
          Hong Kong                       | HK
          Porto Rico                      | PR
          Kosovo                          | XK
          AND                             | AD
          Andorra                         | AD
          Suíça                           | CH
          Portugal                        | PT
          PRT                             | PT
          Argentina                       | AR
          " Uruguai "                     | UY
          """)
  void finds_the_iso_code_for_names_and_codes_in_three_languages(String raw, String iso2) {
    assertThat(CountryNormalizer.iso2(raw)).isEqualTo(iso2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "Atlantis", "Europa", "XX", "EU", "São Paulo", "Salvador", "Brasil / Argentina"})
  void gives_null_for_blank_unknown_or_ambiguous_values(String raw) {
    assertThat(CountryNormalizer.iso2(raw)).isNull();
  }

  @Test
  void gives_null_for_null() {
    assertThat(CountryNormalizer.iso2(null)).isNull();
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock = """
          BR | Brazil
          US | United States
          PT | Portugal
          GB | United Kingdom
          KR | Korea, South
          KP | Korea, North
          CD | Congo (Kinshasa)
          CG | Congo
          CZ | Czech Republic
          CV | Cabo Verde
          TL | East Timor
          MM | Myanmar
          BA | Bosnia and Herzegovina
          KN | Saint Kitts and Nevis
          VA | Vatican City
          XK | Kosovo
          br | Brazil
          PR | Puerto Rico
          HK | Hong Kong
          CI | Côte d'Ivoire
          """)
  void writes_the_english_name_ghl_matches(String iso2, String name) {
    assertThat(CountryNormalizer.englishName(iso2)).isEqualTo(name);
  }

  @Test
  void gives_null_name_for_an_unknown_code() {
    assertThat(CountryNormalizer.englishName("ZZ")).isNull();
  }

  @Test
  void ghl_accepts_sovereign_states_but_not_territories() {
    assertThat(CountryNormalizer.acceptedByGhl("BR")).isTrue();
    assertThat(CountryNormalizer.acceptedByGhl("xk")).isTrue();
    assertThat(CountryNormalizer.acceptedByGhl("PR")).isFalse();
    assertThat(CountryNormalizer.acceptedByGhl("HK")).isFalse();
  }

  @Test
  void every_english_name_written_reads_back_as_its_code() {
    for (String iso2 : Locale.getISOCountries()) {
      assertThat(CountryNormalizer.iso2(CountryNormalizer.englishName(iso2))).as(iso2).isEqualTo(iso2);
    }
  }

  @Test
  void every_display_name_in_english_portuguese_and_spanish_reads_back_as_its_code() {
    Locale[] languages = {Locale.ENGLISH, Locale.forLanguageTag("pt-BR"), Locale.forLanguageTag("es")};
    for (Locale language : languages) {
      for (String iso2 : Locale.getISOCountries()) {
        String name = new Locale("", iso2).getDisplayCountry(language);
        assertThat(CountryNormalizer.iso2(name)).as(name).isEqualTo(iso2);
      }
    }
  }
}
