package com.ghldata.conversion.read;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records exactly as Commons CSV 1.14's parser did for {@link CsvRowReader}
 * (RFC 4180 made lenient: quote {@code "}, no escape, no comments, text after a closing quote kept,
 * an unclosed quote at the end of the file ends the cell, empty lines are records of one empty cell,
 * line ends CR, LF or CRLF), and refuses a record past the limits while reading it, before it can
 * fill the heap. {@code CsvRecordsTest} holds it to Commons CSV on random and hostile text.
 *
 * <p>Written for speed: Commons CSV reads char by char through two buffered readers and a
 * StringBuilder and was a quarter of a whole conversion; here an unquoted cell that lies in the
 * buffer becomes a String in one copy.
 */
final class CsvRecords {
  private static final int EOF = -1;

  private final Reader in;
  private final char delimiter;
  private final int maxColumns;
  private final int maxCellChars;
  private final char[] buf;
  private int pos;
  private int end;
  private boolean eofRead;
  /** The previous cell ended with a delimiter: end of file now still makes an empty last cell. */
  private boolean afterDelimiter;
  private char[] cell = new char[256];
  private int cellLength;
  private final List<String> cells = new ArrayList<>();
  private int records;

  CsvRecords(Reader in, char delimiter, ReadLimits limits) {
    this(in, delimiter, limits, 1 << 16);
  }

  /** With a small buffer, tests put cells and line ends across refills. */
  CsvRecords(Reader in, char delimiter, ReadLimits limits, int bufferChars) {
    this.in = in;
    this.buf = new char[bufferChars];
    this.delimiter = delimiter;
    this.maxColumns = limits.maxColumns();
    this.maxCellChars = limits.maxCellChars();
  }

  /** The record number (1-based) of the last record {@link #next} returned. */
  int recordNumber() {
    return records;
  }

  /**
   * The next record's cells, or null after the last.
   *
   * @throws CsvShape.LimitExceeded with the refusal when the record breaks the limits
   */
  String[] next() throws IOException {
    cells.clear();
    while (true) {
      boolean eofBefore = eofRead;
      int c = read();
      boolean eol = endOfLine(c);
      if (eofBefore || (!afterDelimiter && c == EOF)) {
        break;
      }
      afterDelimiter = false;
      boolean more;
      if (c == delimiter) {
        cells.add("");
        afterDelimiter = more = true;
      } else if (eol || c == EOF) {
        cells.add("");
        more = false;
      } else if (c == '"') {
        more = quoted();
      } else {
        more = simple();
      }
      if (more && cells.size() >= maxColumns) {
        throw new CsvShape.LimitExceeded(CsvRowReader.tooManyColumns(records + 1, maxColumns));
      }
      if (!more) {
        break;
      }
    }
    if (cells.isEmpty()) {
      return null;
    }
    records++;
    return cells.toArray(new String[0]);
  }

  /** An unquoted cell whose first char was just read; true when a delimiter ended it. */
  private boolean simple() throws IOException {
    int start = pos - 1;
    int i = pos;
    final char d = delimiter;
    final char[] b = buf;
    while (i < end) {
      char c = b[i];
      if (c == d || c == '\n' || c == '\r') {
        break;
      }
      i++;
    }
    if (i < end) {
      // The whole cell is in the buffer.
      checkLength(i - start);
      cells.add(new String(b, start, i - start));
      pos = i + 1;
      return terminator(b[i]);
    }
    cellLength = 0;
    append(b, start, end - start);
    pos = end;
    while (true) {
      int c = read();
      if (endOfLine(c) || c == EOF) {
        addCell();
        return false;
      }
      if (c == d) {
        addCell();
        afterDelimiter = true;
        return true;
      }
      append((char) c);
    }
  }

  /** A quoted cell whose opening quote was just read; true when a delimiter ended it. */
  private boolean quoted() throws IOException {
    cellLength = 0;
    while (true) {
      int c = read();
      if (c == '"') {
        if (peek() == '"') {
          read();
          append('"');
          continue;
        }
        // After the closing quote, text up to the delimiter or line end belongs to the cell.
        while (true) {
          c = read();
          if (c == delimiter) {
            addCell();
            afterDelimiter = true;
            return true;
          }
          if (c == EOF || endOfLine(c)) {
            addCell();
            return false;
          }
          append((char) c);
        }
      }
      if (c == EOF) {
        addCell();
        return false;
      }
      append((char) c);
    }
  }

  /** Handles the char that ended a cell found in the buffer: a delimiter or a line end. */
  private boolean terminator(char c) throws IOException {
    if (c == delimiter) {
      afterDelimiter = true;
      return true;
    }
    endOfLine(c);
    return false;
  }

  private void addCell() {
    cells.add(new String(cell, 0, cellLength));
  }

  private void append(char c) throws CsvShape.LimitExceeded {
    if (cellLength == maxCellChars) {
      checkLength(cellLength + 1);
    }
    if (cellLength == cell.length) {
      cell = java.util.Arrays.copyOf(cell, cell.length * 2);
    }
    cell[cellLength++] = c;
  }

  private void append(char[] from, int start, int length) throws CsvShape.LimitExceeded {
    checkLength(cellLength + length);
    if (cellLength + length > cell.length) {
      cell = java.util.Arrays.copyOf(cell, Math.max(cellLength + length, cell.length * 2));
    }
    System.arraycopy(from, start, cell, cellLength, length);
    cellLength += length;
  }

  private void checkLength(int length) throws CsvShape.LimitExceeded {
    if (length > maxCellChars) {
      throw new CsvShape.LimitExceeded(CsvRowReader.cellTooLarge(records + 1, maxCellChars));
    }
  }

  /** True for CR, LF, and a CR followed by LF (the LF is consumed). */
  private boolean endOfLine(int c) throws IOException {
    if (c == '\r') {
      if (peek() == '\n') {
        read();
      }
      return true;
    }
    return c == '\n';
  }

  private int read() throws IOException {
    if (pos == end && !fill()) {
      eofRead = true;
      return EOF;
    }
    return buf[pos++];
  }

  private int peek() throws IOException {
    if (pos == end && !fill()) {
      return EOF;
    }
    return buf[pos];
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    while (n == 0) {
      n = in.read(buf, 0, buf.length);
    }
    if (n < 0) {
      return false;
    }
    pos = 0;
    end = n;
    return true;
  }
}
