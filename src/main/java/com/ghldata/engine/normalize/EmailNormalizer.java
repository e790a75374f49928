package com.ghldata.engine.normalize;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the email addresses in one spreadsheet cell and keeps those GHL will accept.
 *
 * <p>GHL rejects the whole row when the Email column holds an address it does not like (error
 * 1008), so validity here is deliberately strict: the practical subset of RFC 5321 that GHL takes.
 * ASCII only; a local part of letters, digits and {@code !#$%&'*+/=?^_`{|}~.-} without leading,
 * trailing or doubled dots, at most 64 characters, not starting with {@code = + -} (the formula
 * guard would prefix those with {@code '}); a domain of at least two dot-separated labels of
 * letters, digits and inner hyphens, ending in an alphabetic TLD of two or more letters or an IDN
 * {@code xn--} label; 254 characters in all.
 *
 * <p>A cell may hold several addresses separated by {@code , ; | /}, white space or line breaks,
 * wrapped as {@code Name <a@b.com>}, {@code "a@b.com"} or {@code mailto:a@b.com}; every valid one
 * is returned in order, lower-cased and de-duplicated, and every piece that is not an address
 * counts as invalid. Thread-safe.
 */
public final class EmailNormalizer {
  private static final EmailCell ONE_INVALID = new EmailCell(List.of(), 1);
  private static final int MAX_LOCAL = 64;
  private static final int MAX_DOMAIN = 253;
  private static final int MAX_TOTAL = 254;

  /** Characters of an unquoted local part (after lower-casing). */
  private static final boolean[] LOCAL = new boolean[128];
  /** Characters the single-address fast path accepts without looking closer. */
  private static final boolean[] PLAIN = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      LOCAL[c] = true;
      PLAIN[c] = true;
      PLAIN[Character.toUpperCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      LOCAL[c] = true;
      PLAIN[c] = true;
    }
    for (char c : "!#$%&'*+/=?^_`{|}~.-".toCharArray()) {
      LOCAL[c] = true;
    }
    // Quotes, slash and bar are legal in a local part but also wrap or separate addresses in a
    // cell, so cells holding them take the careful path.
    for (char c : "!#$%&*+=?^_`{}~.-@".toCharArray()) {
      PLAIN[c] = true;
    }
  }

  private EmailNormalizer() {}

  /** Every email in one cell: the valid ones normalized and in order, and how many pieces were not valid. */
  public static EmailCell normalize(String raw) {
    if (raw == null || raw.isEmpty()) {
      return EmailCell.EMPTY;
    }
    EmailCell plain = plainAddress(raw);
    if (plain != null) {
      return plain;
    }
    String cell = prepare(raw);
    if (cell.isEmpty()) {
      return EmailCell.EMPTY;
    }
    Result result = new Result();
    int n = cell.length();
    int start = 0;
    while (start < n) {
      int end = segmentEnd(cell, start);
      segment(cell, start, end, result);
      start = end + 1;
    }
    return result.toCell();
  }

  /** Normalizes a single address: lower-cased, wrapping removed; null when it is not a valid address. */
  public static String normalizeOne(String raw) {
    EmailCell cell = normalize(raw);
    return cell.valid().size() == 1 && cell.invalid() == 0 ? cell.valid().get(0) : null;
  }

  /**
   * True when {@code email}, exactly as given, is an address GHL accepts: already lower-case,
   * trimmed and unwrapped.
   */
  public static boolean isValid(String email) {
    int n = email.length();
    if (n < 6 || n > MAX_TOTAL) {
      return false;
    }
    int at = email.indexOf('@');
    if (at < 1 || at > MAX_LOCAL || email.indexOf('@', at + 1) >= 0) {
      return false;
    }
    char first = email.charAt(0);
    if (first == '.' || TextCleaner.startsLikeFormula(first) || email.charAt(at - 1) == '.') {
      return false;
    }
    for (int i = 0; i < at; i++) {
      char c = email.charAt(i);
      if (c >= 128 || !LOCAL[c] || (c == '.' && email.charAt(i - 1) == '.')) {
        return false;
      }
    }
    return isValidDomain(email, at + 1);
  }

  private static boolean isValidDomain(String s, int from) {
    int n = s.length();
    if (n - from > MAX_DOMAIN) {
      return false;
    }
    int labelStart = from;
    int labels = 0;
    // A plain counted loop (the last label is checked after it): the JIT compiles it once, where a
    // loop running one past the end kept failing its range-check predicates and being recompiled.
    for (int i = from; i < n; i++) {
      char c = s.charAt(i);
      if (c == '.') {
        if (!isValidLabel(s, labelStart, i)) {
          return false;
        }
        labels++;
        labelStart = i + 1;
      } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return isValidLabel(s, labelStart, n) && labels >= 1 && isValidTld(s, labelStart, n);
  }

  /** One to 63 characters, not starting or ending with a hyphen. */
  private static boolean isValidLabel(String s, int from, int to) {
    int len = to - from;
    return len >= 1 && len <= 63 && s.charAt(from) != '-' && s.charAt(to - 1) != '-';
  }

  private static boolean isValidTld(String s, int from, int to) {
    if (to - from > 4 && s.startsWith("xn--", from)) {
      return true;
    }
    if (to - from < 2) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 'a' || c > 'z') {
        return false;
      }
    }
    return true;
  }

  /**
   * The common cell, one bare address, decided without splitting: null when the cell needs the
   * careful path (separators, wrapping, or a piece that a repair might still save).
   */
  private static EmailCell plainAddress(String raw) {
    int from = 0;
    int to = raw.length();
    while (from < to && raw.charAt(from) == ' ') {
      from++;
    }
    while (to > from && raw.charAt(to - 1) == ' ') {
      to--;
    }
    if (from == to || to - from > MAX_TOTAL) {
      return null;
    }
    boolean upper = false;
    for (int i = from; i < to; i++) {
      char c = raw.charAt(i);
      if (c >= 128 || !PLAIN[c]) {
        return null;
      }
      upper |= c >= 'A' && c <= 'Z';
    }
    String email = upper ? asciiLower(raw, from, to) : raw.substring(from, to);
    if (isValid(email)) {
      return new EmailCell(List.of(email), 0);
    }
    // A trailing dot ("ana@x.com.") is repaired on the careful path; anything else is just invalid.
    return email.endsWith(".") ? null : ONE_INVALID;
  }

  /**
   * The cell with invisible characters dropped, white space as one space and line breaks as
   * {@code ;} (a separator like any other).
   */
  private static String prepare(String raw) {
    StringBuilder sb = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      byte kind = TextCleaner.kind(c);
      if (kind == TextCleaner.KEEP) {
        sb.append(c);
      } else if (kind == TextCleaner.SPACE) {
        sb.append(' ');
      } else if (kind == TextCleaner.BREAK) {
        sb.append(';');
      }
    }
    return TextCleaner.clean(sb.toString());
  }

  /** End of the segment starting at {@code start}: the next , ; or | outside quotes and angle brackets. */
  private static int segmentEnd(String s, int start) {
    int n = s.length();
    for (int i = start; i < n; i++) {
      char c = s.charAt(i);
      if (c == ',' || c == ';' || c == '|') {
        return i;
      }
      if (c == '"' || c == '<') {
        int close = s.indexOf(c == '"' ? '"' : '>', i + 1);
        if (close > 0) {
          i = close;
        }
      }
    }
    return n;
  }

  /**
   * One segment: {@code <…>} groups and words holding an {@code @} are candidate addresses; other
   * words are a display name. A non-blank segment without any candidate is one invalid piece.
   */
  private static void segment(String s, int from, int to, Result result) {
    int candidates = 0;
    boolean text = false;
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (c == ' ' || c == '/') {
        i++;
        continue;
      }
      text = true;
      if (c == '<' || c == '"') {
        int close = s.indexOf(c == '<' ? '>' : '"', i + 1);
        if (close > 0 && close < to) {
          if (c == '<' || indexOf(s, '@', i + 1, close) >= 0) {
            result.candidate(s, i + 1, close);
            candidates++;
          }
          i = close + 1;
          continue;
        }
      }
      int end = i + 1;
      while (end < to && !isWordEnd(s.charAt(end))) {
        end++;
      }
      if (indexOf(s, '@', i, end) >= 0) {
        result.candidate(s, i, end);
        candidates++;
      }
      i = end;
    }
    if (text && candidates == 0) {
      result.invalid++;
    }
  }

  private static boolean isWordEnd(char c) {
    return c == ' ' || c == '/' || c == '<';
  }

  private static int indexOf(String s, char c, int from, int to) {
    int i = s.indexOf(c, from);
    return i >= 0 && i < to ? i : -1;
  }

  private static boolean isWrapper(char c) {
    return switch (c) {
      case '"', '\'', '<', '>', '(', ')', '[', ']', '{', '}', '`', ',', ';', ':',
          '\u201C', '\u201D', '\u2018', '\u2019', '\u00AB', '\u00BB' -> true;
      default -> false;
    };
  }

  static String asciiLower(String s, int from, int to) {
    char[] out = new char[to - from];
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      out[i - from] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
    return new String(out);
  }

  /** The addresses of one cell as they are found. */
  private static final class Result {
    private final List<String> valid = new ArrayList<>(2);
    private int invalid;

    void candidate(String s, int from, int to) {
      // Unwrap: quotes, brackets, parentheses, and a sentence's trailing dot or colon.
      while (from < to && isWrapper(s.charAt(from))) {
        from++;
      }
      while (to > from && (isWrapper(s.charAt(to - 1)) || s.charAt(to - 1) == '.')) {
        to--;
      }
      if (s.regionMatches(true, from, "mailto:", 0, 7)) {
        from += 7;
        int query = indexOf(s, '?', from, to);
        if (query >= 0) {
          to = query;
        }
      }
      String email = asciiLower(s, from, to);
      if (!isValid(email)) {
        invalid++;
      } else if (!valid.contains(email)) {
        valid.add(email);
      }
    }

    EmailCell toCell() {
      if (valid.isEmpty()) {
        return invalid == 0 ? EmailCell.EMPTY : invalid == 1 ? ONE_INVALID : new EmailCell(List.of(), invalid);
      }
      return new EmailCell(List.copyOf(valid), invalid);
    }
  }
}
