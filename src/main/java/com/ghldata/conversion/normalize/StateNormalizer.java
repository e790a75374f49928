package com.ghldata.conversion.normalize;

/** STUB, replaced by the full state normalizer. */
public final class StateNormalizer {
  private StateNormalizer() {}

  /** Brazilian states as the two-letter UF when the country is BR; else the cleaned value. */
  public static String normalize(String raw, String countryIso2) {
    return TextCleaner.clean(raw);
  }
}
