package com.ghldata.conversion.normalize;

/** STUB, replaced by the full date normalizer. */
public final class DateNormalizer {
  private DateNormalizer() {}

  /** A date of birth as YYYY-MM-DD; "" for blank input, null when it is not a valid date. */
  public static String toIsoDate(String raw, String countryIso2) {
    String c = TextCleaner.clean(raw);
    return c.isEmpty() ? "" : c.matches("\\d{4}-\\d{2}-\\d{2}") ? c : null;
  }
}
