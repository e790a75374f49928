package com.ghldata.engine.read;

/**
 * Defences against hostile files. A row over the column limit fails the file with a clear error; a
 * cell over the character limit costs only its tail: the reader keeps the first {@code maxCellChars}
 * characters, skips the rest without holding it, and tells the handler ({@link RowHandler#cellCut}).
 *
 * @param maxColumns columns in one row (TOO_MANY_COLUMNS beyond)
 * @param maxCellChars characters kept of one cell (cut beyond)
 */
public record ReadLimits(int maxColumns, int maxCellChars) {
  public static final ReadLimits DEFAULT = new ReadLimits(1024, 32 * 1024);

  public ReadLimits {
    if (maxColumns < 1 || maxCellChars < 1) {
      throw new IllegalArgumentException("read limits must be positive");
    }
  }

  /**
   * What is kept of a cell the reader cuts: its first {@code maxCellChars} characters, one fewer
   * when the last would be the first half of a surrogate pair (an emoji is kept whole or not at all).
   */
  String cut(CharSequence cell) {
    return cell.subSequence(0, cutLength(cell)).toString();
  }

  /** The length of {@link #cut}. */
  int cutLength(CharSequence cell) {
    int end = Math.min(cell.length(), maxCellChars);
    if (end > 0 && Character.isHighSurrogate(cell.charAt(end - 1))) {
      end--;
    }
    return end;
  }
}
