package com.ghldata.engine;

/**
 * Why a file cannot be converted. The code is stable: the CLI prints it, the HTTP API returns it
 * as the problem+json {@code code}, clients may switch on it.
 */
public enum ConversionError {
  EMPTY_FILE("empty_file", "The file is empty."),
  NO_DATA_ROWS("no_data_rows", "The file has a header row but no contact rows."),
  NOT_A_SPREADSHEET("not_a_spreadsheet", "The file is not a spreadsheet (XLSX, XLS or CSV)."),
  CORRUPT_FILE("corrupt_file", "The spreadsheet is damaged and cannot be read."),
  ENCRYPTED_FILE("encrypted_file", "The spreadsheet is protected by a password; save it without one."),
  ZIP_BOMB("zip_bomb", "The spreadsheet expands to far more data than its size allows; refused as a zip bomb."),
  UNSAFE_XML("unsafe_xml", "The spreadsheet contains XML that is not allowed (external entities or DOCTYPE)."),
  TOO_MANY_COLUMNS("too_many_columns", "The file has more columns than allowed."),
  NO_RECOGNISABLE_COLUMN("no_recognisable_column",
      "No column could be recognised as a name, email, phone or other contact field."),
  SHEET_NOT_FOUND("sheet_not_found", "The requested sheet does not exist in the workbook.");

  private final String code;
  private final String defaultMessage;

  ConversionError(String code, String defaultMessage) {
    this.code = code;
    this.defaultMessage = defaultMessage;
  }

  public String code() {
    return code;
  }

  public String defaultMessage() {
    return defaultMessage;
  }
}
