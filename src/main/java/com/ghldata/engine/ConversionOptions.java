package com.ghldata.engine;

import com.ghldata.engine.read.ReadLimits;
import java.util.Locale;

/**
 * What the user chose for one conversion.
 *
 * @param defaultCountry ISO alpha-2 region for phones, states and postal codes of rows that name no country
 * @param sheet the workbook sheet to read, null for the first non-empty one
 * @param tag the job's own import tag added to every contact, null for none
 * @param source the default Source for rows that have none, null for none
 * @param bom write a UTF-8 byte order mark (for users who open the file in Excel first)
 * @param fixNinthDigit give legacy 8-digit Brazilian mobiles their leading 9
 * @param threads threads of one conversion: 1 does everything on the reading thread; 2 adds a dedupe
 *     thread; each further one is a normalizer
 * @param limits defences against hostile files
 */
public record ConversionOptions(
    String defaultCountry,
    String sheet,
    String tag,
    String source,
    boolean bom,
    boolean fixNinthDigit,
    int threads,
    ReadLimits limits) {

  public static final int PREVIEW_ROWS = 20;

  public ConversionOptions {
    defaultCountry = defaultCountry == null || defaultCountry.isBlank()
        ? "BR" : defaultCountry.trim().toUpperCase(Locale.ROOT);
    if (!defaultCountry.matches("[A-Z]{2}")) {
      throw new IllegalArgumentException("country must be a two-letter ISO code such as BR or US, got " + defaultCountry);
    }
    sheet = blankToNull(sheet);
    tag = blankToNull(tag);
    source = blankToNull(source);
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    limits = limits == null ? ReadLimits.DEFAULT : limits;
  }

  /** Brazil, no tag or source, no BOM, ninth-digit fix on, one thread per core. */
  public static ConversionOptions defaults() {
    return new ConversionOptions("BR", null, null, null, false, true,
        Runtime.getRuntime().availableProcessors(), ReadLimits.DEFAULT);
  }

  public ConversionOptions withThreads(int n) {
    return new ConversionOptions(defaultCountry, sheet, tag, source, bom, fixNinthDigit, n, limits);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
