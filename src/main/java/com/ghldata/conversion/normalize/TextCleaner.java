package com.ghldata.conversion.normalize;

/** STUB, replaced by the full text cleaner. */
public final class TextCleaner {
  private TextCleaner() {}

  /** Trimmed, runs of white space collapsed to one space. "" for null. */
  public static String clean(String raw) {
    return raw == null ? "" : raw.trim().replaceAll("\\s+", " ");
  }

  /** Trimmed, keeping line breaks (for notes). "" for null. */
  public static String cleanMultiline(String raw) {
    return raw == null ? "" : raw.trim();
  }

  /** Prefixes ' to a value a spreadsheet would run as a formula (OWASP CSV injection). */
  public static String guardFormula(String value) {
    if (value.isEmpty()) {
      return value;
    }
    char c = value.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + value : value;
  }
}
