package com.ghldata.engine.report;

import com.ghldata.engine.Converter;
import java.util.Collections;
import java.util.Map;

/**
 * The data-quality report of one conversion, as an ordered JSON object. Keys are part of the API
 * (the UI and clients read them): total_rows, rows_written, pct_with_email, pct_with_phone,
 * invalid_emails, invalid_phones, ninth_digit_fixed, duplicates_merged, rejected_rows,
 * empty_rows_skipped, ... (see {@link Converter}).
 */
public final class ConversionReport {
  private final Map<String, Object> values;

  public ConversionReport(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  public Map<String, Object> asMap() {
    return values;
  }

  public long totalRows() {
    return number("total_rows");
  }

  public long rowsWritten() {
    return number("rows_written");
  }

  public long rejectedRows() {
    return number("rejected_rows");
  }

  public long duplicatesMerged() {
    return number("duplicates_merged");
  }

  public String toJson() {
    return JsonText.write(values, true);
  }

  private long number(String key) {
    return ((Number) values.get(key)).longValue();
  }
}
