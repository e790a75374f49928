package com.ghldata.conversion.normalize;

/** STUB, replaced by the full name normalizer. */
public final class NameNormalizer {
  private NameNormalizer() {}

  /** Trimmed, spaces collapsed, ALL-CAPS or all-lower names in proper case. "" for blank. */
  public static String clean(String raw) {
    return TextCleaner.clean(raw);
  }

  /** A cleaned full name split into {first, last}; last is "" for a single word. */
  public static String[] splitFullName(String cleaned) {
    int i = cleaned.indexOf(' ');
    return i < 0 ? new String[] {cleaned, ""} : new String[] {cleaned.substring(0, i), cleaned.substring(i + 1)};
  }
}
