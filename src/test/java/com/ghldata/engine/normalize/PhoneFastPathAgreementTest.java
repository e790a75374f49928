package com.ghldata.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The fast path must say exactly what libphonenumber says. Every generated input goes through
 * {@link PhoneNormalizer#normalize} and through {@link PhoneNormalizer#normalizeSlow}, which uses
 * libphonenumber alone; any difference fails with the inputs that differ. The inputs are the shapes
 * of real spreadsheets (Brazilian area codes valid and not, 8 to 13 digits, +55 / 55 / 0 / 055 /
 * carrier-code prefixes, separators) and, so that the test cannot pass by never taking the fast
 * path, each test also checks that the fast path decided most of its inputs itself.
 */
class PhoneFastPathAgreementTest {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final int GENERATED = 200_000;

  private final PhoneNormalizer fixing = new PhoneNormalizer("BR", true);
  private final PhoneNormalizer notFixing = new PhoneNormalizer("BR", false);

  @Test
  void generatedBrazilHeavyCellsAgreeWithLibphonenumber() {
    Random random = new Random(20240611L);
    Disagreements disagreements = new Disagreements();
    int decidedByFastPath = 0;
    for (int i = 0; i < GENERATED; i++) {
      String input = random.nextInt(20) == 0 ? generateCell(random) : generatePhone(random);
      String region = generateRegion(random);
      PhoneNormalizer normalizer = (i & 1) == 0 ? fixing : notFixing;
      disagreements.compare(normalizer, input, region);
      if (normalizer.decidedByFastPath(input, region)) {
        decidedByFastPath++;
      }
    }

    assertThat(disagreements.found).as(disagreements.summary()).isEmpty();
    assertThat(decidedByFastPath).as("inputs the fast path decided").isGreaterThan(GENERATED * 3 / 4);
  }

  @Test
  void everyAreaCodeAndFirstDigitAgreesWithLibphonenumber() {
    Random random = new Random(7L);
    Disagreements disagreements = new Disagreements();
    for (int area = 0; area <= 99; area++) {
      for (int first = 0; first <= 9; first++) {
        for (int subscriberLength = 7; subscriberLength <= 10; subscriberLength++) {
          String subscriber = first + digits(random, subscriberLength - 1);
          String national = String.format("%02d", area) + subscriber;
          for (String input : List.of(national, "+55" + national, "55" + national, "0" + national)) {
            disagreements.compare(fixing, input, "BR");
            disagreements.compare(notFixing, input, "BR");
            if (!input.startsWith("00")) { // 00 + carrier is Brazil's international prefix: slow
              assertThat(fixing.decidedByFastPath(input, "BR")).as(input).isTrue();
            }
          }
        }
      }
    }

    assertThat(disagreements.found).as(disagreements.summary()).isEmpty();
  }

  /**
   * Every region libphonenumber knows, with its own example numbers of every type, written national,
   * with +CC and with the CC but no +: the fast path replays metadata of any single-region calling
   * code, so it must agree everywhere, not only in Brazil.
   */
  @Test
  void exampleNumbersOfEveryRegionAgreeWithLibphonenumber() {
    Random random = new Random(99L);
    Disagreements disagreements = new Disagreements();
    int decidedByFastPath = 0;
    int total = 0;
    for (String region : new TreeSet<>(UTIL.getSupportedRegions())) {
      PhoneNormalizer normalizer = new PhoneNormalizer(region, true);
      for (PhoneNumber example : exampleNumbers(region)) {
        String nsn = UTIL.getNationalSignificantNumber(example);
        String cc = Integer.toString(example.getCountryCode());
        List<String> inputs =
            List.of(
                UTIL.format(example, PhoneNumberFormat.NATIONAL),
                UTIL.format(example, PhoneNumberFormat.INTERNATIONAL),
                nsn,
                "+" + cc + nsn,
                cc + nsn,
                "+" + cc + mutate(random, nsn),
                mutate(random, nsn));
        for (String input : inputs) {
          disagreements.compare(normalizer, input, region);
          disagreements.compare(fixing, input, region);
          total++;
          if (fixing.decidedByFastPath(input, region)) {
            decidedByFastPath++;
          }
        }
      }
    }

    assertThat(disagreements.found).as(disagreements.summary()).isEmpty();
    assertThat(decidedByFastPath).as("inputs the fast path decided").isGreaterThan(total / 2);
  }

  /**
   * Calling codes shared by several regions (+1 US, Canada and the Caribbean; +44 with Guernsey,
   * Jersey and Man; +7 Russia and Kazakhstan; …): the fast path must pick the region libphonenumber
   * picks and agree on validity, with the number written with +, with the code but no +, and
   * national in every region of the code as the default region.
   */
  @Test
  void sharedCallingCodesAgreeWithLibphonenumber() {
    Random random = new Random(1L);
    Disagreements disagreements = new Disagreements();
    int decidedByFastPath = 0;
    int total = 0;
    int sharedCodes = 0;
    for (int code : new TreeSet<>(UTIL.getSupportedCallingCodes())) {
      List<String> regions = UTIL.getRegionCodesForCountryCode(code);
      if (regions.size() < 2) {
        continue;
      }
      sharedCodes++;
      String cc = Integer.toString(code);
      List<String> nationals = new ArrayList<>();
      for (String region : regions) {
        for (PhoneNumber example : exampleNumbers(region)) {
          String nsn = UTIL.getNationalSignificantNumber(example);
          nationals.add(nsn);
          nationals.add(mutate(random, nsn));
          nationals.add(nsn.substring(0, Math.min(3, nsn.length())) + digits(random, Math.max(0, nsn.length() - 3)));
        }
      }
      for (int i = 0; i < 200; i++) {
        nationals.add(digits(random, 6 + random.nextInt(7)));
      }
      for (String nsn : nationals) {
        String region = regions.get(random.nextInt(regions.size()));
        PhoneNormalizer normalizer = new PhoneNormalizer(region, true);
        String spaced = nsn.length() > 6
            ? "(" + nsn.substring(0, 3) + ") " + nsn.substring(3, 6) + "-" + nsn.substring(6)
            : nsn;
        for (String input : List.of("+" + cc + " " + spaced, "+" + cc + nsn, cc + nsn, nsn, spaced)) {
          disagreements.compare(normalizer, input, region);
          disagreements.compare(fixing, input, "BR");
          total++;
          if (normalizer.decidedByFastPath(input, region)) {
            decidedByFastPath++;
          }
        }
      }
    }

    assertThat(sharedCodes).as("calling codes with several regions").isGreaterThan(5);
    assertThat(disagreements.found).as(disagreements.summary()).isEmpty();
    assertThat(decidedByFastPath).as("inputs the fast path decided").isGreaterThan(total * 9 / 10);
  }

  // ---------------------------------------------------------------- generators

  /** libphonenumber's example number of every type the region has one for. */
  private static List<PhoneNumber> exampleNumbers(String region) {
    List<PhoneNumber> examples = new ArrayList<>();
    for (PhoneNumberType type : PhoneNumberType.values()) {
      PhoneNumber example = UTIL.getExampleNumberForType(region, type);
      if (example != null) {
        examples.add(example);
      }
    }
    return examples;
  }

  private static final String[] BRAZIL_AREA_CODES = {
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "22", "24", "27", "28", "31", "32",
    "33", "34", "35", "37", "38", "41", "42", "43", "44", "45", "46", "47", "48", "49", "51", "53",
    "54", "55", "61", "62", "63", "64", "65", "66", "67", "68", "69", "71", "73", "74", "75", "77",
    "79", "81", "82", "83", "84", "85", "86", "87", "88", "89", "91", "92", "93", "94", "95", "96",
    "97", "98", "99"
  };

  private static String generateRegion(Random random) {
    int k = random.nextInt(100);
    if (k < 70) {
      return "BR";
    }
    if (k < 85) {
      return null;
    }
    return new String[] {"PT", "AR", "US", "DE", "MX", "br"}[random.nextInt(6)];
  }

  private static String generateCell(Random random) {
    String separator =
        new String[] {" / ", ";", ", ", " | ", "\n", " ou ", " e ", " or ", "/"}[random.nextInt(9)];
    return generatePhone(random) + separator + generatePhone(random);
  }

  /** One phone as people type it: random prefix, national digits of many lengths, separators. */
  private static String generatePhone(Random random) {
    String area =
        random.nextInt(5) == 0
            ? digits(random, 2)
            : BRAZIL_AREA_CODES[random.nextInt(BRAZIL_AREA_CODES.length)];
    String subscriber = subscriber(random);
    String prefix =
        switch (random.nextInt(16)) {
          case 0, 1, 2, 3, 4, 5 -> "";
          case 6, 7 -> "+55 ";
          case 8 -> "55 ";
          case 9 -> "0";
          case 10 -> "055 ";
          case 11 -> "0" + new String[] {"15", "21", "31", "41", "12", "99", "00"}[random.nextInt(7)] + " ";
          case 12 -> "+" + new String[] {"351", "54", "1", "44", "49", "595", "0", "999"}[random.nextInt(8)] + " ";
          case 13 -> "00" + digits(random, random.nextInt(3)) + " ";
          case 14 -> "+";
          default -> digits(random, random.nextInt(4));
        };
    if (random.nextInt(12) == 0) {
      return prefix + digits(random, 1 + random.nextInt(18));
    }
    String body =
        switch (random.nextInt(8)) {
          case 0 -> "(" + area + ") " + split(subscriber, "-");
          case 1 -> area + subscriber;
          case 2 -> area + " " + split(subscriber, " ");
          case 3 -> area + "." + split(subscriber, ".");
          case 4 -> "(" + area + ")" + subscriber;
          case 5 -> area + "-" + split(subscriber, "-");
          case 6 -> area + " " + subscriber.charAt(0) + " " + split(subscriber.substring(1), " ");
          default -> "(" + area + ") " + subscriber;
        };
    String suffix =
        switch (random.nextInt(20)) {
          case 0 -> ".0";
          case 1 -> " ramal " + digits(random, 3);
          case 2 -> " x" + digits(random, 2);
          case 3 -> " (cel)";
          default -> "";
        };
    return (random.nextInt(30) == 0 ? "Tel: " : "") + prefix + body + suffix;
  }

  /** 6 to 11 digits, first digit biased to the ranges that matter: 9 (mobile), 2-5, 6-8 (legacy). */
  private static String subscriber(Random random) {
    int length =
        switch (random.nextInt(10)) {
          case 0 -> 6 + random.nextInt(6);
          case 1, 2, 3 -> 8;
          default -> 9;
        };
    char first =
        switch (random.nextInt(6)) {
          case 0, 1 -> '9';
          case 2 -> (char) ('2' + random.nextInt(4));
          case 3 -> (char) ('6' + random.nextInt(3));
          default -> (char) ('0' + random.nextInt(10));
        };
    return first + digits(random, length - 1);
  }

  private static String split(String subscriber, String separator) {
    int cut = subscriber.length() - 4;
    return cut <= 0 ? subscriber : subscriber.substring(0, cut) + separator + subscriber.substring(cut);
  }

  private static String digits(Random random, int count) {
    StringBuilder digits = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      digits.append((char) ('0' + random.nextInt(10)));
    }
    return digits.toString();
  }

  /** The example number with one digit changed, dropped or added: near-valid numbers. */
  private static String mutate(Random random, String nsn) {
    int at = random.nextInt(nsn.length());
    char digit = (char) ('0' + random.nextInt(10));
    return switch (random.nextInt(3)) {
      case 0 -> nsn.substring(0, at) + digit + nsn.substring(at + 1);
      case 1 -> nsn.substring(0, at) + nsn.substring(at + 1);
      default -> nsn.substring(0, at) + digit + nsn.substring(at);
    };
  }

  private static final class Disagreements {
    final List<String> found = new ArrayList<>();
    int count;

    void compare(PhoneNormalizer normalizer, String input, String region) {
      PhoneCell fast = normalizer.normalize(input, region);
      PhoneCell reference = normalizer.normalizeSlow(input, region);
      if (!fast.equals(reference)) {
        count++;
        if (found.size() < 20) {
          found.add("'" + input + "' (" + region + "): fast " + fast + " libphonenumber " + reference);
        }
      }
    }

    String summary() {
      return count + " inputs where the fast path and libphonenumber disagree";
    }
  }
}
