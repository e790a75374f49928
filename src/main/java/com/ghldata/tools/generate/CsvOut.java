package com.ghldata.tools.generate;

import com.ghldata.engine.write.Utf8;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * A minimal RFC 4180 record writer: fields are quoted only when they hold the delimiter, a quote,
 * CR or LF; records end with CRLF. Hand-rolled, UTF-8 encoder included, because the benchmark
 * generates a million rows and the general-purpose printers and encoders cost more than generating
 * the rows (the JDK's UTF-8 encoder drops to a slow loop at the first accent). Other charsets go
 * through a reporting {@link java.nio.charset.CharsetEncoder}. Not thread-safe.
 */
final class CsvOut implements AutoCloseable {
  private final OutputStream out;
  /** Null when writing UTF-8, which is encoded here. */
  private final Writer writer;
  private final char delimiter;
  private final char[] buffer = new char[1 << 15];
  private final byte[] bytes;
  private int size;

  CsvOut(OutputStream out, Charset charset, char delimiter) {
    checkDelimiter(delimiter);
    this.out = out;
    this.delimiter = delimiter;
    boolean utf8 = charset.equals(StandardCharsets.UTF_8);
    // a fresh encoder reports unmappable characters instead of silently writing '?'
    this.writer = utf8 ? null : new OutputStreamWriter(out, charset.newEncoder());
    this.bytes = utf8 ? new byte[buffer.length * 3] : null;
  }

  static void checkDelimiter(char delimiter) {
    if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
      throw new IllegalArgumentException("the delimiter cannot be a quote or a line break, was " + (int) delimiter);
    }
  }

  /** Writes one character as is, outside any field: the byte order mark. */
  void raw(char c) throws IOException {
    put(c);
  }

  void record(String[] values) throws IOException {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        put(delimiter);
      }
      field(values[i]);
    }
    put('\r');
    put('\n');
  }

  @Override
  public void close() throws IOException {
    Closeable target = writer != null ? writer : out;
    try {
      drain();
      if (size > 0) {
        throw new MalformedInputException(1); // the text ended on a high surrogate
      }
    } finally {
      target.close();
    }
  }

  private void field(String value) throws IOException {
    int n = value.length();
    if (size + n > buffer.length) {
      drain();
      if (size + n > buffer.length) {
        slowField(value, needsQuotes(value)); // longer than the whole buffer
        return;
      }
    }
    // copy, then scan the copy without branches: beats charAt and a handful of indexOf calls
    int start = size;
    value.getChars(0, n, buffer, start);
    char d = delimiter;
    boolean quote = false;
    for (int i = start, end = start + n; i < end; i++) {
      char c = buffer[i];
      quote |= c == d | c == '"' | c == '\n' | c == '\r';
    }
    if (quote) {
      size = start;
      slowField(value, true);
      return;
    }
    size = start + n;
  }

  private boolean needsQuotes(String value) {
    for (int i = 0, n = value.length(); i < n; i++) {
      char c = value.charAt(i);
      if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }

  private void slowField(String value, boolean quote) throws IOException {
    if (quote) {
      put('"');
    }
    for (int i = 0, n = value.length(); i < n; i++) {
      char c = value.charAt(i);
      if (c == '"') {
        put('"');
      }
      put(c);
    }
    if (quote) {
      put('"');
    }
  }

  private void put(char c) throws IOException {
    if (size == buffer.length) {
      drain();
    }
    buffer[size++] = c;
  }

  private void drain() throws IOException {
    if (writer != null) {
      writer.write(buffer, 0, size);
      size = 0;
      return;
    }
    int end = size;
    if (end > 0 && Character.isHighSurrogate(buffer[end - 1])) {
      end--; // keep a pair split by the buffer boundary for the next round
    }
    byte[] b = bytes;
    int k = 0;
    try {
      k = Utf8.encode(buffer, 0, end, b, k, false, Utf8.LoneSurrogate.REFUSE);
    } catch (IllegalArgumentException loneSurrogate) {
      throw new MalformedInputException(1);
    }
    out.write(b, 0, k);
    if (end < size) {
      buffer[0] = buffer[end];
    }
    size -= end;
  }
}
