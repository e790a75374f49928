package com.ghldata.engine;

import java.util.List;

/**
 * Why a file cannot be converted. The code is stable: the CLI prints it, the HTTP API returns it
 * as the problem+json {@code code}, clients may switch on it.
 *
 * <p>A code's message may come in variants (a more precise sentence with its own parameters, such
 * as the row of a cell that is too long); the catalogues under webroot/i18n hold one line per code
 * and per variant ({@code detail.<code>.<variant>}) in every language. Adding a variant: name it
 * here, then add its lines (MessageCatalogueTest fails until every language has them).
 */
public enum ConversionError {
  EMPTY_FILE("empty_file", "The file is empty.", "bom_only"),
  NO_DATA_ROWS("no_data_rows", "The file has a header row but no contact rows."),
  NOT_A_SPREADSHEET("not_a_spreadsheet", "The file is not a spreadsheet (XLSX, XLS or CSV).",
      "empty_zip", "zip_not_workbook", "ods", "xlsb", "office_not_workbook", "excel95", "other_office_document",
      "binary"),
  CORRUPT_FILE("corrupt_file", "The spreadsheet is damaged and cannot be read.",
      "no_sheets", "zip_incomplete", "sheet_missing_data", "missing_shared_string", "ole2", "csv_unparseable"),
  ENCRYPTED_FILE("encrypted_file", "The spreadsheet is protected by a password; save it without one."),
  ZIP_BOMB("zip_bomb", "The spreadsheet expands to far more data than its size allows; refused as a zip bomb.",
      "shared_text"),
  UNSAFE_XML("unsafe_xml", "The spreadsheet contains XML that is not allowed (external entities or DOCTYPE)."),
  TOO_MANY_COLUMNS("too_many_columns", "The file has more columns than allowed.", "row", "cell"),
  NO_RECOGNISABLE_COLUMN("no_recognisable_column",
      "No column could be recognised as a name, email, phone or other contact field.",
      "no_header", "no_contact_column", "nameless_columns"),
  SHEET_NOT_FOUND("sheet_not_found", "The requested sheet does not exist in the workbook.", "named");

  private final String code;
  private final String defaultMessage;
  private final List<String> variants;

  ConversionError(String code, String defaultMessage, String... variants) {
    this.code = code;
    this.defaultMessage = defaultMessage;
    this.variants = List.of(variants);
  }

  public String code() {
    return code;
  }

  public String defaultMessage() {
    return defaultMessage;
  }

  /** The named variants of this code's message, beside its own. */
  public List<String> variants() {
    return variants;
  }
}
