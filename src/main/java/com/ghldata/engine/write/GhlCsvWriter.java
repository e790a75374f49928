package com.ghldata.engine.write;

import com.ghldata.engine.Contact;
import com.ghldata.engine.GhlColumn;
import com.ghldata.engine.PackedContact;
import com.ghldata.engine.normalize.TextCleaner;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * Writes the GHL import CSV: UTF-8, comma, RFC 4180 quoting, header first, optional BOM.
 *
 * <p>The bytes are those Commons CSV's {@code CSVPrinter} with {@link #FORMAT} writes through a UTF-8
 * {@code OutputStreamWriter} (the golden files were made that way, and the rejects file and the split
 * parts still are): its minimal quoting quotes a field that starts with a character up to {@code #},
 * holds a comma, quote, CR or LF, or ends with a character up to space, and an empty first field; a
 * lone surrogate becomes {@code ?}. Encoded here, straight into a byte buffer, because the printer,
 * the Writer chain and the JDK's UTF-8 encoder (slow at the first accent) cost more than all the
 * rest of writing. {@code GhlCsvWriterTest} holds the two to the same bytes.
 */
public final class GhlCsvWriter implements Closeable {
  public static final CSVFormat FORMAT = CSVFormat.RFC4180;

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final OutputStream out;
  private final List<GhlColumn> columns;
  private final GhlColumn[] order;
  private byte[] buffer = new byte[1 << 16];
  private int size;
  private char[] chars = new char[256];

  public GhlCsvWriter(OutputStream out, List<GhlColumn> columns, boolean bom) throws IOException {
    this(out, columns);
    if (bom) {
      System.arraycopy(BOM, 0, buffer, 0, BOM.length);
      size = BOM.length;
    }
    for (int i = 0; i < order.length; i++) {
      field(order[i].header(), i == 0);
    }
    endRecord();
  }

  private GhlCsvWriter(OutputStream out, List<GhlColumn> columns) {
    this.out = out;
    this.columns = List.copyOf(columns);
    this.order = this.columns.toArray(new GhlColumn[0]);
  }

  /** A writer of rows only, no BOM or header: a part of the file that another writer began. */
  public static GhlCsvWriter rowsOnly(OutputStream out, List<GhlColumn> columns) {
    return new GhlCsvWriter(out, columns);
  }

  /** Adds one to {@code filled[ordinal]} for each written column that holds a value in {@code c}. */
  public void countFilled(PackedContact c, long[] filled) {
    for (GhlColumn col : order) {
      if (c.has(col)) {
        filled[col.ordinal()]++;
      }
    }
  }

  /** The values of a contact as {@link #write} writes them (formula-guarded), for the preview. */
  public String[] values(Contact c) {
    String[] row = new String[order.length];
    for (int i = 0; i < order.length; i++) {
      GhlColumn col = order[i];
      String v = c.get(col);
      row[i] = guarded(col) ? TextCleaner.guardFormula(v) : v;
    }
    return row;
  }

  /** Writes a packed contact, its values as {@link #values} gives them. */
  public void write(PackedContact c) throws IOException {
    byte[] bytes = c.bytes();
    for (int i = 0; i < order.length; i++) {
      GhlColumn col = order[i];
      int from = c.start(col);
      int length = c.length(col);
      boolean guard = length > 0 && guarded(col) && TextCleaner.startsLikeFormula((char) bytes[from]);
      utf8Field(bytes, from, length, guard, i == 0);
    }
    endRecord();
  }

  /** A validated E.164 phone starts with '+' and must reach GHL unaltered; other text is guarded. */
  private static boolean guarded(GhlColumn col) {
    return col != GhlColumn.PHONE && col != GhlColumn.ADDITIONAL_PHONES;
  }

  public List<String> headers() {
    List<String> h = new ArrayList<>();
    columns.forEach(c -> h.add(c.header()));
    return h;
  }

  @Override
  public void close() throws IOException {
    flush();
    out.flush();
  }

  /**
   * Writes the separator before a field and, when the value is empty, the whole field; answers
   * whether the field is complete.
   */
  private boolean startField(boolean empty, boolean firstInRecord) throws IOException {
    if (!firstInRecord) {
      ensure(1);
      buffer[size++] = ',';
    }
    if (empty && firstInRecord) {
      // An empty first field is quoted, or a one-column record would be an empty line.
      ensure(2);
      buffer[size++] = '"';
      buffer[size++] = '"';
    }
    return empty;
  }

  private void field(String value, boolean firstInRecord) throws IOException {
    int n = value.length();
    if (startField(n == 0, firstInRecord)) {
      return;
    }
    if (chars.length < n) {
      chars = new char[Math.max(n, chars.length * 2)];
    }
    char[] cs = chars;
    value.getChars(0, n, cs, 0);
    boolean quote = needsQuotes(cs, n);
    // At most 3 bytes per char (a surrogate pair is 4 bytes for 2 chars), a quote doubled is 2.
    ensure(3 * n + 2);
    byte[] b = buffer;
    int k = size;
    if (quote) {
      b[k++] = '"';
    }
    k = Utf8.encode(cs, 0, n, b, k, true, Utf8.LoneSurrogate.REPLACE);
    if (quote) {
      b[k++] = '"';
    }
    size = k;
  }

  /**
   * {@link #field} for a value already in UTF-8, prefixed with {@code '} when {@code guard}. The
   * quoting rules look at ASCII characters only, and in UTF-8 the bytes of other characters are all
   * 0x80 and above, so the bytes (unsigned) answer them as the chars do.
   */
  private void utf8Field(byte[] src, int from, int length, boolean guard, boolean firstInRecord) throws IOException {
    if (startField(length == 0, firstInRecord)) {
      return;
    }
    int end = from + length;
    boolean quote = (!guard && (src[from] & 0xFF) <= '#') || (src[end - 1] & 0xFF) <= ' ';
    int quotes = 0;
    for (int i = from; i < end; i++) {
      byte c = src[i];
      quote |= c == ',' | c == '\n' | c == '\r';
      quotes += c == '"' ? 1 : 0;
    }
    quote |= quotes > 0;
    ensure(length + quotes + 3);
    byte[] b = buffer;
    int k = size;
    if (quote) {
      b[k++] = '"';
    }
    if (guard) {
      b[k++] = '\'';
    }
    if (quotes == 0) {
      System.arraycopy(src, from, b, k, length);
      k += length;
    } else {
      for (int i = from; i < end; i++) {
        byte c = src[i];
        if (c == '"') {
          b[k++] = '"';
        }
        b[k++] = c;
      }
    }
    if (quote) {
      b[k++] = '"';
    }
    size = k;
  }

  /** CSVFormat.printWithQuotes in QuoteMode.MINIMAL, for a non-empty value. */
  private static boolean needsQuotes(char[] cs, int n) {
    if (cs[0] <= '#' || cs[n - 1] <= ' ') {
      return true;
    }
    boolean special = false;
    for (int i = 0; i < n; i++) {
      char c = cs[i];
      special |= c == ',' | c == '"' | c == '\n' | c == '\r';
    }
    return special;
  }

  private void endRecord() throws IOException {
    ensure(2);
    buffer[size++] = '\r';
    buffer[size++] = '\n';
  }

  private void ensure(int bytes) throws IOException {
    if (size + bytes > buffer.length) {
      flush();
      if (bytes > buffer.length) {
        buffer = new byte[bytes]; // one huge cell (notes are capped, other cells only by the read limits)
      }
    }
  }

  /** Hands what is buffered to the output stream (without flushing that stream). */
  public void flush() throws IOException {
    out.write(buffer, 0, size);
    size = 0;
  }
}
