package com.ghldata.engine.normalize;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Dates of birth to {@code YYYY-MM-DD}, the only form GHL reads without guessing.
 *
 * <p>Accepted: numeric dates with {@code / - .} or spaces ({@code 31/12/1990}, {@code 1990-12-31},
 * {@code 1/2/1990}, {@code 31/12/90}), the same followed by a time ({@code 1990-12-31T00:00:00Z},
 * {@code 12/31/1990 12:00 AM}), compact {@code 19901231}, Excel serial numbers written as text
 * ({@code 33238} → 1990-12-31), and month names or abbreviations in Portuguese, English and Spanish
 * ({@code 31 de dezembro de 1990}, {@code Dec 31, 1990}, {@code 31-DIC-90}, {@code segunda-feira,
 * 31 de dezembro de 1990}).
 *
 * <p>Numeric dates are read day first, except for the United States, where they are read month
 * first; when that reading is impossible but the other one works ({@code 12/31/1990} in Brazil) the
 * other one is taken. A two-digit year is put in the century that keeps the date out of the
 * future. A result must be a real calendar date between 1900-01-01 and today: a date of birth in
 * the future is a typo. Thread-safe.
 */
public final class DateNormalizer {
  private static final int MIN_YEAR = 1900;
  /** Excel serial of 1927-05-18; smaller numbers are more likely years or ages than dates. */
  private static final int MIN_SERIAL = 10_000;
  private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

  private static final Map<String, Integer> MONTHS = new HashMap<>(128);

  /** Words that may surround a date without changing it: prepositions, ordinals, weekdays. */
  private static final Set<String> FILLERS =
      Set.of(
          "de", "del", "of", "the", "em", "en", "el", "a", "o", "st", "nd", "rd", "th", "t", "as", "at",
          "domingo", "segunda", "terca", "quarta", "quinta", "sexta", "sabado", "feira", "seg", "ter",
          "qua", "qui", "sex", "sab", "dom", "monday", "tuesday", "wednesday", "thursday", "friday",
          "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
          "sun", "lunes", "martes", "miercoles", "jueves", "viernes", "lun", "mie", "jue", "vie");

  static {
    String[] names = {
      "janeiro jan january enero ene",
      "fevereiro fev february feb febrero",
      "marco mar march marzo",
      "abril abr april apr",
      "maio mai may mayo",
      "junho jun june junio",
      "julho jul july julio",
      "agosto ago august aug",
      "setembro set september sep sept septiembre setiembre",
      "outubro out october oct octubre",
      "novembro nov november noviembre",
      "dezembro dez december dec diciembre dic",
    };
    for (int m = 0; m < 12; m++) {
      for (String name : names[m].split(" ")) {
        MONTHS.put(name, m + 1);
      }
    }
  }

  private DateNormalizer() {}

  /** A date of birth as YYYY-MM-DD; "" for blank input, null when it is not a valid date. */
  public static String toIsoDate(String raw, String countryIso2) {
    return toIsoDate(raw, countryIso2, LocalDate.now());
  }

  /** As {@link #toIsoDate(String, String)}, with "today" given (for tests and for jobs that pin a date). */
  public static String toIsoDate(String raw, String countryIso2, LocalDate today) {
    String s = TextCleaner.clean(raw);
    if (s.isEmpty() || isZeroPlaceholder(s)) {
      return "";
    }
    boolean monthFirst = "US".equalsIgnoreCase(countryIso2);
    int n = s.length();
    int digits = 0;
    while (digits < n && isDigit(s.charAt(digits))) {
      digits++;
    }
    if (digits == n || (digits == 5 && isDecimalTail(s, digits))) {
      return digits == 5 ? fromSerial(s, today) : digits == 8 ? compact(s, monthFirst, today) : null;
    }
    return fromTokens(s, monthFirst, today);
  }

  /** Outlook writes {@code 0/0/00} for "no birthday"; other tools write 00/00/0000 or 0000-00-00. */
  private static boolean isZeroPlaceholder(String s) {
    boolean zero = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '0') {
        zero = true;
      } else if (c != '/' && c != '-' && c != '.' && c != ' ') {
        return false;
      }
    }
    return zero;
  }

  /** {@code 33238} or {@code 33238.5}: days since Excel's 1900 epoch (time of day ignored). */
  private static String fromSerial(String s, LocalDate today) {
    int serial = Integer.parseInt(s, 0, 5, 10);
    if (serial < MIN_SERIAL) {
      return null;
    }
    LocalDate date = EXCEL_EPOCH.plusDays(serial);
    return valid(date.getYear(), date.getMonthValue(), date.getDayOfMonth(), today)
        ? format(date.getYear(), date.getMonthValue(), date.getDayOfMonth())
        : null;
  }

  /** {@code 19901231}, else {@code 31121990} ({@code 12311990} in the US). */
  private static String compact(String s, boolean monthFirst, LocalDate today) {
    int a = Integer.parseInt(s, 0, 4, 10);
    int b = Integer.parseInt(s, 4, 6, 10);
    int c = Integer.parseInt(s, 6, 8, 10);
    if (valid(a, b, c, today)) {
      return format(a, b, c);
    }
    int first = Integer.parseInt(s, 0, 2, 10);
    int second = Integer.parseInt(s, 2, 4, 10);
    int year = Integer.parseInt(s, 4, 8, 10);
    return dayMonth(first, second, year, monthFirst, today);
  }

  private static String fromTokens(String s, boolean monthFirst, LocalDate today) {
    int n = s.length();
    int[] value = new int[3];
    int[] length = new int[3];
    int numbers = 0;
    int month = 0;
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (isDigit(c)) {
        int end = i;
        while (end < n && isDigit(s.charAt(end))) {
          end++;
        }
        if (end < n && s.charAt(end) == ':') {
          break; // a time of day starts here; the date is complete or never will be
        }
        if (numbers == 3 || end - i > 4) {
          return null;
        }
        value[numbers] = Integer.parseInt(s, i, end, 10);
        length[numbers++] = end - i;
        i = end;
      } else if (Character.isLetter(c)) {
        StringBuilder word = new StringBuilder(12);
        int end = i;
        while (end < n && isWordChar(s.charAt(end))) {
          TextFold.append(word, s.charAt(end));
          end++;
        }
        String w = word.toString();
        Integer m = MONTHS.get(w);
        if (m != null) {
          if (month != 0) {
            return null;
          }
          month = m;
        } else if (!FILLERS.contains(w)) {
          return null;
        }
        i = end;
      } else {
        i++;
      }
    }
    if (month == 0) {
      return numbers == 3 ? numeric(value, length, monthFirst, today) : null;
    }
    if (numbers != 2) {
      return null;
    }
    int day;
    int year;
    if (length[0] == 4 && length[1] <= 2) {
      year = value[0];
      day = value[1];
    } else if (length[0] <= 2 && (length[1] == 4 || length[1] == 2)) {
      day = value[0];
      year = length[1] == 4 ? value[1] : pivot(value[1], month, day, today);
    } else {
      return null;
    }
    return valid(year, month, day, today) ? format(year, month, day) : null;
  }

  private static String numeric(int[] value, int[] length, boolean monthFirst, LocalDate today) {
    if (length[0] == 4) {
      return length[1] <= 2 && length[2] <= 2 && valid(value[0], value[1], value[2], today)
          ? format(value[0], value[1], value[2])
          : null;
    }
    if (length[0] > 2 || length[1] > 2) {
      return null;
    }
    if (length[2] == 4) {
      return dayMonth(value[0], value[1], value[2], monthFirst, today);
    }
    if (length[2] != 2) {
      return null;
    }
    String preferred = monthFirst
        ? twoDigitYear(value[1], value[0], value[2], today)
        : twoDigitYear(value[0], value[1], value[2], today);
    if (preferred != null) {
      return preferred;
    }
    return monthFirst
        ? twoDigitYear(value[0], value[1], value[2], today)
        : twoDigitYear(value[1], value[0], value[2], today);
  }

  /** {@code first/second/year}: day first (month first in the US), else the other way round if only that works. */
  private static String dayMonth(int first, int second, int year, boolean monthFirst, LocalDate today) {
    int day = monthFirst ? second : first;
    int month = monthFirst ? first : second;
    if (valid(year, month, day, today)) {
      return format(year, month, day);
    }
    return valid(year, day, month, today) ? format(year, day, month) : null;
  }

  private static String twoDigitYear(int day, int month, int yy, LocalDate today) {
    int year = pivot(yy, month, day, today);
    return valid(year, month, day, today) ? format(year, month, day) : null;
  }

  /** 20yy unless that puts the date in the future, then 19yy. */
  private static int pivot(int yy, int month, int day, LocalDate today) {
    int year = 2000 + yy;
    return notAfter(year, month, day, today) ? year : 1900 + yy;
  }

  private static boolean valid(int year, int month, int day, LocalDate today) {
    return year >= MIN_YEAR
        && month >= 1
        && month <= 12
        && day >= 1
        && day <= daysIn(year, month)
        && notAfter(year, month, day, today);
  }

  private static boolean notAfter(int year, int month, int day, LocalDate today) {
    if (year != today.getYear()) {
      return year < today.getYear();
    }
    if (month != today.getMonthValue()) {
      return month < today.getMonthValue();
    }
    return day <= today.getDayOfMonth();
  }

  private static int daysIn(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  private static String format(int year, int month, int day) {
    char[] out = {
      (char) ('0' + year / 1000), (char) ('0' + year / 100 % 10), (char) ('0' + year / 10 % 10),
      (char) ('0' + year % 10), '-', (char) ('0' + month / 10), (char) ('0' + month % 10), '-',
      (char) ('0' + day / 10), (char) ('0' + day % 10)
    };
    return new String(out);
  }

  private static boolean isDecimalTail(String s, int at) {
    if (at + 1 >= s.length() || (s.charAt(at) != '.' && s.charAt(at) != ',')) {
      return false;
    }
    for (int i = at + 1; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Letters, and the combining accents of decomposed text. */
  private static boolean isWordChar(char c) {
    return Character.isLetter(c) || Character.getType(c) == Character.NON_SPACING_MARK;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
