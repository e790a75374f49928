package com.ghldata.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TextCleanerTest {

  static Stream<Arguments> singleLine() {
    return Stream.of(
        arguments("Maria", "Maria"),
        arguments("  Maria  ", "Maria"),
        arguments("Maria   da\tSilva", "Maria da Silva"),
        arguments("Maria\r\nSilva", "Maria Silva"),
        arguments("\u00A0Maria\u00A0Silva\u00A0", "Maria Silva"), // NBSP from web pages
        arguments("Maria\u2007\u202F\u3000Silva", "Maria Silva"), // figure, narrow and ideographic spaces
        arguments("\uFEFFNome", "Nome"), // BOM left at the start of an exported file
        arguments("Ma\u200Bria", "Maria"), // zero-width space
        arguments("Ma\u00ADria", "Maria"), // soft hyphen
        arguments("\u202A+55 11 98765-4321\u202C", "+55 11 98765-4321"), // WhatsApp's bidi wrapping
        arguments("\u200E\u200FRua A", "Rua A"), // LRM, RLM
        arguments("\u2066Ana\u2069", "Ana"), // bidi isolates
        arguments("Ana\u0000\u0007", "Ana"), // control characters
        arguments("Ana \u200B Maria", "Ana Maria"),
        arguments("\u200D", ""),
        arguments("a\u200Db", "ab"), // a joiner between ASCII letters joins nothing
        arguments("\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"), // family emoji stays whole
        arguments("São Paulo — Brasil", "São Paulo — Brasil"),
        arguments("   ", ""),
        arguments("", ""));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("singleLine")
  void clean_trims_collapses_and_drops_invisible_characters(String raw, String expected) {
    assertThat(TextCleaner.clean(raw)).isEqualTo(expected);
  }

  @Test
  void clean_gives_empty_for_null() {
    assertThat(TextCleaner.clean(null)).isEmpty();
  }

  @Test
  void clean_returns_an_already_clean_value_without_copying() {
    String value = "Maria da Silva";

    assertThat(TextCleaner.clean(value)).isSameAs(value);
  }

  static Stream<Arguments> multiLine() {
    return Stream.of(
        arguments("Primeira linha\nSegunda linha", "Primeira linha\nSegunda linha"),
        arguments("Linha 1\r\nLinha 2\rLinha 3", "Linha 1\nLinha 2\nLinha 3"),
        arguments("Parágrafo 1\r\n\r\n\r\n\r\nParágrafo 2", "Parágrafo 1\n\nParágrafo 2"),
        arguments("  recuo  \n   outro   ", "recuo\noutro"),
        arguments("\n\n  texto  \n\n", "texto"),
        arguments("a  \u00A0 b\u2028c", "a b\nc"),
        arguments("a \n \n \n b", "a\n\nb"),
        arguments("\uFEFFnota", "nota"),
        arguments("", ""));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("multiLine")
  void cleanMultiline_keeps_line_breaks_and_one_blank_line_at_most(String raw, String expected) {
    assertThat(TextCleaner.cleanMultiline(raw)).isEqualTo(expected);
  }

  @Test
  void cleanMultiline_gives_empty_for_null() {
    assertThat(TextCleaner.cleanMultiline(null)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock = """
          =SUM(A1:A2)       | '=SUM(A1:A2)
          +5511987654321    | '+5511987654321
          -10               | '-10
          @SUM(1)           | '@SUM(1)
          Maria             | Maria
          5511987654321     | 5511987654321
          a=b               | a=b
          ""                | ""
          """)
  void guardFormula_prefixes_values_a_spreadsheet_would_evaluate(String value, String expected) {
    assertThat(TextCleaner.guardFormula(value)).isEqualTo(expected);
  }

  @Test
  void guardFormula_prefixes_leading_tab_and_carriage_return() {
    assertThat(TextCleaner.guardFormula("\tcmd")).isEqualTo("'\tcmd");
    assertThat(TextCleaner.guardFormula("\rcmd")).isEqualTo("'\rcmd");
  }
}
