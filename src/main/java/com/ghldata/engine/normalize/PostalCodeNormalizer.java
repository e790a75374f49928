package com.ghldata.engine.normalize;

/**
 * Postal codes. A Brazilian CEP is written {@code 01310-100}: punctuation, spaces and a "CEP"
 * label are removed and the eight digits re-hyphenated; seven digits are a CEP whose leading zero
 * Excel ate when the column was numeric ({@code 1310100} → {@code 01310-100}). Anything else, and
 * every other country's code, comes back cleaned but as given. Thread-safe.
 */
public final class PostalCodeNormalizer {
  private PostalCodeNormalizer() {}

  /** Brazilian CEP as 01310-100 when the country is BR; else the cleaned value. */
  public static String normalize(String raw, String countryIso2) {
    String cleaned = TextCleaner.clean(raw);
    if (cleaned.isEmpty() || !"BR".equalsIgnoreCase(countryIso2)) {
      return cleaned;
    }
    String cep = cep(cleaned);
    return cep != null ? cep : cleaned;
  }

  /** The CEP as {@code 01310-100}, or null when the text does not hold 7 or 8 digits. */
  private static String cep(String s) {
    int n = s.length();
    if (n == 9 && s.charAt(5) == '-' && allDigits(s, 0, 5) && allDigits(s, 6, 9)) {
      return s;
    }
    // A numeric cell written out as a decimal ("1310100.0") must not gain a ninth digit.
    if (n > 2 && s.charAt(n - 2) == '.' && s.charAt(n - 1) == '0' && allDigits(s, 0, n - 2)) {
      n -= 2;
    }
    char[] digits = new char[8];
    int count = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (count == 8) {
          return null;
        }
        digits[count++] = c;
      }
    }
    if (count == 7) {
      System.arraycopy(digits, 0, digits, 1, 7);
      digits[0] = '0';
    } else if (count != 8) {
      return null;
    }
    return new StringBuilder(9).append(digits, 0, 5).append('-').append(digits, 5, 3).toString();
  }

  private static boolean allDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
