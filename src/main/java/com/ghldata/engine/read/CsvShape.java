package com.ghldata.engine.read;

import com.ghldata.engine.ConversionError;
import com.ghldata.engine.ConversionException;
import java.io.IOException;
import java.util.Map;

/**
 * Follows the record structure of CSV text as it streams past, the way Commons CSV's lexer splits it
 * for {@link CsvRowReader}'s format (quote {@code "}, no escape character, text after a closing quote
 * kept, line ends CR, LF or CRLF). Commons CSV holds a whole record in memory before we can look at
 * it, so a 2 GB cell or a row of ten million cells would exhaust the heap first; counting here, on
 * the characters before the parser buffers them, refuses such rows while they are still small.
 *
 * <p>The delimiter sniffer uses the same machine to count the cells of the first records.
 */
final class CsvShape {
  private static final int START = 0; // before the first character of a cell
  private static final int SIMPLE = 1; // inside an unquoted cell
  private static final int QUOTED = 2; // inside a quoted cell
  private static final int QUOTE_SEEN = 3; // a quote inside a quoted cell: closes it, or "" escapes one
  private static final int AFTER_QUOTE = 4; // after the closing quote, before the delimiter

  private final char delimiter;
  private final int maxColumns;
  private final int maxCellChars;
  private final int[] recordCells; // cells of each completed record, for the sniffer; null when guarding

  private int state = START;
  private boolean afterCr;
  private int cells = 1;
  private int cellLength;
  /** The number of the record being read, for refusals. */
  private int record;
  private int completed;

  private CsvShape(char delimiter, int maxColumns, int maxCellChars, int[] recordCells, int firstRecord) {
    this.delimiter = delimiter;
    this.maxColumns = maxColumns;
    this.maxCellChars = maxCellChars;
    this.recordCells = recordCells;
    this.record = firstRecord;
  }

  /**
   * A guard that fails as soon as a record breaks the limits.
   *
   * @param firstRecord the number of the first record it sees (the text may start after others)
   */
  static CsvShape guard(char delimiter, ReadLimits limits, int firstRecord) {
    return new CsvShape(delimiter, limits.maxColumns(), limits.maxCellChars(), null, firstRecord);
  }

  /** A counter of the cells in each of the first {@code maxRecords} records. */
  static CsvShape counter(char delimiter, int maxRecords) {
    return new CsvShape(delimiter, Integer.MAX_VALUE, Integer.MAX_VALUE, new int[maxRecords], 1);
  }

  /** Cells per completed record, in order (counter only). */
  int[] recordCells() {
    int n = Math.min(completed, recordCells.length);
    int[] out = new int[n];
    System.arraycopy(recordCells, 0, out, 0, n);
    return out;
  }

  /** Counts the record still open at the end of the text, if it has any character. */
  void finish() {
    if (state != START || cells > 1) {
      endRecord();
    }
  }

  boolean full() {
    return recordCells != null && completed >= recordCells.length;
  }

  /** Feeds characters in stream order. */
  void feed(char[] buf, int off, int len) throws LimitExceeded {
    // Locals keep the per-character loop out of memory; written back at the end.
    int st = state;
    int length = cellLength;
    boolean cr = afterCr;
    final char delim = delimiter;
    final int maxChars = maxCellChars;
    for (int i = off, end = off + len; i < end; i++) {
      char c = buf[i];
      switch (st) {
        case START:
          if (cr) {
            cr = false;
            if (c == '\n') {
              continue; // the LF of a CRLF that already ended the record
            }
          }
          if (c == delim) {
            newCell();
            length = 0;
          } else if (c == '\n' || c == '\r') {
            endRecord();
            length = 0;
            cr = c == '\r';
          } else if (c == '"') {
            st = QUOTED;
            length = 0;
          } else {
            st = SIMPLE;
            length = 1;
          }
          break;
        case SIMPLE:
        case AFTER_QUOTE:
          if (c != delim && c != '\n' && c != '\r') {
            // Most characters are plain text: take the whole run before looking at the next one.
            int j = i + 1;
            while (j < end && (c = buf[j]) != delim && c != '\n' && c != '\r') {
              j++;
            }
            length += j - i;
            if (length > maxChars) {
              throw cellTooLarge();
            }
            if (j == end) {
              i = j;
              break;
            }
            i = j;
          }
          // c ends the cell: the delimiter or a line end.
          if (c == delim) {
            newCell();
          } else {
            endRecord();
            cr = c == '\r';
          }
          st = START;
          length = 0;
          break;
        case QUOTED: {
          int j = i;
          while (j < end && buf[j] != '"') {
            j++;
          }
          length += j - i;
          if (length > maxChars) {
            throw cellTooLarge();
          }
          if (j < end) {
            st = QUOTE_SEEN;
          }
          i = j;
          break;
        }
        default: // QUOTE_SEEN
          if (c == '"') {
            st = QUOTED;
            if (++length > maxChars) {
              throw cellTooLarge();
            }
          } else if (c == delim) {
            newCell();
            st = START;
            length = 0;
          } else if (c == '\n' || c == '\r') {
            endRecord();
            st = START;
            length = 0;
            cr = c == '\r';
          } else {
            st = AFTER_QUOTE;
            if (++length > maxChars) {
              throw cellTooLarge();
            }
          }
          break;
      }
    }
    state = st;
    cellLength = length;
    afterCr = cr;
  }

  private void newCell() throws LimitExceeded {
    if (++cells > maxColumns) {
      throw new LimitExceeded(new ConversionException(ConversionError.TOO_MANY_COLUMNS, "row",
          Map.of("row", record, "limit", maxColumns), "Row " + record + " has more than " + maxColumns + " columns (the limit)."));
    }
  }

  private void endRecord() {
    if (recordCells != null && completed < recordCells.length) {
      recordCells[completed] = cells;
    }
    completed++;
    record++;
    cells = 1;
  }

  private LimitExceeded cellTooLarge() {
    return new LimitExceeded(CsvRowReader.cellTooLarge(record, maxCellChars));
  }

  /** Carries a refusal through the Reader chain, whose methods may only throw IOException. */
  static final class LimitExceeded extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient ConversionException refusal;

    LimitExceeded(ConversionException refusal) {
      super(refusal.getMessage());
      this.refusal = refusal;
    }

    ConversionException refusal() {
      return refusal;
    }
  }
}
