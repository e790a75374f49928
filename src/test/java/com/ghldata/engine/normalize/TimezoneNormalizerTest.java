package com.ghldata.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimezoneNormalizerTest {

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock = """
          America/Sao_Paulo                 | America/Sao_Paulo
          america/sao_paulo                 | America/Sao_Paulo
          AMERICA/SAO_PAULO                 | America/Sao_Paulo
          America/Sao Paulo                 | America/Sao_Paulo
          America / São Paulo               | America/Sao_Paulo
          São Paulo                         | America/Sao_Paulo
          Brasília                          | America/Sao_Paulo
          brasilia                          | America/Sao_Paulo
          Horário de Brasília               | America/Sao_Paulo
          Hora de Brasília                  | America/Sao_Paulo
          BRT                               | America/Sao_Paulo
          (UTC-03:00) Brasília              | America/Sao_Paulo
          (GMT-03:00) Brasilia              | America/Sao_Paulo
          Horário do Amazonas               | America/Manaus
          Manaus                            | America/Manaus
          Fernando de Noronha               | America/Noronha
          Acre                              | America/Rio_Branco
          America/Recife                    | America/Recife
          EST                               | America/New_York
          Eastern                           | America/New_York
          Eastern Time (US & Canada)        | America/New_York
          (GMT-05:00) Eastern Time (US & Canada) | America/New_York
          US/Eastern                        | US/Eastern
          CST                               | America/Chicago
          Pacific                           | America/Los_Angeles
          PST                               | America/Los_Angeles
          Hawaii                            | Pacific/Honolulu
          Lisbon                            | Europe/Lisbon
          Lisboa                            | Europe/Lisbon
          Portugal                          | Europe/Lisbon
          europe/london                     | Europe/London
          Buenos Aires                      | America/Argentina/Buenos_Aires
          Indianapolis                      | America/Indiana/Indianapolis
          Asia/Calcutta                     | Asia/Calcutta
          UTC                               | UTC
          GMT                               | UTC
          Z                                 | UTC
          GMT-3                             | Etc/GMT+3
          UTC-03:00                         | Etc/GMT+3
          UTC −3                            | Etc/GMT+3
          -03:00                            | Etc/GMT+3
          GMT+1                             | Etc/GMT-1
          UTC+00:00                         | UTC
          etc/gmt+3                         | Etc/GMT+3
          ""                                | ""
          """)
  void recognises_iana_names_aliases_and_offsets(String raw, String zone) {
    assertThat(TimezoneNormalizer.normalize(raw)).isEqualTo(zone);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Marte", "America/Atlantis", "GMT+5:30", "UTC-13", "GMT+", "horário de verão", "East"})
  void gives_null_for_what_it_does_not_recognise(String raw) {
    assertThat(TimezoneNormalizer.normalize(raw)).isNull();
  }

  @Test
  void gives_empty_for_null() {
    assertThat(TimezoneNormalizer.normalize(null)).isEmpty();
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock = """
          America/Sao_Paulo     | America/Sao_Paulo
          Brasília              | America/Sao_Paulo
          America/Recife        | America/Sao_Paulo
          America/Fortaleza     | America/Sao_Paulo
          GMT-3                 | America/Sao_Paulo
          America/Cuiaba        | America/Manaus
          US/Eastern            | US/Eastern
          EST                   | America/New_York
          Europe/Lisbon         | Europe/London
          GMT                   | UTC
          Asia/Calcutta         | Asia/Calcutta
          ""                    | ""
          """)
  void forGhl_picks_a_zone_on_ghls_list_with_the_same_clock(String raw, String zone) {
    assertThat(TimezoneNormalizer.forGhl(raw)).isEqualTo(zone);
    assertThat(zone.isEmpty() || TimezoneNormalizer.acceptedByGhl(zone)).isTrue();
  }

  @Test
  void forGhl_gives_null_for_what_it_does_not_recognise() {
    assertThat(TimezoneNormalizer.forGhl("Marte")).isNull();
  }

  @Test
  void every_zone_on_ghls_list_is_a_java_zone_and_maps_to_itself() {
    for (String zone : TimezoneNormalizer.ghlZones()) {
      assertThat(ZoneId.of(zone).getId()).isEqualTo(zone);
      assertThat(TimezoneNormalizer.normalize(zone)).isEqualTo(zone);
      assertThat(TimezoneNormalizer.forGhl(zone)).isEqualTo(zone);
    }
  }

  @Test
  void every_java_zone_is_recognised_by_its_own_name() {
    for (String zone : ZoneId.getAvailableZoneIds()) {
      String normalized = TimezoneNormalizer.normalize(zone);
      assertThat(normalized).as(zone).isNotNull();
      assertThat(ZoneId.of(normalized).getRules().getOffset(java.time.Instant.EPOCH))
          .as(zone)
          .isEqualTo(ZoneId.of(zone).getRules().getOffset(java.time.Instant.EPOCH));
    }
  }
}
