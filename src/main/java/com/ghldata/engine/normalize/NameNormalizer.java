package com.ghldata.engine.normalize;

import java.util.List;
import java.util.Set;

/**
 * Cleans person names and splits full names.
 *
 * <p>Names typed in ALL CAPS (legacy systems, forms with caps lock) or all lower case (phones) are
 * put in proper case; a name with both cases was typed on purpose ({@code McDonald}, {@code DeAndre},
 * {@code João da Silva}) and is left alone. Portuguese particles stay lower case after the first
 * word. Thread-safe.
 */
public final class NameNormalizer {
  private static final String[] NO_NAME = {"", ""};

  /** Words kept lower case inside a name: {@code Maria das Dores}, {@code Souza e Silva}. */
  private static final List<String> PARTICLES = List.of("da", "de", "do", "das", "dos", "e");

  /** Generation suffixes kept upper case: {@code John Smith III}. */
  private static final List<String> ROMAN = List.of("ii", "iii", "iv");

  /** What may follow a comma without the name being in "Last, First" form. */
  private static final Set<String> SUFFIXES =
      Set.of("jr", "junior", "sr", "senior", "filho", "neto", "sobrinho", "ii", "iii", "iv", "md", "phd");

  private NameNormalizer() {}

  /** Trimmed, spaces collapsed, surrounding quotes removed, ALL-CAPS or all-lower names in proper case. "" for blank. */
  public static String clean(String raw) {
    return clean(raw, false);
  }

  /**
   * {@link #clean} for a last-name column: a leading particle stays lower case too ({@code DOS SANTOS}
   * → {@code dos Santos}), as it does when the last name is split off a full name ({@code MARIA DOS
   * SANTOS} → {@code Maria} / {@code dos Santos}), so one person reads the same from either layout.
   * A particle that is the whole last name is capitalized like any word.
   */
  public static String cleanLastName(String raw) {
    return clean(raw, true);
  }

  private static String clean(String raw, boolean particleMayLead) {
    String s = stripQuotes(TextCleaner.clean(raw));
    boolean upper = false;
    boolean lower = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      upper |= Character.isUpperCase(c);
      lower |= Character.isLowerCase(c);
    }
    return upper == lower ? s : properCase(s, particleMayLead);
  }

  /**
   * A cleaned full name split into {first, last}: the first word is the first name and the rest
   * the last name ({@code Maria da Silva Santos} → {Maria, da Silva Santos}); {@code Silva, Maria}
   * → {Maria, Silva}; a single word → {word, ""}; blank → {"", ""}.
   */
  public static String[] splitFullName(String cleaned) {
    String s = TextCleaner.clean(cleaned);
    if (s.isEmpty()) {
      return NO_NAME.clone();
    }
    int comma = s.indexOf(',');
    if (comma >= 0 && comma == s.lastIndexOf(',')) {
      String before = TextCleaner.clean(s.substring(0, comma));
      String after = TextCleaner.clean(s.substring(comma + 1));
      if (before.isEmpty() || after.isEmpty()) {
        s = before.isEmpty() ? after : before;
      } else if (!SUFFIXES.contains(TextFold.key(after))) {
        return new String[] {after, before};
      }
    }
    int space = s.indexOf(' ');
    return space < 0 ? new String[] {s, ""} : new String[] {s.substring(0, space), s.substring(space + 1)};
  }

  private static String stripQuotes(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && isQuote(s.charAt(from))) {
      from++;
    }
    while (to > from && isQuote(s.charAt(to - 1))) {
      to--;
    }
    return from == 0 && to == s.length() ? s : TextCleaner.clean(s.substring(from, to));
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'' || c == '`' || c == '\u201C' || c == '\u201D' || c == '\u2018'
        || c == '\u2019' || c == '\u00AB' || c == '\u00BB';
  }

  /**
   * Capitalizes each letter that starts a word or follows a hyphen or apostrophe; lower-cases the rest.
   * Particles stay lower after the first word, and also as the first word when {@code particleMayLead}
   * and other words follow.
   */
  private static String properCase(String s, boolean particleMayLead) {
    int n = s.length();
    char[] out = new char[n];
    int wordStart = 0;
    for (int i = 0; i <= n; i++) {
      if (i < n && s.charAt(i) != ' ') {
        continue;
      }
      boolean lowerParticle = wordStart > 0 || (particleMayLead && i < n);
      if (lowerParticle && isOneOf(s, wordStart, i, PARTICLES)) {
        for (int j = wordStart; j < i; j++) {
          out[j] = Character.toLowerCase(s.charAt(j));
        }
      } else if (isOneOf(s, wordStart, i, ROMAN)) {
        for (int j = wordStart; j < i; j++) {
          out[j] = Character.toUpperCase(s.charAt(j));
        }
      } else {
        for (int j = wordStart; j < i; j++) {
          char c = s.charAt(j);
          out[j] = startsPart(s, j, wordStart) ? Character.toTitleCase(c) : Character.toLowerCase(c);
        }
      }
      if (i < n) {
        out[i] = ' ';
      }
      wordStart = i + 1;
    }
    return new String(out);
  }

  /** Whether {@code s[from, to)} is, ignoring case, one of the short ASCII words. */
  private static boolean isOneOf(String s, int from, int to, List<String> words) {
    for (String word : words) {
      if (word.length() == to - from && s.regionMatches(true, from, word, 0, word.length())) {
        return true;
      }
    }
    return false;
  }

  /** True when the letter at {@code j} begins its word or a part after a hyphen, apostrophe or dot. */
  private static boolean startsPart(String s, int j, int wordStart) {
    if (!Character.isLetter(s.charAt(j))) {
      return false;
    }
    if (j == wordStart) {
      return true;
    }
    char prev = s.charAt(j - 1);
    return !Character.isLetterOrDigit(prev) && Character.getType(prev) != Character.NON_SPACING_MARK;
  }
}
