package com.ghldata.tools.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated mix, measured on 10,000 rows of the Portuguese layout. */
class ContactMixTest {
  private static final int ROWS = 10_000;
  // PORTUGUESE columns
  private static final int NAME = 0;
  private static final int EMAIL = 1;
  private static final int PHONE = 2;
  private static final int PHONE_2 = 3;
  private static final int CEP = 8;
  private static final int BIRTH = 9;
  private static final int TAGS = 10;

  private static final Set<String> BR_AREA_CODES = Set.of(
      "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "22", "24", "27", "28", "31", "32",
      "33", "34", "35", "37", "38", "41", "42", "43", "44", "45", "46", "47", "48", "49", "51", "53",
      "54", "55", "61", "62", "63", "64", "65", "66", "67", "68", "69", "71", "73", "74", "75", "77",
      "79", "81", "82", "83", "84", "85", "86", "87", "88", "89", "91", "92", "93", "94", "95", "96",
      "97", "98", "99");
  /** US, Portuguese and Argentine shapes the generator writes. */
  private static final Pattern INTERNATIONAL = Pattern.compile(
      "\\+1[ (0-9].*|\\(\\d{3}\\) \\d{3}-\\d{4}|\\d{3}\\.\\d{3}\\.\\d{4}|1-\\d{3}-\\d{3}-\\d{4}"
          + "|\\(?\\+351\\)?.*|00351 .*|9\\d\\d \\d{3} \\d{3}|\\+54.*|0\\d{2,3} 15-.*");

  private static final Pattern ACCENTED = Pattern.compile(".*[áâãàéêíóôõúçÁÂÃÉÊÍÓÔÕÚÇ].*");
  private static final Pattern PARTICLE = Pattern.compile(".* (da|de|do|das|dos) .*");
  private static final Pattern CEP_WITH_DASH = Pattern.compile("\\d{5}-\\d{3}");
  private static final Pattern CEP_DIGITS = Pattern.compile("\\d{8}");
  private static final Pattern CEP_SEVEN_DIGITS = Pattern.compile("[1-9]\\d{6}");
  private static final Pattern DAY_MONTH_YEAR = Pattern.compile("\\d\\d/\\d\\d/\\d{4}");
  private static final Pattern DAY_MONTH_SHORT_YEAR = Pattern.compile("\\d\\d/\\d\\d/\\d\\d");

  private static String[][] rows;

  @BeforeAll
  static void generate() {
    ContactFileGenerator generator = new ContactFileGenerator(20_240_601);
    rows = new String[ROWS][];
    for (int i = 0; i < ROWS; i++) {
      rows[i] = generator.row(i, Layout.PORTUGUESE);
    }
  }

  @Test
  void aboutOneRowInAHundredIsBlank() {
    assertThat(share(r -> String.join("", r).isEmpty())).isBetween(0.005, 0.02);
  }

  @Test
  void aboutOneRowInAHundredHasNoNameEmailOrPhoneButOtherData() {
    double share = share(r -> r[NAME].isEmpty() && r[EMAIL].isEmpty() && r[PHONE].isEmpty()
        && r[PHONE_2].isEmpty() && !String.join("", r).isEmpty());
    assertThat(share).isBetween(0.005, 0.02);
  }

  @Test
  void aboutOneEmailInTenIsBlankAndOneInFifteenInvalid() {
    assertThat(share(r -> r[EMAIL].isEmpty())).isBetween(0.10, 0.16);
    assertThat(share(r -> !r[EMAIL].isEmpty() && !validEmail(firstEmail(r[EMAIL])))).isBetween(0.05, 0.09);
  }

  @Test
  void emailsComeInMixedCaseWithSpacesAndMailtoPrefixes() {
    assertThat(share(r -> validEmail(firstEmail(r[EMAIL])) && !r[EMAIL].equals(r[EMAIL].toLowerCase(Locale.ROOT))))
        .isBetween(0.05, 0.25);
    assertThat(count(r -> r[EMAIL].startsWith(" ") || r[EMAIL].endsWith(" "))).isGreaterThan(100);
    assertThat(count(r -> r[EMAIL].toLowerCase(Locale.ROOT).startsWith("mailto:"))).isGreaterThan(50);
    assertThat(count(r -> r[EMAIL].contains("@") && r[EMAIL].contains("; "))).isGreaterThan(10);
  }

  @Test
  void mostPhonesAreBrazilianAndNearlyAllOfThoseAreValid() {
    assertThat(share(r -> brazilianNumber(r[PHONE]) != null)).isBetween(0.65, 0.85);

    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    int brazilian = 0;
    int valid = 0;
    for (String[] r : rows) {
      String national = brazilianNumber(r[PHONE]);
      if (national != null) {
        brazilian++;
        valid += isValid(util, "+55" + national) ? 1 : 0;
      }
    }
    // the invalid rest are legacy 8-digit mobiles, which the converter repairs
    assertThat((double) valid / brazilian).isGreaterThan(0.92);
  }

  @Test
  void aboutOnePhoneInTenIsInternationalAndOneInTwentyGarbage() {
    assertThat(share(r -> INTERNATIONAL.matcher(r[PHONE]).matches())).isBetween(0.07, 0.14);
    assertThat(share(r -> !r[PHONE].isEmpty() && brazilianNumber(r[PHONE]) == null
        && !INTERNATIONAL.matcher(r[PHONE]).matches())).isBetween(0.03, 0.09);
  }

  @Test
  void phonesComeInEveryBrazilianShape() {
    Map<String, Pattern> shapes = new HashMap<>();
    shapes.put("(11) 98765-4321", Pattern.compile("\\(\\d\\d\\) 9\\d{4}-\\d{4}"));
    shapes.put("11987654321", Pattern.compile("\\d\\d9\\d{8}"));
    shapes.put("5511987654321", Pattern.compile("55\\d\\d9\\d{8}"));
    shapes.put("+55 11 98765-4321", Pattern.compile("\\+55 \\d\\d 9\\d{4}-\\d{4}"));
    shapes.put("55 11 98765 4321", Pattern.compile("55 \\d\\d 9\\d{4} \\d{4}"));
    shapes.put("055 11 9 8765 4321", Pattern.compile("055 \\d\\d 9 \\d{4} \\d{4}"));
    shapes.put("legacy (11) 8765-4321", Pattern.compile("\\(\\d\\d\\) [6-9]\\d{3}-\\d{4}"));
    shapes.put("landline (11) 3456-7890", Pattern.compile("\\(\\d\\d\\) [2-5]\\d{3}-\\d{4}"));
    shapes.put("two phones", Pattern.compile(".*\\d{4}( / |; | e |, | ou )\\(.*"));
    shapes.put("ramal", Pattern.compile(".*\\d (- )?([Rr]amal:?|r\\.|ext\\.) \\d+"));
    shapes.forEach((name, pattern) ->
        assertThat(count(r -> pattern.matcher(r[PHONE]).matches())).as(name).isGreaterThan(15));
  }

  @Test
  void aboutOneRowInTwentyRepeatsAnEarlierPersonWrittenDifferently() {
    Map<String, String> emails = new HashMap<>();
    Map<String, String> phones = new HashMap<>();
    int repeats = 0;
    int emailWrittenDifferently = 0;
    int phoneWrittenDifferently = 0;
    for (String[] r : rows) {
      String email = validEmail(firstEmail(r[EMAIL])) ? firstEmail(r[EMAIL]) : null;
      String phone = brazilianNumber(r[PHONE]);
      String earlierEmail = email == null ? null : emails.get(email);
      String earlierPhone = phone == null ? null : phones.get(phone);
      if (earlierEmail != null || earlierPhone != null) {
        repeats++;
        emailWrittenDifferently += earlierEmail != null && !earlierEmail.equals(r[EMAIL]) ? 1 : 0;
        phoneWrittenDifferently += earlierPhone != null && !earlierPhone.equals(r[PHONE]) ? 1 : 0;
      }
      if (email != null) {
        emails.putIfAbsent(email, r[EMAIL]);
      }
      if (phone != null) {
        phones.putIfAbsent(phone, r[PHONE]);
      }
    }
    assertThat((double) repeats / ROWS).isBetween(0.03, 0.08);
    assertThat(emailWrittenDifferently).isGreaterThan(100);
    assertThat(phoneWrittenDifferently).isGreaterThan(50);
  }

  @Test
  void namesComeWithAccentsParticlesAndEveryCase() {
    Predicate<String[]> named = r -> r[NAME].chars().anyMatch(Character::isLetter);
    assertThat(share(r -> named.test(r) && r[NAME].equals(r[NAME].toUpperCase(Locale.ROOT)))).isBetween(0.05, 0.15);
    assertThat(share(r -> named.test(r) && r[NAME].equals(r[NAME].toLowerCase(Locale.ROOT)))).isBetween(0.04, 0.12);
    assertThat(share(r -> ACCENTED.matcher(r[NAME]).matches())).isGreaterThan(0.25);
    assertThat(count(r -> PARTICLE.matcher(r[NAME]).matches())).isGreaterThan(1000);
    assertThat(count(r -> !r[NAME].equals(r[NAME].strip()) || r[NAME].contains("  "))).isGreaterThan(100);
  }

  @Test
  void cepsComeWithAndWithoutDashAndSometimesWithoutTheirLeadingZero() {
    assertThat(share(r -> CEP_WITH_DASH.matcher(r[CEP]).matches())).isGreaterThan(0.3);
    assertThat(count(r -> CEP_DIGITS.matcher(r[CEP]).matches())).isGreaterThan(300);
    assertThat(count(r -> CEP_SEVEN_DIGITS.matcher(r[CEP]).matches())).isGreaterThan(20);
  }

  @Test
  void datesOfBirthAreMostlyBrazilianDayMonthYear() {
    assertThat(share(r -> DAY_MONTH_YEAR.matcher(r[BIRTH]).matches())).isBetween(0.25, 0.40);
    assertThat(count(r -> DAY_MONTH_SHORT_YEAR.matcher(r[BIRTH]).matches())).isGreaterThan(50);
  }

  @Test
  void tagsSometimesHoldPeriodsAndSomeCellsAreFormulas() {
    assertThat(count(r -> r[TAGS].contains("."))).isGreaterThan(300);
    Set<Integer> formulaRows = new HashSet<>();
    for (int i = 0; i < ROWS; i++) {
      for (int k = 0; k < rows[i].length; k++) {
        String cell = rows[i][k];
        if (k != PHONE && k != PHONE_2 && !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0) {
          formulaRows.add(i);
        }
      }
    }
    assertThat(formulaRows.size()).isBetween(10, 100);
  }

  /** --people US: every person is American, so every phone that is not garbage is a +1 number. */
  @Test
  void usPeopleHaveAmericanPhonesOnly() throws NumberParseException {
    ContactFileGenerator generator = new ContactFileGenerator(20_240_601, People.US);
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    int phones = 0;
    int american = 0;
    for (int i = 0; i < 2_000; i++) {
      String phone = generator.row(i, Layout.PORTUGUESE)[PHONE];
      if (phone.isEmpty() || !INTERNATIONAL.matcher(phone).matches()) {
        continue;
      }
      phones++;
      american += util.parse(phone, "US").getCountryCode() == 1 ? 1 : 0;
    }
    assertThat(phones).isGreaterThan(1_500);
    assertThat(american).isEqualTo(phones);
    // and the default stays Brazilian-heavy, row for row as before
    assertThat(new ContactFileGenerator(20_240_601, People.BRAZIL).row(7, Layout.PORTUGUESE)).isEqualTo(rows[7]);
  }

  private static long count(Predicate<String[]> test) {
    long n = 0;
    for (String[] r : rows) {
      n += test.test(r) ? 1 : 0;
    }
    return n;
  }

  private static double share(Predicate<String[]> test) {
    return (double) count(test) / ROWS;
  }

  /** The first address of the cell, trimmed, lower-cased and without "mailto:". */
  private static String firstEmail(String cell) {
    String e = cell.strip().toLowerCase(Locale.ROOT);
    if (e.startsWith("mailto:")) {
      e = e.substring(7);
    }
    for (String separator : List.of("; ", ", ", " / ")) {
      int at = e.indexOf(separator);
      if (at > 0) {
        e = e.substring(0, at);
      }
    }
    return e;
  }

  private static boolean validEmail(String e) {
    int at = e.indexOf('@');
    if (at <= 0 || at != e.lastIndexOf('@') || e.contains(" ") || e.contains("..") || e.contains(",")) {
      return false;
    }
    String domain = e.substring(at + 1);
    return domain.indexOf('.') > 0 && !domain.endsWith(".");
  }

  /** The national number (area code + subscriber) of a cell's first Brazilian phone, else null. */
  private static String brazilianNumber(String cell) {
    if (cell.startsWith("+") && !cell.startsWith("+55") || INTERNATIONAL.matcher(cell).matches()) {
      return null;
    }
    String first = cell;
    for (String separator : List.of(" / ", "; ", " e ", ", ", " ou ")) {
      int at = first.indexOf(separator);
      if (at > 0) {
        first = first.substring(0, at);
      }
    }
    StringBuilder digits = new StringBuilder();
    for (char c : first.toCharArray()) {
      if (Character.isLetter(c)) {
        break; // "ramal 12", "ext. 3"
      }
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    String d = digits.toString();
    if (d.startsWith("055") && d.length() >= 13) {
      d = d.substring(3);
    } else if (d.startsWith("55") && d.length() >= 12) {
      d = d.substring(2);
    } else if (d.startsWith("0") && d.length() >= 11) {
      d = d.substring(1);
    }
    boolean shaped = (d.length() == 11 && d.charAt(2) == '9') || (d.length() == 10 && d.charAt(2) >= '2');
    return shaped && BR_AREA_CODES.contains(d.substring(0, 2)) ? d : null;
  }

  private static boolean isValid(PhoneNumberUtil util, String e164) {
    try {
      return util.isValidNumber(util.parse(e164, "BR"));
    } catch (NumberParseException e) {
      return false;
    }
  }
}
