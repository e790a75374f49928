package com.ghldata.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TagNormalizerTest {

  static Stream<Arguments> cells() {
    return Stream.of(
        arguments("vip", List.of("vip")),
        arguments("VIP, Lead", List.of("vip", "lead")),
        arguments("cliente; lead | evento", List.of("cliente", "lead", "evento")),
        arguments("cliente\nlead\r\nevento", List.of("cliente", "lead", "evento")),
        arguments("\"vip\",\"lead\"", List.of("vip", "lead")), // Mailchimp
        arguments("'vip', “lead”", List.of("vip", "lead")),
        arguments("* myContacts ::: Clientes ::: Família", List.of("clientes", "família")), // Google Contacts
        arguments("* My Contacts ::: * Starred", List.of("starred")),
        arguments("Amigos:::Trabalho", List.of("amigos", "trabalho")),
        arguments("V.I.P.", List.of("vip")), // GHL would split it on the dots
        arguments("lista 2.0", List.of("lista 20")),
        arguments("  novo    cliente  ", List.of("novo cliente")),
        arguments("novo\u00A0cliente", List.of("novo cliente")),
        arguments("AÇÃO, ação", List.of("ação")),
        arguments("vip, VIP, Vip", List.of("vip")),
        arguments("lead,,;, ,", List.of("lead")),
        arguments("...", List.of()),
        arguments("source: facebook", List.of("source: facebook")),
        arguments("", List.of()),
        arguments(null, List.of()));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("cells")
  void splits_and_normalizes_the_tags_of_one_cell(String raw, List<String> expected) {
    Set<String> tags = new LinkedHashSet<>();

    TagNormalizer.addTags(raw, tags);

    assertThat(tags).containsExactlyElementsOf(expected);
  }

  @Test
  void adds_only_new_tags_keeping_the_first_order() {
    Set<String> tags = new LinkedHashSet<>();

    TagNormalizer.addTags("lead, vip", tags);
    TagNormalizer.addTags("Cliente, LEAD", tags);
    TagNormalizer.addTags("importado-2025", tags);

    assertThat(tags).containsExactly("lead", "vip", "cliente", "importado-2025");
  }

  @Test
  void joins_tags_as_ghl_reads_them() {
    assertThat(TagNormalizer.join(List.of("lead", "vip", "novo cliente"))).isEqualTo("lead, vip, novo cliente");
    assertThat(TagNormalizer.join(List.of())).isEmpty();
  }

  @Test
  void refuses_a_null_set() {
    assertThatThrownBy(() -> TagNormalizer.addTags("vip", null)).isInstanceOf(NullPointerException.class);
  }

  /** The quick path for plain tags answers what the careful one does, whatever the text. */
  @Test
  void plainTagsTakeAShortcutThatAgreesWithTheCarefulPath() {
    java.util.Random random = new java.util.Random(5);
    String alphabet = "aZ9-_  .\"'*\u00A0\u200Béç\t";
    for (int n = 0; n < 50_000; n++) {
      StringBuilder sb = new StringBuilder();
      for (int k = random.nextInt(10); k > 0; k--) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = sb.toString();
      assertThat(TagNormalizer.tag(s, 0, s.length())).as("'%s'", s).isEqualTo(TagNormalizer.cleanTag(s, 0, s.length()));
    }
    assertThat(TagNormalizer.tag(" Lead Quente ", 0, 13)).isEqualTo("lead quente");
  }
}
