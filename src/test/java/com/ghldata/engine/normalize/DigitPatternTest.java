package com.ghldata.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DigitPatternTest {

  @ParameterizedTest(name = "{0} on \"{1}\": matches={2}, some prefix={3}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          # pattern                                      ; input        ; matches ; some prefix matches
          (?:[14689][1-9]|2[12478])(?:7|9\\d)\\d{7}       ; 11987654321  ; true    ; true
          (?:[14689][1-9]|2[12478])(?:7|9\\d)\\d{7}       ; 10987654321  ; false   ; false
          (?:[14689][1-9]|2[12478])(?:7|9\\d)\\d{7}       ; 119876543210 ; false   ; true
          \\d{2,4}                                        ; 1            ; false   ; false
          \\d{2,4}                                        ; 12345        ; false   ; true
          \\d{3,}                                         ; 1234567890   ; true    ; true
          [^0]\\d?                                        ; 05           ; false   ; false
          (?:0|90)(?:(1[245]|2[1-35]|31)(\\d{10,11}))?    ; 0            ; true    ; true
          (?:0|90)(?:(1[245]|2[1-35]|31)(\\d{10,11}))?    ; 9012         ; false   ; true
          (?:0|90)(?:(1[245]|2[1-35]|31)(\\d{10,11}))?    ; 11           ; false   ; false
          0??1                                            ; 1            ; true    ; true
          \\d{6}?                                         ; 123456       ; true    ; true
          ''                                              ; ''           ; true    ; true
          """)
  void answersLikeJavaRegex(String regex, String input, boolean matches, boolean prefix) {
    DigitPattern pattern = DigitPattern.compile(regex == null ? "" : regex);
    String digits = input == null ? "" : input;

    assertThat(pattern).isNotNull();
    assertThat(pattern.matches(digits)).isEqualTo(matches);
    assertThat(pattern.matchesSomePrefix(digits)).isEqualTo(prefix);
  }

  @ParameterizedTest
  @ValueSource(strings = {"([2-9]\\d{6})$|1", "(?=1)\\d", "\\w+", "a", "\\d*+1", "[a-z]", "\\d{1000}", "(1"})
  void declinesSyntaxOutsideItsSubset(String regex) {
    assertThat(DigitPattern.compile(regex)).isNull();
  }

  @Test
  void nonDigitsNeverMatch() {
    DigitPattern pattern = DigitPattern.compile("\\d+");

    assertThat(pattern.matches("12a")).isFalse();
    assertThat(pattern.matches("+12")).isFalse();
  }

  /**
   * Every pattern of libphonenumber's metadata (number types, national prefixes, international
   * prefixes) against its example numbers, their prefixes, extensions and one-digit mutations, and
   * random digit strings: where DigitPattern compiles a pattern it must agree with java.util.regex.
   */
  @Test
  void agreesWithJavaRegexOnAllOfLibphonenumbersMetadata() {
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    var source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
    Random random = new Random(5L);
    List<String> disagreements = new ArrayList<>();
    int compiled = 0;
    int patterns = 0;
    for (String region : new TreeSet<>(util.getSupportedRegions())) {
      PhoneMetadata metadata = source.getMetadataForRegion(region);
      Set<String> regexes = new LinkedHashSet<>();
      Set<String> inputs = new LinkedHashSet<>();
      for (PhoneNumberDesc desc : descriptions(metadata)) {
        regexes.add(desc.getNationalNumberPattern());
        if (desc.hasExampleNumber()) {
          addVariants(random, desc.getExampleNumber(), inputs);
          addVariants(random, metadata.getNationalPrefix() + desc.getExampleNumber(), inputs);
        }
      }
      regexes.add(metadata.getNationalPrefixForParsing());
      regexes.add(metadata.getInternationalPrefix());
      for (int i = 0; i < 300; i++) {
        inputs.add(randomDigits(random, random.nextInt(18)));
      }
      regexes.remove("");
      for (String regex : regexes) {
        patterns++;
        DigitPattern automaton = DigitPattern.compile(regex);
        if (automaton == null) {
          continue;
        }
        compiled++;
        Pattern java = Pattern.compile(regex);
        for (String input : inputs) {
          boolean matches = java.matcher(input).matches();
          boolean prefix = java.matcher(input).lookingAt();
          if (automaton.matches(input) != matches || automaton.matchesSomePrefix(input) != prefix) {
            disagreements.add(region + " " + regex + " on " + input);
          }
        }
      }
    }

    assertThat(disagreements).isEmpty();
    // Only the NANP-style national prefixes with '$' are outside the subset.
    assertThat(compiled).isGreaterThan(patterns * 95 / 100);
  }

  private static List<PhoneNumberDesc> descriptions(PhoneMetadata m) {
    return List.of(
        m.getGeneralDesc(), m.getFixedLine(), m.getMobile(), m.getTollFree(), m.getPremiumRate(),
        m.getSharedCost(), m.getVoip(), m.getPersonalNumber(), m.getPager(), m.getUan(),
        m.getVoicemail());
  }

  private static void addVariants(Random random, String example, Set<String> inputs) {
    inputs.add(example);
    for (int cut = 0; cut < example.length(); cut++) {
      inputs.add(example.substring(0, cut));
    }
    inputs.add(example + random.nextInt(10));
    inputs.add(example + randomDigits(random, 3));
    for (int i = 0; i < 10 && !example.isEmpty(); i++) {
      int at = random.nextInt(example.length());
      inputs.add(example.substring(0, at) + random.nextInt(10) + example.substring(at + 1));
    }
  }

  private static String randomDigits(Random random, int length) {
    StringBuilder digits = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      digits.append((char) ('0' + random.nextInt(10)));
    }
    return digits.toString();
  }
}
