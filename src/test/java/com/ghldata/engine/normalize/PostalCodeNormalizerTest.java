package com.ghldata.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostalCodeNormalizerTest {

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock = """
          01310-100         | 01310-100
          01310100          | 01310-100
          01.310-100        | 01310-100
          01310 100         | 01310-100
          " 01310-100 "     | 01310-100
          CEP 01310-100     | 01310-100
          CEP: 01310100     | 01310-100
          1310100           | 01310-100
          1310100.0         | 01310-100
          20040-020         | 20040-020
          123               | 123
          013101000         | 013101000
          01310-1000        | 01310-1000
          sem cep           | sem cep
          ""                | ""
          """)
  void writes_a_brazilian_cep_as_five_digits_hyphen_three(String raw, String expected) {
    assertThat(PostalCodeNormalizer.normalize(raw, "BR")).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0} in {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock = """
          02134             | US | 02134
          " 2134 "          | US | 2134
          1000-001          | PT | 1000-001
          SW1A  1AA         | GB | SW1A 1AA
          01310100          | "" | 01310100
          """)
  void leaves_other_countries_codes_as_given_but_cleaned(String raw, String country, String expected) {
    assertThat(PostalCodeNormalizer.normalize(raw, country)).isEqualTo(expected);
  }

  @Test
  void gives_empty_for_null() {
    assertThat(PostalCodeNormalizer.normalize(null, "BR")).isEmpty();
  }
}
