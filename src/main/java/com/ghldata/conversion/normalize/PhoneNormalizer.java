package com.ghldata.conversion.normalize;

import java.util.List;

/** STUB, replaced by the libphonenumber-backed normalizer. Thread-safe. */
public final class PhoneNormalizer {
  private final String defaultRegion;
  private final boolean fixNinthDigit;

  public PhoneNormalizer(String defaultRegion, boolean fixNinthDigit) {
    this.defaultRegion = defaultRegion;
    this.fixNinthDigit = fixNinthDigit;
  }

  /** Every phone in one cell; region null means the default region. */
  public PhoneCell normalize(String raw, String region) {
    if (raw == null || raw.isBlank()) {
      return PhoneCell.EMPTY;
    }
    String digits = raw.replaceAll("[^0-9]", "");
    if (digits.length() == 11) {
      return new PhoneCell(List.of(new Phone("+55" + digits, "BR", false)), 0);
    }
    return new PhoneCell(List.of(), 1);
  }
}
