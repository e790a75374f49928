package com.ghldata.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.ghldata.bus.ErrorCode;
import com.ghldata.bus.ErrorCode.Failure;
import com.ghldata.engine.ConversionError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks every code of ErrorCode and ConversionError, and every variant of their messages: each has
 * a title and a detail in pt-BR, en and es that name the same parameters, and reads with no
 * placeholder left once rendered. A code added without its catalogue lines fails here.
 */
class MessageCatalogueTest {
  private static final Messages MESSAGES = Messages.catalogues();

  /** A code and the variant of its message (null: the code's own). */
  record Key(String code, String variant) {
    String detail() {
      return "detail." + code + (variant == null ? "" : "." + variant);
    }

    @Override
    public String toString() {
      return variant == null ? code : code + "." + variant;
    }
  }

  static List<Key> keys() {
    List<Key> keys = new ArrayList<>();
    for (ErrorCode c : ErrorCode.values()) {
      keys.add(new Key(c.code(), null));
      c.variants().forEach(v -> keys.add(new Key(c.code(), v)));
    }
    for (ConversionError c : ConversionError.values()) {
      keys.add(new Key(c.code(), null));
      c.variants().forEach(v -> keys.add(new Key(c.code(), v)));
    }
    return keys.stream().distinct().toList();
  }

  static Stream<Arguments> everyKeyInEveryLanguage() {
    return keys().stream().flatMap(k -> Messages.LANGUAGES.stream().map(lang -> Arguments.of(k, lang)));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("everyKeyInEveryLanguage")
  void everyCodeAndVariantHasATitleAndAParameterCompleteDetail(Key key, String language) {
    Map<String, String> catalogue = MESSAGES.catalogue(language);
    assertThat(catalogue.get("title." + key.code())).as("title of %s in %s", key.code(), language).isNotBlank();
    String template = catalogue.get(key.detail());
    assertThat(template).as("%s in %s", key.detail(), language).isNotBlank();
    Set<String> english = placeholders(MESSAGES.catalogue("en").get(key.detail()));
    assertThat(placeholders(template)).as("parameters of %s in %s, against English", key.detail(), language)
        .isEqualTo(english);

    Map<String, Object> sample = new LinkedHashMap<>();
    english.forEach(name -> sample.put(name, name.equals("sheets") || name.equals("columns") ? List.of("A", "B") : 7));
    String rendered = Messages.render(language, template, sample);
    assertThat(Messages.PLACEHOLDER.matcher(rendered).find()).as("%s in %s: %s", key.detail(), language, rendered)
        .isFalse();
  }

  @Test
  void theCataloguesHoldTheSameKeysAndNoneThatNoCodeUses() {
    Set<String> known = new TreeSet<>();
    keys().forEach(k -> {
      known.add("title." + k.code());
      known.add(k.detail());
    });
    for (String language : Messages.LANGUAGES) {
      assertThat(new TreeSet<>(MESSAGES.catalogue(language).keySet())).as("keys of %s", language).isEqualTo(known);
    }
  }

  @Test
  void aFailureReadsInTheLanguageWithItsParameters() {
    Failure f = new Failure(ErrorCode.UNUSABLE_FILE, "too_many_columns", "row", Map.of("row", 2002, "limit", 1024),
        "Row 2002 has more than 1024 columns (the limit).");
    assertThat(MESSAGES.detail("pt-BR", f)).isEqualTo("A linha 2.002 tem mais de 1.024 colunas (o limite).");
    assertThat(MESSAGES.detail("en", f)).isEqualTo("Row 2,002 has more than 1,024 columns (the limit).");
    assertThat(MESSAGES.detail("es", f)).isEqualTo("La fila 2002 tiene más de 1024 columnas (el límite).");
    assertThat(MESSAGES.title("pt-BR", f)).isEqualTo(MESSAGES.catalogue("pt-BR").get("title.too_many_columns"));
  }

  @Test
  void aVariantNoCatalogueKnowsFallsBackToItsCodesOwnWords() {
    Failure f = new Failure(ErrorCode.NOT_FOUND, "not_found", "no_such_variant", Map.of(), "x");
    assertThat(MESSAGES.detail("pt-BR", f)).isEqualTo(MESSAGES.catalogue("pt-BR").get("detail.not_found"));
  }

  @Test
  void anUndeclaredVariantIsRefusedWhereItIsMade() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Failure.with(ErrorCode.NOT_FOUND, "nope", Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("declare it in ErrorCode");
  }

  @ParameterizedTest(name = "\"{0}\" reads {1}")
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "null | en",
      "'' | en",
      "pt-BR | pt-BR",
      "pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7 | pt-BR",
      "pt | pt-BR",
      "pt-PT | pt-BR",
      "en-US,en;q=0.9 | en",
      "es-AR | es",
      "es-419,es;q=0.9 | es",
      "fr-FR, es;q=0.5, en;q=0.4 | es",
      "en;q=0.1, pt;q=0.9 | pt-BR",
      "pt;q=0, es | es",
      "* | en",
      "de, ja | en",
      "not a ;; language=== | en",
  })
  void theLanguageFollowsAcceptLanguageAndItsWeights(String header, String expected) {
    assertThat(Messages.language(header)).isEqualTo(expected);
  }

  private static Set<String> placeholders(String template) {
    Set<String> names = new TreeSet<>();
    if (template != null) {
      Matcher m = Messages.PLACEHOLDER.matcher(template);
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }
}
