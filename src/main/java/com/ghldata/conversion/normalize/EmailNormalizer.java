package com.ghldata.conversion.normalize;

import java.util.List;
import java.util.Locale;

/** STUB, replaced by the full email normalizer. */
public final class EmailNormalizer {
  private EmailNormalizer() {}

  public static EmailCell normalize(String raw) {
    if (raw == null || raw.isBlank()) {
      return EmailCell.EMPTY;
    }
    String e = raw.trim().toLowerCase(Locale.ROOT);
    return e.contains("@") ? new EmailCell(List.of(e), 0) : new EmailCell(List.of(), 1);
  }
}
