package com.ghldata.engine.normalize;

/**
 * White-space and invisible-character cleanup that every other normalizer builds on.
 *
 * <p>Spreadsheet cells arrive with non-breaking spaces copied from web pages, zero-width spaces and
 * byte-order marks left by exports, bidi marks that WhatsApp wraps around copied phone numbers, and
 * control characters. None of them may reach GHL: they make equal values compare unequal and show
 * up as garbage in the CRM. Thread-safe; clean values come back as the same instance, no copy.
 */
public final class TextCleaner {
  static final byte KEEP = 0;
  static final byte SPACE = 1;
  static final byte BREAK = 2;
  static final byte DROP = 3;

  private static final char ZWNJ = '\u200C';
  private static final char ZWJ = '\u200D';

  private TextCleaner() {}

  /** Trimmed, invisible characters removed, runs of white space (line breaks too) as one space. "" for null. */
  public static String clean(String raw) {
    if (raw == null) {
      return "";
    }
    int n = raw.length();
    int i = firstDirty(raw);
    if (i == n) {
      return raw;
    }
    StringBuilder sb = new StringBuilder(n);
    sb.append(raw, 0, i);
    boolean pendingSpace = false;
    for (; i < n; i++) {
      char c = raw.charAt(i);
      byte kind = kind(c);
      if (kind == KEEP || keptJoiner(raw, i, sb)) {
        if (pendingSpace && sb.length() > 0) {
          sb.append(' ');
        }
        pendingSpace = false;
        sb.append(c);
      } else if (kind == SPACE || kind == BREAK) {
        pendingSpace = true;
      }
    }
    return sb.toString();
  }

  /**
   * Like {@link #clean} but keeps line breaks, for notes: CRLF, CR and Unicode line separators become
   * {@code \n}, every line is trimmed, and a run of blank lines shrinks to one. "" for null.
   */
  public static String cleanMultiline(String raw) {
    if (raw == null) {
      return "";
    }
    int n = raw.length();
    if (firstDirty(raw) == n) {
      return raw;
    }
    StringBuilder sb = new StringBuilder(n);
    boolean pendingSpace = false;
    int pendingBreaks = 0;
    for (int i = 0; i < n; i++) {
      char c = raw.charAt(i);
      byte kind = kind(c);
      if (kind == KEEP || keptJoiner(raw, i, sb)) {
        if (sb.length() > 0) {
          if (pendingBreaks > 0) {
            sb.append(pendingBreaks == 1 ? "\n" : "\n\n");
          } else if (pendingSpace) {
            sb.append(' ');
          }
        }
        pendingSpace = false;
        pendingBreaks = 0;
        sb.append(c);
      } else if (kind == SPACE) {
        pendingSpace = true;
      } else if (kind == BREAK) {
        if (c == '\r' && i + 1 < n && raw.charAt(i + 1) == '\n') {
          i++;
        }
        pendingBreaks++;
        pendingSpace = false;
      }
    }
    return sb.toString();
  }

  /**
   * Prefixes {@code '} to a value a spreadsheet would run as a formula: one starting with {@code =},
   * {@code +}, {@code -}, {@code @}, tab or CR (OWASP CSV injection). "" stays "".
   *
   * @param value a non-null value, normally already cleaned
   */
  public static String guardFormula(String value) {
    if (value.isEmpty()) {
      return value;
    }
    return startsLikeFormula(value.charAt(0)) ? "'" + value : value;
  }

  /** True for the first characters that make Excel, Sheets or LibreOffice evaluate a cell. */
  public static boolean startsLikeFormula(char c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  }

  /**
   * What cleaning does with one character: keep it, treat it as a space, treat it as a line break,
   * or drop it (controls, zero-width and bidi format characters, soft hyphen, BOM).
   */
  static byte kind(char c) {
    if (c > ' ' && c < 0x7F) {
      return KEEP;
    }
    if (c == ' ') {
      return SPACE;
    }
    if (c < ' ') {
      if (c == '\n' || c == '\r' || c == 0x0B || c == '\f') {
        return BREAK;
      }
      // Tab and the information separators are white space to Java too; the rest are control junk.
      return c == '\t' || c >= 0x1C ? SPACE : DROP;
    }
    if (c < 0xA0) {
      return c == 0x85 ? BREAK : DROP; // DEL and C1 controls; NEL is a line break
    }
    if (c == 0xA0) {
      return SPACE;
    }
    if (c < 0x2000) {
      if (c == 0xAD || c == 0x61C || c == 0x180E) {
        return DROP; // soft hyphen, Arabic letter mark, Mongolian vowel separator
      }
      return c == 0x1680 ? SPACE : KEEP;
    }
    if (c <= 0x200A) {
      return SPACE; // en quad .. hair space
    }
    if (c <= 0x200F) {
      return DROP; // zero-width space, ZWNJ, ZWJ, LRM, RLM
    }
    if (c < 0x2028) {
      return KEEP; // dashes, typographic quotes, bullets
    }
    if (c <= 0x2029) {
      return BREAK; // line and paragraph separators
    }
    if (c <= 0x202E) {
      return DROP; // bidi embeddings and overrides
    }
    if (c == 0x202F || c == 0x205F || c == 0x3000) {
      return SPACE;
    }
    if (c >= 0x2060 && c <= 0x206F) {
      return DROP; // word joiner, invisible operators, bidi isolates
    }
    return c == 0xFEFF ? DROP : KEEP;
  }

  /** Index of the first character that cleaning would change, or the length when there is none. */
  private static int firstDirty(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c > ' ' && c < 0x7F) {
        continue;
      }
      if (c == ' ') {
        // A single inner space between two kept characters is fine (the previous one was kept,
        // or we would have returned already).
        if (i > 0 && i + 1 < n && kind(s.charAt(i + 1)) == KEEP) {
          continue;
        }
        return i;
      }
      if (kind(c) != KEEP) {
        return i;
      }
    }
    return n;
  }

  /**
   * ZWJ and ZWNJ are meaningful between two non-ASCII characters (emoji sequences, Indic and Persian
   * scripts) and are kept there; anywhere else they are invisible noise.
   */
  private static boolean keptJoiner(String s, int i, StringBuilder out) {
    char c = s.charAt(i);
    if (c != ZWJ && c != ZWNJ) {
      return false;
    }
    int len = out.length();
    if (len == 0 || out.charAt(len - 1) < 0x80 || i + 1 >= s.length()) {
      return false;
    }
    char next = s.charAt(i + 1);
    return next >= 0x80 && kind(next) == KEEP;
  }
}
