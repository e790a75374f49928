package com.ghldata.conversion.normalize;

/** STUB, replaced by the full postal code normalizer. */
public final class PostalCodeNormalizer {
  private PostalCodeNormalizer() {}

  /** Brazilian CEP as 01310-100 when the country is BR; else the cleaned value. */
  public static String normalize(String raw, String countryIso2) {
    return TextCleaner.clean(raw);
  }
}
