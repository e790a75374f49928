package com.ghldata.engine.read;

import com.ghldata.engine.ConversionError;
import com.ghldata.engine.ConversionException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.function.IntConsumer;
import java.util.Map;

/**
 * Follows the record structure of CSV text as it streams past, the way Commons CSV's lexer splits it
 * for {@link CsvRowReader}'s format (quote {@code "}, no escape character, text after a closing quote
 * kept, line ends CR, LF or CRLF). Commons CSV holds a whole record in memory before we can look at
 * it, so a 2 GB cell or a row of ten million cells would exhaust the heap first; here, on the
 * characters before the parser buffers them, a row of too many cells is refused while it is still
 * small, and a cell past the character limit is cut: its characters beyond the limit are dropped
 * from the text the parser gets (a quoted cell is closed where it is cut), so the parser never holds
 * more of it than the limit. The cut cells are queued, by record and column, for the reader.
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
  /** Characters kept of the cell being read; at most the limit. */
  private int cellLength;
  /** Past the limit in this cell: its characters are dropped until it ends. */
  private boolean cutting;
  /** The number of the record being read, for refusals. */
  private int record;
  private int completed;
  /** Cut cells not yet taken by the reader, each (record << 32 | column); the parser reads a little behind. */
  private final ArrayDeque<Long> cuts = new ArrayDeque<>();

  private CsvShape(char delimiter, int maxColumns, int maxCellChars, int[] recordCells, int firstRecord) {
    this.delimiter = delimiter;
    this.maxColumns = maxColumns;
    this.maxCellChars = maxCellChars;
    this.recordCells = recordCells;
    this.record = firstRecord;
  }

  /**
   * A guard that fails as soon as a record has too many cells and cuts cells past the limit.
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

  /** Hands over the columns cut in record {@code recordNumber}, and forgets them (and any of earlier records). */
  void takeCuts(int recordNumber, IntConsumer column) {
    while (!cuts.isEmpty()) {
      long next = cuts.peekFirst();
      int at = (int) (next >>> 32);
      if (at > recordNumber) {
        return;
      }
      cuts.removeFirst();
      if (at == recordNumber) {
        column.accept((int) next);
      }
    }
  }

  /**
   * Takes characters in stream order, keeping in {@code buf} from {@code off} on only what the parser
   * is to see (cut cells shortened, a cut quoted cell closed where it is cut).
   *
   * @return how many characters were kept
   */
  int feed(char[] buf, int off, int len) throws LimitExceeded {
    // Locals keep the per-character loop out of memory; written back at the end.
    int st = state;
    int length = cellLength;
    boolean cr = afterCr;
    boolean cut = cutting;
    final char delim = delimiter;
    final int maxChars = maxCellChars;
    int w = off; // where the next kept character goes; never past i
    for (int i = off, end = off + len; i < end; i++) {
      char c = buf[i];
      switch (st) {
        case START:
          if (cr) {
            cr = false;
            if (c == '\n') {
              buf[w++] = c;
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
          buf[w++] = c;
          break;
        case SIMPLE:
        case AFTER_QUOTE:
          if (c != delim && c != '\n' && c != '\r') {
            // Most characters are plain text: take the whole run before looking at the next one.
            int j = i + 1;
            while (j < end && (c = buf[j]) != delim && c != '\n' && c != '\r') {
              j++;
            }
            if (!cut) {
              int keep = Math.min(j - i, maxChars - length);
              System.arraycopy(buf, i, buf, w, keep);
              w += keep;
              length += keep;
              if (keep < j - i) {
                cut = cutAt();
              }
            }
            i = j;
            if (j == end) {
              break;
            }
          }
          // c ends the cell: the delimiter or a line end.
          if (c == delim) {
            newCell();
          } else {
            endRecord();
            cr = c == '\r';
          }
          buf[w++] = c;
          st = START;
          length = 0;
          cut = false;
          break;
        case QUOTED: {
          int j = i;
          while (j < end && buf[j] != '"') {
            j++;
          }
          if (!cut) {
            int keep = Math.min(j - i, maxChars - length);
            System.arraycopy(buf, i, buf, w, keep);
            w += keep;
            length += keep;
            if (keep < j - i) {
              // Closed here for the parser; the rest of the cell, up to its real end, is dropped.
              buf[w++] = '"';
              cut = cutAt();
            }
          }
          if (j < end) {
            st = QUOTE_SEEN;
            if (!cut) {
              buf[w++] = '"';
            }
          }
          i = j;
          break;
        }
        default: // QUOTE_SEEN
          if (c == '"') {
            st = QUOTED;
            if (!cut) {
              if (length < maxChars) {
                buf[w++] = c;
                length++;
              } else {
                cut = cutAt(); // the quote before this one, given already, closes the cell for the parser
              }
            }
          } else if (c == delim) {
            newCell();
            buf[w++] = c;
            st = START;
            length = 0;
            cut = false;
          } else if (c == '\n' || c == '\r') {
            endRecord();
            buf[w++] = c;
            st = START;
            length = 0;
            cut = false;
            cr = c == '\r';
          } else {
            st = AFTER_QUOTE;
            if (!cut) {
              if (length < maxChars) {
                buf[w++] = c;
                length++;
              } else {
                cut = cutAt();
              }
            }
          }
          break;
      }
    }
    state = st;
    cellLength = length;
    afterCr = cr;
    cutting = cut;
    return w - off;
  }

  /** Queues the cell being read as cut; true. */
  private boolean cutAt() {
    cuts.addLast((long) record << 32 | (cells - 1));
    return true;
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
