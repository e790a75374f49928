package com.ghldata.conversion.read;

import com.ghldata.conversion.ConversionError;
import com.ghldata.conversion.ConversionException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Streams the records of a CSV file, every one of them (title and blank rows included: the engine
 * finds the header row), after detecting the encoding and the delimiter from the first bytes.
 */
public final class CsvRowReader implements RowReader {
  private static final int STREAM_BUFFER = 1 << 16;

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
      throw new ConversionException(ConversionError.EMPTY_FILE, "The file holds nothing but a byte-order mark.");
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
    Reader text = new InputStreamReader(new BufferedInputStream(in, STREAM_BUFFER), encoding.charset());
    try (text) {
      CsvRecords records = new CsvRecords(text, delimiter, limits);
      String[] cells;
      while ((cells = records.next()) != null) {
        if (!handler.row(records.recordNumber(), cells)) {
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

  static ConversionException cellTooLarge(int rowNumber, int maxCellChars) {
    return new ConversionException(ConversionError.CELL_TOO_LARGE,
        "Row " + rowNumber + " has a cell longer than " + maxCellChars + " characters (the limit).");
  }

  static ConversionException tooManyColumns(int rowNumber, int maxColumns) {
    return new ConversionException(ConversionError.TOO_MANY_COLUMNS,
        "Row " + rowNumber + " has more than " + maxColumns + " columns (the limit).");
  }
}
