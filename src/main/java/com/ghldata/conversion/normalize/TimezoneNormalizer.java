package com.ghldata.conversion.normalize;

/** STUB, replaced by the full timezone normalizer. */
public final class TimezoneNormalizer {
  private TimezoneNormalizer() {}

  /** An IANA zone name (America/Sao_Paulo); "" for blank, null when not recognised. */
  public static String normalize(String raw) {
    String c = TextCleaner.clean(raw);
    return c.isEmpty() ? "" : java.time.ZoneId.getAvailableZoneIds().contains(c) ? c : null;
  }
}
