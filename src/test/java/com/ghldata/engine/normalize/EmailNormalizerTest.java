package com.ghldata.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailNormalizerTest {

  /** Cells as they come out of real spreadsheets: the input, the valid addresses, the invalid piece count. */
  static Stream<Arguments> cells() {
    return Stream.of(
        arguments("maria@gmail.com", List.of("maria@gmail.com"), 0),
        arguments("  MARIA.SILVA@Gmail.COM  ", List.of("maria.silva@gmail.com"), 0),
        arguments("mailto:Ana@Empresa.com.br", List.of("ana@empresa.com.br"), 0),
        arguments("MAILTO:ana@empresa.com.br?subject=Contato", List.of("ana@empresa.com.br"), 0),
        arguments("<ana@empresa.com.br>", List.of("ana@empresa.com.br"), 0),
        arguments("Maria Silva <maria@x.com>", List.of("maria@x.com"), 0),
        arguments("\"Silva, Maria\" <maria@x.com>, joao@y.com", List.of("maria@x.com", "joao@y.com"), 0),
        arguments("'maria@x.com'", List.of("maria@x.com"), 0),
        arguments("\"maria@x.com\"", List.of("maria@x.com"), 0),
        arguments("(maria@x.com)", List.of("maria@x.com"), 0),
        arguments("a@x.com; b@y.com", List.of("a@x.com", "b@y.com"), 0),
        arguments("a@x.com / b@y.com | c@z.com", List.of("a@x.com", "b@y.com", "c@z.com"), 0),
        arguments("a@x.com b@y.com", List.of("a@x.com", "b@y.com"), 0),
        arguments("a@x.com\r\nb@y.com", List.of("a@x.com", "b@y.com"), 0),
        arguments("Ana@X.com, ana@x.com", List.of("ana@x.com"), 0),
        arguments("maria@x.com.", List.of("maria@x.com"), 0),
        arguments("E-mail: maria@x.com", List.of("maria@x.com"), 0),
        arguments("\u200Bmaria@x.com\u00A0", List.of("maria@x.com"), 0),
        arguments("user+newsletter@gmail.com", List.of("user+newsletter@gmail.com"), 0),
        arguments("o'brien@example.ie", List.of("o'brien@example.ie"), 0),
        arguments("first_last-1@sub.domain.co.uk", List.of("first_last-1@sub.domain.co.uk"), 0),
        arguments("joao@xn--caf-dma.com", List.of("joao@xn--caf-dma.com"), 0),
        arguments("ivan@example.xn--p1ai", List.of("ivan@example.xn--p1ai"), 0),
        arguments("maria@x.com, n/a", List.of("maria@x.com"), 1),
        arguments("maria@gmail, joao@y.com", List.of("joao@y.com"), 1),
        arguments("maria@gmail", List.of(), 1),
        arguments("maria@gmail.c", List.of(), 1),
        arguments("maria@x.123", List.of(), 1),
        arguments("maria@@gmail.com", List.of(), 1),
        arguments("maria.gmail.com", List.of(), 1),
        arguments("@gmail.com", List.of(), 1),
        arguments("maria@", List.of(), 1),
        arguments("maria..silva@x.com", List.of(), 1),
        arguments(".maria@x.com", List.of(), 1),
        arguments("maria.@x.com", List.of(), 1),
        arguments("maria@-x.com", List.of(), 1),
        arguments("maria@x-.com", List.of(), 1),
        arguments("maria@x..com", List.of(), 1),
        arguments("maria @ gmail.com", List.of(), 1),
        arguments("joão@x.com", List.of(), 1),
        arguments("maria@exemplo.com.br\u00E7", List.of(), 1),
        arguments("maria@ｇmail.com", List.of(), 1),
        arguments("=hyperlink@x.com", List.of(), 1),
        arguments("+maria@x.com", List.of(), 1),
        arguments("-maria@x.com", List.of(), 1),
        arguments("\"john doe\"@x.com", List.of(), 1),
        arguments("maria@[192.168.0.1]", List.of(), 1),
        arguments("não tem", List.of(), 1),
        arguments("-", List.of(), 1),
        arguments("a".repeat(65) + "@x.com", List.of(), 1),
        arguments("a@" + "b".repeat(64) + ".com", List.of(), 1));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("cells")
  void finds_the_valid_addresses_and_counts_the_bad_pieces(String raw, List<String> valid, int invalid) {
    EmailCell cell = EmailNormalizer.normalize(raw);

    assertThat(cell.valid()).containsExactlyElementsOf(valid);
    assertThat(cell.invalid()).isEqualTo(invalid);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\u00A0", "\u200B", " ; , "})
  void blank_cells_hold_nothing(String raw) {
    assertThat(EmailNormalizer.normalize(raw)).isEqualTo(EmailCell.EMPTY);
  }

  @Test
  void null_cell_holds_nothing() {
    assertThat(EmailNormalizer.normalize(null)).isEqualTo(EmailCell.EMPTY);
  }

  @Test
  void local_part_of_64_and_domain_labels_of_63_characters_are_the_limits() {
    String local = "a".repeat(64);
    String label = "b".repeat(63);

    assertThat(EmailNormalizer.normalize(local + "@" + label + ".com").valid()).containsExactly(local + "@" + label + ".com");
    assertThat(EmailNormalizer.normalize("a@" + label + "b.com").invalid()).isEqualTo(1);
  }

  @Test
  void the_valid_list_cannot_be_modified() {
    List<String> valid = EmailNormalizer.normalize("a@x.com, b@y.com").valid();

    assertThatThrownBy(() -> valid.add("c@z.com"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"maria@gmail.com", "a.b-c_d+e@x.co", "x@y.xn--p1ai"})
  void isValid_accepts_normalized_addresses(String email) {
    assertThat(EmailNormalizer.isValid(email)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Maria@gmail.com", " maria@gmail.com", "maria@gmail.com.", "mailto:a@x.com", "a@x"})
  void isValid_rejects_anything_not_yet_normalized(String email) {
    assertThat(EmailNormalizer.isValid(email)).isFalse();
  }

  @Test
  void normalizeOne_gives_the_single_address_or_null() {
    assertThat(EmailNormalizer.normalizeOne(" <Ana@X.com> ")).isEqualTo("ana@x.com");
    assertThat(EmailNormalizer.normalizeOne("ana@x.com, bia@y.com")).isNull();
    assertThat(EmailNormalizer.normalizeOne("ana@x")).isNull();
  }

  @Test
  void every_valid_address_survives_the_formula_guard_unchanged() {
    for (Arguments args : cells().toList()) {
      @SuppressWarnings("unchecked")
      List<String> valid = (List<String>) args.get()[1];
      for (String email : valid) {
        assertThat(TextCleaner.guardFormula(email)).isEqualTo(email);
      }
    }
  }

  /** The domain check as first written (a loop running one past the end): the answer isValid must keep. */
  private static boolean referenceDomain(String s, int from) {
    int n = s.length();
    if (n - from > 253) {
      return false;
    }
    int labelStart = from;
    int labels = 0;
    for (int i = from; i <= n; i++) {
      char c = i < n ? s.charAt(i) : '.';
      if (c == '.') {
        int len = i - labelStart;
        if (len < 1 || len > 63 || s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-') {
          return false;
        }
        labels++;
        if (i < n) {
          labelStart = i + 1;
        }
      } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    if (labels < 2) {
      return false;
    }
    int tld = n - labelStart;
    if (tld > 4 && s.startsWith("xn--", labelStart)) {
      return true;
    }
    return tld >= 2 && s.substring(labelStart).chars().allMatch(c -> c >= 'a' && c <= 'z');
  }

  @Test
  void domainsAreJudgedAsTheFirstWrittenCheckJudgedThem() {
    java.util.Random random = new java.util.Random(9);
    String alphabet = "ab9.-x_";
    int valid = 0;
    for (int n = 0; n < 100_000; n++) {
      StringBuilder domain = new StringBuilder();
      for (int k = 1 + random.nextInt(12); k > 0; k--) {
        domain.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      if (random.nextInt(10) == 0) {
        domain.append(".xn--p1ai");
      }
      String email = "ana@" + domain;
      boolean expected = referenceDomain(email, 4);
      assertThat(EmailNormalizer.isValid(email)).as(email).isEqualTo(expected);
      valid += expected ? 1 : 0;
    }
    assertThat(valid).as("valid domains drawn").isGreaterThan(1_000);
  }
}
