package com.ghldata.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateNormalizerTest {
  private static final LocalDate TODAY = LocalDate.of(2025, 6, 15);

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock = """
          31/12/1990                              | 1990-12-31
          31-12-1990                              | 1990-12-31
          31.12.1990                              | 1990-12-31
          31 12 1990                              | 1990-12-31
          1990-12-31                              | 1990-12-31
          1990/12/31                              | 1990-12-31
          1990.12.31                              | 1990-12-31
          31/12/90                                | 1990-12-31
          1/2/1990                                | 1990-02-01
          01/02/1990                              | 1990-02-01
          05/03/07                                | 2007-03-05
          15/06/25                                | 2025-06-15
          16/06/25                                | 1925-06-16
          1990-12-31T00:00:00                     | 1990-12-31
          1990-12-31T00:00:00.000Z                | 1990-12-31
          1990-12-31T03:00:00-03:00               | 1990-12-31
          1990-12-31 00:00:00                     | 1990-12-31
          31/12/1990 00:00                        | 1990-12-31
          31/12/1990 às 10:00                     | 1990-12-31
          33238                                   | 1990-12-31
          33238.0                                 | 1990-12-31
          33238,75                                | 1990-12-31
          19901231                                | 1990-12-31
          31121990                                | 1990-12-31
          31 de dezembro de 1990                  | 1990-12-31
          31 de Dezembro de 1990                  | 1990-12-31
          1º de março de 1985                     | 1985-03-01
          segunda-feira, 31 de dezembro de 1990   | 1990-12-31
          31 dez 1990                             | 1990-12-31
          31/dez/1990                             | 1990-12-31
          Dec 31, 1990                            | 1990-12-31
          December 31st, 1990                     | 1990-12-31
          Monday, December 31, 1990               | 1990-12-31
          31-DEC-90                               | 1990-12-31
          31 dic 1990                             | 1990-12-31
          31 de diciembre de 1990                 | 1990-12-31
          2 de septiembre de 1977                 | 1977-09-02
          1990 Dec 31                             | 1990-12-31
          12/31/1990                              | 1990-12-31
          12/31/90                                | 1990-12-31
          29/02/2000                              | 2000-02-29
          " 31/12/1990 "                          | 1990-12-31
          ""                                      | ""
          0/0/00                                  | ""
          00/00/0000                              | ""
          0000-00-00                              | ""
          """)
  void reads_brazilian_and_international_dates(String raw, String expected) {
    assertThat(DateNormalizer.toIsoDate(raw, "BR", TODAY)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "31/02/1990", // no such day
        "29/02/1990", // not a leap year
        "29/02/1900", // 1900 was not a leap year either
        "31/04/1990",
        "13/13/1990",
        "00/01/1990",
        "1899-12-31", // before 1900
        "2025-06-16", // tomorrow: nobody is born in the future
        "2030-01-01",
        "1990-31-12",
        "1990", // a year alone is not a date
        "--12-31", // Google Contacts birthday without a year
        "31/12", // nor is a day and month
        "9999", // an Excel serial before 1927, more likely something else
        "1/2/3/4",
        "31/12/199",
        "hoje",
        "31 de dezembro",
        "31 de foo de 1990",
        "dez dez 1990",
        "1990-12-31-05",
        "123456789"
      })
  void rejects_what_is_not_a_valid_date_of_birth(String raw) {
    assertThat(DateNormalizer.toIsoDate(raw, "BR", TODAY)).isNull();
  }

  @ParameterizedTest(name = "[{index}] {0} in {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock = """
          01/02/1990   | BR | 1990-02-01
          01/02/1990   | US | 1990-01-02
          01/02/1990   | PT | 1990-02-01
          01/02/1990   | us | 1990-01-02
          12/31/1990   | US | 1990-12-31
          31/12/1990   | US | 1990-12-31
          02/01/05     | US | 2005-02-01
          02011990     | US | 1990-02-01
          02011990     | BR | 1990-01-02
          """)
  void reads_numeric_dates_month_first_only_for_the_united_states(String raw, String country, String expected) {
    assertThat(DateNormalizer.toIsoDate(raw, country, TODAY)).isEqualTo(expected);
  }

  @Test
  void reads_day_first_when_the_country_is_unknown() {
    assertThat(DateNormalizer.toIsoDate("01/02/1990", null, TODAY)).isEqualTo("1990-02-01");
  }

  @Test
  void gives_empty_for_null() {
    assertThat(DateNormalizer.toIsoDate(null, "BR", TODAY)).isEmpty();
  }

  @Test
  void the_two_argument_form_uses_the_real_today() {
    String later = LocalDate.now().plusDays(2).format(DateTimeFormatter.ISO_LOCAL_DATE);

    assertThat(DateNormalizer.toIsoDate("31/12/1990", "BR")).isEqualTo("1990-12-31");
    assertThat(DateNormalizer.toIsoDate(later, "BR")).isNull();
  }
}
