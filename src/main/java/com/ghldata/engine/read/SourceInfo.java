package com.ghldata.engine.read;

import java.util.List;

/**
 * What the reader detected about the upload, for the report.
 *
 * @param format "csv", "xlsx" or "xls"
 * @param encoding charset name for CSV ("UTF-8", "UTF-8 (BOM)", "windows-1252", "UTF-16LE" ...), null for workbooks
 * @param delimiter the CSV delimiter as a string ("," ";" "\t" "|"), null for workbooks
 * @param sheet the sheet read, null for CSV
 * @param sheets every sheet name of a workbook, in order; empty for CSV
 */
public record SourceInfo(String format, String encoding, String delimiter, String sheet, List<String> sheets) {
  public SourceInfo {
    sheets = sheets == null ? List.of() : List.copyOf(sheets);
  }
}
