package com.ghldata.engine.read;

import com.ghldata.engine.ConversionError;
import com.ghldata.engine.ConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams the records of a CSV file, every one of them (title and blank rows included: the engine
 * finds the header row), after detecting the encoding and the delimiter from the first bytes.
 */
public final class CsvRowReader implements RowReader {
  private static final CSVFormat COMMA = format(',');
  private static final CSVFormat SEMICOLON = format(';');
  private static final CSVFormat TAB = format('\t');
  private static final CSVFormat PIPE = format('|');

  private final Path file;
  private final ReadLimits limits;
  private final TextSniffer.Encoding encoding;
  private final char delimiter;
  private final SourceInfo info;

  private CsvRowReader(Path file, ReadLimits limits, TextSniffer.Encoding encoding, char delimiter) {
    this.file = file;
    this.limits = limits;
    this.encoding = encoding;
    this.delimiter = delimiter;
    this.info = new SourceInfo("csv", encoding.name(), String.valueOf(delimiter), null, List.of());
  }

  /**
   * Detects encoding and delimiter; reading starts with {@link #read}.
   *
   * @throws ConversionException EMPTY_FILE, or NOT_A_SPREADSHEET when the bytes are not text
   */
  public static CsvRowReader open(Path file, ReadLimits limits) throws IOException, ConversionException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(limits, "limits");
    byte[] prefix;
    boolean whole;
    try (InputStream in = Files.newInputStream(file)) {
      prefix = in.readNBytes(TextSniffer.PREFIX_BYTES);
      whole = in.read() < 0;
    }
    if (prefix.length == 0) {
      throw new ConversionException(ConversionError.EMPTY_FILE);
    }
    TextSniffer.Encoding encoding = TextSniffer.encoding(prefix, prefix.length);
    if (whole && prefix.length == encoding.bomLength()) {
      throw new ConversionException(ConversionError.EMPTY_FILE, "bom_only", Map.of(),
          "The file holds nothing but a byte-order mark.");
    }
    boolean sampleIsWholeFile = whole && prefix.length - encoding.bomLength() <= TextSniffer.SAMPLE_BYTES;
    char delimiter = TextSniffer.delimiter(
        TextSniffer.sample(prefix, prefix.length, encoding), sampleIsWholeFile);
    return new CsvRowReader(file, limits, encoding, delimiter);
  }

  @Override
  public SourceInfo info() {
    return info;
  }

  @Override
  public void read(RowHandler handler) throws IOException, ConversionException {
    Objects.requireNonNull(handler, "handler");
    InputStream in = Files.newInputStream(file);
    try {
      in.skipNBytes(encoding.bomLength());
    } catch (IOException e) {
      in.close();
      throw e;
    }
    try (in) {
      split(in, encoding.charset(), delimiter, limits, CsvFastPath.BUFFER_BYTES, CsvFastPath.MAX_BUFFER_BYTES, handler);
    }
  }

  /**
   * Hands the records of {@code bytes} to the handler: split by the fast path while they are plain,
   * then by Commons CSV from the first record that is not (from the first, in an encoding the fast
   * path does not read).
   *
   * @param bytes the file's bytes past any byte-order mark
   * @param bufferBytes the fast path's buffer at first
   * @param maxBufferBytes the longest record the fast path splits
   */
  static void split(InputStream bytes, Charset charset, char delimiter, ReadLimits limits, int bufferBytes,
      int maxBufferBytes, RowHandler handler) throws IOException, ConversionException {
    if (!CsvFastPath.handles(charset, delimiter)) {
      readWithCommonsCsv(new InputStreamReader(bytes, charset), delimiter, limits, 0, handler);
      return;
    }
    CsvFastPath fast = new CsvFastPath(bytes, charset, delimiter, limits, bufferBytes, maxBufferBytes);
    String[] cells;
    while ((cells = fast.next()) != null) {
      fast.reportCuts(handler);
      if (!handler.row(fast.recordNumber(), cells)) {
        return;
      }
    }
    if (fast.handedOver()) {
      readWithCommonsCsv(new InputStreamReader(fast.rest(), charset), delimiter, limits, fast.recordNumber(), handler);
    }
  }

  /**
   * Parses the rest of the text with Commons CSV, behind the shape guard.
   *
   * @param before the records read before {@code rest} starts
   */
  static void readWithCommonsCsv(Reader rest, char delimiter, ReadLimits limits, int before, RowHandler handler)
      throws IOException, ConversionException {
    CsvShape shape = CsvShape.guard(delimiter, limits, before + 1);
    Reader guarded = new GuardedReader(rest, shape);
    try (CSVParser parser = formatFor(delimiter).parse(guarded)) {
      Iterator<CSVRecord> records = parser.iterator();
      final int maxColumns = limits.maxColumns();
      while (true) {
        CSVRecord record;
        try {
          if (!records.hasNext()) {
            return;
          }
          record = records.next();
        } catch (UncheckedIOException e) {
          throw unwrap(e.getCause());
        }
        int rowNumber = before + (int) record.getRecordNumber();
        // values() is the record's own array, created for this record alone: no copy needed. The
        // guard has refused oversized rows already; this check only keeps the contract explicit.
        String[] cells = record.values();
        if (cells.length > maxColumns) {
          throw tooManyColumns(rowNumber, maxColumns);
        }
        // The guard cut the cells past the limit to the limit; half a surrogate pair is not kept.
        shape.takeCuts(rowNumber, column -> {
          if (column < cells.length) {
            cells[column] = limits.cut(cells[column]);
            handler.cellCut(rowNumber, column);
          }
        });
        if (!handler.row(rowNumber, cells)) {
          return;
        }
      }
    } catch (CsvShape.LimitExceeded e) {
      throw e.refusal();
    }
  }

  @Override
  public void close() {
    // Nothing stays open between calls: read() closes its stream.
  }

  private static ConversionException tooManyColumns(int rowNumber, int maxColumns) {
    return new ConversionException(ConversionError.TOO_MANY_COLUMNS, "row",
        Map.of("row", rowNumber, "limit", maxColumns), "Row " + rowNumber + " has more than " + maxColumns + " columns (the limit).");
  }

  /** The refusal behind a parser failure; an I/O failure of the file itself is rethrown as it is. */
  private static ConversionException unwrap(IOException cause) throws IOException {
    if (cause instanceof CsvShape.LimitExceeded limit) {
      return limit.refusal();
    }
    if (cause instanceof CSVException malformed) {
      return new ConversionException(ConversionError.CORRUPT_FILE, "csv_unparseable", Map.of(),
          "The CSV text cannot be parsed: " + malformed.getMessage(), malformed);
    }
    throw cause;
  }

  private static CSVFormat formatFor(char delimiter) {
    switch (delimiter) {
      case ',':
        return COMMA;
      case ';':
        return SEMICOLON;
      case '\t':
        return TAB;
      case '|':
        return PIPE;
      default:
        return format(delimiter); // only from an Excel "sep=" line
    }
  }

  /**
   * RFC 4180 as spreadsheets write it, made lenient where real exports are sloppy: text after a
   * closing quote is kept ({@code "abc"def}), an unclosed quote at the end of the file ends the cell,
   * and empty lines are records (the engine numbers rows as the user sees them).
   */
  private static CSVFormat format(char delimiter) {
    return CSVFormat.RFC4180.builder()
        .setDelimiter(delimiter)
        .setQuote('"')
        .setEscape((Character) null)
        .setCommentMarker((Character) null)
        .setIgnoreEmptyLines(false)
        .setIgnoreSurroundingSpaces(false)
        .setTrim(false)
        .setNullString(null)
        .setTrailingData(true)
        .setLenientEof(true)
        .get();
  }

  /** Passes characters to the parser after the shape guard has seen them, and cut what it cuts. */
  private static final class GuardedReader extends Reader {
    private final Reader in;
    private final CsvShape shape;

    GuardedReader(Reader in, CsvShape shape) {
      this.in = in;
      this.shape = shape;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
      while (true) {
        int n = in.read(buf, off, len);
        if (n <= 0) {
          return n;
        }
        int kept = shape.feed(buf, off, n);
        if (kept > 0) {
          return kept;
        }
        // All of it was the dropped middle of a cut cell: read on rather than answer 0.
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
