package com.ghldata.engine.read;

/**
 * Defences against hostile files: a file over a limit is refused with a clear error, not truncated.
 *
 * @param maxColumns columns in one row (TOO_MANY_COLUMNS beyond)
 * @param maxCellChars characters in one cell (CELL_TOO_LARGE beyond)
 */
public record ReadLimits(int maxColumns, int maxCellChars) {
  public static final ReadLimits DEFAULT = new ReadLimits(1024, 32 * 1024);

  public ReadLimits {
    if (maxColumns < 1 || maxCellChars < 1) {
      throw new IllegalArgumentException("read limits must be positive");
    }
  }
}
