package com.ghldata.conversion.normalize;

/** STUB, replaced by the full country normalizer. */
public final class CountryNormalizer {
  private CountryNormalizer() {}

  /** ISO alpha-2 code for a country name or code in PT/EN/ES, or null when unknown. */
  public static String iso2(String raw) {
    String c = TextCleaner.clean(raw).toLowerCase(java.util.Locale.ROOT);
    return c.equals("brasil") || c.equals("brazil") || c.equals("br") ? "BR" : null;
  }

  /** The English name GHL matches, e.g. BR → Brazil, US → United States. */
  public static String englishName(String iso2) {
    return new java.util.Locale("", iso2).getDisplayCountry(java.util.Locale.ENGLISH);
  }
}
