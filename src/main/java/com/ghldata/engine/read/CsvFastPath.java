package com.ghldata.engine.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fast path of {@link CsvRowReader}: splits the records of well-formed CSV itself and hands the
 * rest of the file to Commons CSV at the first record it does not vouch for, as the phone fast path
 * hands odd numbers to libphonenumber.
 *
 * <p>Commons CSV reads a char at a time through two buffered readers and a StringBuilder, after a
 * decoder that turns the whole file into chars, behind the shape guard that scans every char once
 * more: together about a quarter of a million-row conversion. Here records are split on the bytes
 * of a UTF-8 or windows-1252 file (the delimiter, quote and line ends are ASCII, which never occurs
 * inside another character's bytes in those encodings) and each cell is decoded on its own, the
 * JDK's fastest path from bytes to a String. Only records that lie whole in the buffer (64 KiB,
 * doubled for a longer record up to 4 MiB) and are well formed are split here: cells unquoted (a
 * quote inside one is text), or quoted with {@code ""} for a quote and the closing quote right
 * before the delimiter or the line end; line ends LF, CRLF or CR; an empty line is a record of one
 * empty cell; within the column limit. A cell past the character limit is cut here as the guard
 * cuts it for Commons CSV: only its beginning is decoded. The first record that is anything else
 * (text after a closing quote, a quote left open at the end of the file, a record over 4 MiB, a
 * column past the limit) and every record after it go to Commons CSV, with the guard, from the
 * start of that record: {@code CsvFastPathTest} holds the two together to what Commons CSV alone gives, on random
 * text and bytes and wherever the buffer's edges fall.
 */
final class CsvFastPath {
  static final int BUFFER_BYTES = 1 << 16;
  /** A longer record (a long note, say) doubles the buffer up to this; past it, Commons CSV reads on. */
  static final int MAX_BUFFER_BYTES = 1 << 22;

  private final InputStream in;
  private final Charset charset;
  private final byte delimiter;
  private final int maxColumns;
  private final ReadLimits limits;
  /** The bytes decoded of a longer cell: enough for maxCellChars + 1 chars in either encoding. */
  private final int maxCellBytes;
  /** The bytes read and not yet split: buf[pos, end). */
  private byte[] buf;
  private final int maxBufferBytes;
  private int pos;
  private int end;
  private boolean eof;
  private String[] cells = new String[16];
  /** The columns of the last record split that were cut to the limit. */
  private int[] cut = new int[4];
  private int cutCount;
  private int records;
  private boolean handedOver;

  /** True when the fast path can split text in this encoding with this delimiter. */
  static boolean handles(Charset charset, char delimiter) {
    return delimiter < 0x80 && (charset.equals(StandardCharsets.UTF_8) || charset.equals(TextSniffer.WINDOWS_1252));
  }

  /**
   * @param in the file's bytes, past any byte-order mark
   * @param bufferBytes the buffer's size at first; tests make records cross its edges and outgrow it
   * @param maxBufferBytes the longest record split here
   * @throws IllegalArgumentException unless {@link #handles} the charset and delimiter
   */
  CsvFastPath(InputStream in, Charset charset, char delimiter, ReadLimits limits, int bufferBytes,
      int maxBufferBytes) {
    if (!handles(charset, delimiter)) {
      throw new IllegalArgumentException(charset + " with " + delimiter);
    }
    this.in = in;
    this.charset = charset;
    this.delimiter = (byte) delimiter;
    this.maxColumns = limits.maxColumns();
    this.limits = limits;
    // A char takes at most 3 bytes (4 for a pair of chars), a broken sequence at the end at most 3.
    this.maxCellBytes = (int) Math.min(Integer.MAX_VALUE, 3L * limits.maxCellChars() + 6);
    this.buf = new byte[bufferBytes];
    this.maxBufferBytes = Math.max(bufferBytes, maxBufferBytes);
  }

  /** The record number (1-based) of the last record {@link #next} returned. */
  int recordNumber() {
    return records;
  }

  /**
   * The next record's cells; null at the end of the text, or when the next record is one for
   * Commons CSV ({@link #handedOver()}).
   */
  String[] next() throws IOException {
    while (true) {
      if (pos == end && !fill()) {
        return null;
      }
      int n = split();
      if (n >= 0) {
        records++;
        return Arrays.copyOf(cells, n);
      }
      if (n == MORE && pos == 0 && end == buf.length && buf.length < maxBufferBytes) {
        buf = Arrays.copyOf(buf, (int) Math.min(2L * buf.length, maxBufferBytes));
      }
      if (n == ODD || (pos == 0 && end == buf.length) || !fill()) {
        // Not plain, or longer than the longest buffer, or left open at the end of the text.
        handedOver = true;
        return null;
      }
    }
  }

  /** Tells the handler which cells of the last record {@link #next} returned were cut. */
  void reportCuts(RowHandler handler) {
    for (int i = 0; i < cutCount; i++) {
      handler.cellCut(records, cut[i]);
    }
  }

  /** True when {@link #next} stopped at a record for Commons CSV rather than at the end. */
  boolean handedOver() {
    return handedOver;
  }

  /**
   * The bytes from the first record not split here on: the rest of the buffer, then the stream. A
   * record starts after an ASCII line end, so a decoder starts there as it would have mid-file.
   */
  InputStream rest() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        return pos < end ? buf[pos++] & 0xFF : in.read();
      }

      @Override
      public int read(byte[] to, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        if (pos < end) {
          int n = Math.min(len, end - pos);
          System.arraycopy(buf, pos, to, off, n);
          pos += n;
          return n;
        }
        return in.read(to, off, len);
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }

  private static final int MORE = -1; // the record goes past the text read so far
  private static final int ODD = -2; // a record for Commons CSV

  /**
   * Splits the record at {@code pos} into {@code cells}; answers the number of cells and moves past
   * the record, or answers MORE or ODD and leaves {@code pos} where it was.
   */
  private int split() {
    final byte[] b = buf;
    final byte d = delimiter;
    final int limit = end;
    int i = pos;
    int n = 0;
    cutCount = 0;
    while (true) {
      String cell;
      byte c = i < limit ? b[i] : 0;
      if (i == limit) {
        if (!eof) {
          return MORE;
        }
        // The text ends right after a delimiter: one more empty cell ends the record.
        cell = "";
      } else if (c == '"') {
        int from = i + 1;
        int j = from;
        while (j < limit && b[j] != '"') {
          j++;
        }
        if (j + 1 >= limit) {
          return j < limit && eof ? quotedAtEnd(b, from, j, n) : eof ? ODD : MORE;
        }
        if (b[j + 1] == '"') {
          // "" inside: unescaped by hand, the rare case.
          int close = closingQuote(b, j, limit);
          if (close < 0) {
            return eof ? ODD : MORE;
          }
          cell = unescape(b, from, close, n);
          j = close;
        } else {
          cell = decode(b, from, j - from, n);
        }
        i = j + 1;
        c = b[i];
        if (c != d && c != '\n' && c != '\r') {
          return ODD; // text after the closing quote
        }
      } else {
        int from = i;
        // A quote inside an unquoted cell is text, for Commons CSV too.
        while (i < limit && (c = b[i]) != d && c != '\n' && c != '\r') {
          i++;
        }
        if (i == limit && !eof) {
          return MORE;
        }
        cell = decode(b, from, i - from, n);
      }
      if (n == maxColumns) {
        return ODD;
      }
      if (n == cells.length) {
        cells = Arrays.copyOf(cells, n * 2);
      }
      cells[n++] = cell;
      if (i == limit) {
        // Read to the end of the text: the record ends with it.
        pos = i;
        return n;
      }
      if (c == d) {
        i++;
        continue;
      }
      // A line end: CR LF, LF, or CR alone.
      if (c == '\r') {
        if (i + 1 == limit && !eof) {
          return MORE;
        }
        if (i + 1 < limit && b[i + 1] == '\n') {
          i++;
        }
      }
      pos = i + 1;
      return n;
    }
  }

  /** A quoted cell whose closing quote is the last byte of the text. */
  private int quotedAtEnd(byte[] b, int from, int close, int n) {
    String cell = decode(b, from, close - from, n);
    if (n == maxColumns) {
      return ODD;
    }
    if (n == cells.length) {
      cells = Arrays.copyOf(cells, n * 2);
    }
    cells[n++] = cell;
    pos = close + 1;
    return n;
  }

  /**
   * The closing quote of a quoted cell in which {@code b[at]} and {@code b[at + 1]} are an escaped
   * quote, or -1 when it is not in the buffer or could still be followed by one.
   */
  private static int closingQuote(byte[] b, int at, int limit) {
    int j = at + 2;
    while (j < limit) {
      if (b[j] == '"') {
        if (j + 1 == limit) {
          return -1;
        }
        if (b[j + 1] != '"') {
          return j;
        }
        j += 2;
      } else {
        j++;
      }
    }
    return -1;
  }

  /** The text of a quoted cell between its quotes, each {@code ""} made one quote, cut to the limit. */
  private String unescape(byte[] b, int from, int close, int column) {
    byte[] text = new byte[Math.min(close - from, maxCellBytes)];
    int n = 0;
    for (int k = from; k < close && n < text.length; k++) {
      text[n++] = b[k];
      if (b[k] == '"') {
        k++; // the second quote of a pair
      }
    }
    return decode(text, 0, n, column);
  }

  /**
   * One cell's text, cut to the limit (recorded as a cut of {@code column}) when longer: only the
   * bytes that can hold the part kept are decoded.
   */
  private String decode(byte[] b, int from, int length, int column) {
    if (length == 0) {
      return "";
    }
    String cell = new String(b, from, Math.min(length, maxCellBytes), charset);
    // A char takes one byte or more: only a cell of more bytes than the limit can break it.
    if (length <= limits.maxCellChars() || cell.length() <= limits.maxCellChars()) {
      return cell;
    }
    if (cutCount == cut.length) {
      cut = Arrays.copyOf(cut, cutCount * 2);
    }
    cut[cutCount++] = column;
    return limits.cut(cell);
  }

  /**
   * Reads more text after the unsplit rest, moved to the buffer's start; false at the end of the
   * text (or when the rest fills the buffer).
   */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, end - pos);
      end -= pos;
      pos = 0;
    }
    if (end == buf.length) {
      return false;
    }
    int n = in.read(buf, end, buf.length - end);
    while (n == 0) {
      n = in.read(buf, end, buf.length - end);
    }
    if (n < 0) {
      eof = true;
      // Once more: what is left may now split as the last record.
      return end > pos;
    }
    end += n;
    return true;
  }
}
