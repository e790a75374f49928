package com.ghldata.engine.read;

import com.ghldata.engine.ConversionError;
import com.ghldata.engine.ConversionException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Guesses how a text upload is encoded and delimited from its first bytes, and refuses bytes that
 * are not text at all. Users send whatever Excel, Google Sheets or a CRM export produced: UTF-8 with
 * or without a BOM, UTF-16 from "Unicode text", Windows-1252 from Brazilian Excel.
 */
final class TextSniffer {
  /** Bytes examined for the encoding: enough that a stray accented letter is rarely missed. */
  static final int PREFIX_BYTES = 1 << 20;
  /** Bytes decoded to pick the delimiter. */
  static final int SAMPLE_BYTES = 64 * 1024;
  private static final int SAMPLE_RECORDS = 100;
  private static final char[] DELIMITERS = {',', ';', '\t', '|'};

  static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /** A detected encoding; {@code bomLength} bytes at the start of the file are skipped. */
  record Encoding(Charset charset, String name, int bomLength) {}

  private TextSniffer() {}

  /**
   * @param prefix the first bytes of the file
   * @param length how many bytes of {@code prefix} are valid (> 0)
   * @throws ConversionException NOT_A_SPREADSHEET when the bytes are binary
   */
  static Encoding encoding(byte[] prefix, int length) throws ConversionException {
    if (startsWith(prefix, length, 0xEF, 0xBB, 0xBF)) {
      refuseIfBinary(prefix, 3, length);
      return new Encoding(StandardCharsets.UTF_8, "UTF-8 (BOM)", 3);
    }
    if (startsWith(prefix, length, 0xFF, 0xFE)) {
      return utf16(prefix, length, StandardCharsets.UTF_16LE, 2);
    }
    if (startsWith(prefix, length, 0xFE, 0xFF)) {
      return utf16(prefix, length, StandardCharsets.UTF_16BE, 2);
    }
    Charset bomless = utf16ByNulPattern(prefix, length);
    if (bomless != null) {
      return utf16(prefix, length, bomless, 0);
    }
    refuseKnownBinary(prefix, length);
    refuseIfBinary(prefix, 0, length);
    return isUtf8(prefix, length)
        ? new Encoding(StandardCharsets.UTF_8, "UTF-8", 0)
        : new Encoding(WINDOWS_1252, "windows-1252", 0);
  }

  /**
   * The delimiter among {@code , ; TAB |} that splits the first records into the most consistent
   * number of cells above one (quote-aware); "," when none does, i.e. a one-column file. An Excel
   * {@code sep=X} first line wins outright.
   *
   * @param complete whether the sample is the whole file (its last record is then complete)
   */
  static char delimiter(String sample, boolean complete) {
    char declared = excelSeparatorLine(sample);
    if (declared != 0) {
      return declared;
    }
    char[] chars = sample.toCharArray();
    char best = ',';
    int bestConsistent = 0;
    int bestColumns = 1;
    for (char candidate : DELIMITERS) {
      CsvShape counter = CsvShape.counter(candidate, SAMPLE_RECORDS);
      try {
        counter.feed(chars, 0, chars.length);
      } catch (CsvShape.LimitExceeded impossible) {
        throw new IllegalStateException("a counter has no limits", impossible);
      }
      if (complete) {
        counter.finish();
      }
      int[] cells = counter.recordCells();
      int mode = modeAboveOne(cells);
      if (mode == 0) {
        continue;
      }
      int consistent = 0;
      for (int c : cells) {
        if (c == mode) {
          consistent++;
        }
      }
      // More records agreeing wins; at a tie, more columns (a tab file whose addresses each hold one
      // comma agrees on both, and the tab split is the real one).
      if (consistent > bestConsistent || consistent == bestConsistent && mode > bestColumns) {
        best = candidate;
        bestConsistent = consistent;
        bestColumns = mode;
      }
    }
    return best;
  }

  /** Decodes the start of the file (after the BOM) for delimiter sniffing; bad bytes become U+FFFD. */
  static String sample(byte[] prefix, int length, Encoding encoding) {
    int start = encoding.bomLength();
    int end = Math.min(length, start + SAMPLE_BYTES);
    return new String(prefix, start, end - start, encoding.charset());
  }

  private static Encoding utf16(byte[] prefix, int length, Charset charset, int bom)
      throws ConversionException {
    // Even with the NUL pattern or a BOM, 16-bit binary (tables of small integers) decodes to
    // control characters; text does not.
    String text = new String(prefix, bom, Math.min(length, bom + SAMPLE_BYTES) - bom, charset);
    int suspicious = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && !isTextControl(c) || c == '\uFFFD') {
        suspicious++;
      }
    }
    if (suspicious * 100L > text.length()) {
      throw notText();
    }
    return new Encoding(charset, charset == StandardCharsets.UTF_16LE ? "UTF-16LE" : "UTF-16BE", bom);
  }

  /**
   * UTF-16 without a BOM shows as NULs in every other byte (the high byte of ASCII and Latin-1
   * characters): at odd offsets for little-endian, even offsets for big-endian.
   */
  private static Charset utf16ByNulPattern(byte[] b, int length) {
    int pairs = Math.min(length, SAMPLE_BYTES) / 2;
    if (pairs < 2) {
      return null;
    }
    int evenNuls = 0;
    int oddNuls = 0;
    for (int i = 0; i < pairs * 2; i += 2) {
      if (b[i] == 0) {
        evenNuls++;
      }
      if (b[i + 1] == 0) {
        oddNuls++;
      }
    }
    if (oddNuls * 10L >= pairs * 3L && evenNuls * 20L <= pairs) {
      return StandardCharsets.UTF_16LE;
    }
    if (evenNuls * 10L >= pairs * 3L && oddNuls * 20L <= pairs) {
      return StandardCharsets.UTF_16BE;
    }
    return null;
  }

  /**
   * Refuses binary: control characters (other than tab, line ends, form feed, vertical tab and the
   * DOS end-of-file mark) above 1% of the bytes, a NUL counting ten, since text files almost never
   * hold one while executables, images and archives are full of them. A few stray NULs in a large
   * export are tolerated.
   */
  private static void refuseIfBinary(byte[] b, int from, int length) throws ConversionException {
    long score = 0;
    for (int i = from; i < length; i++) {
      int v = b[i];
      if (v >= 0 && v < 0x20) {
        if (v == 0) {
          score += 10;
        } else if (!isTextControl((char) v)) {
          score++;
        }
      }
    }
    if (score * 100 > length - from) {
      throw notText();
    }
  }

  private static boolean isTextControl(char c) {
    return c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B || c == 0x1A;
  }

  /** Files that are obviously something else, named .csv by mistake. */
  private static void refuseKnownBinary(byte[] b, int length) throws ConversionException {
    if (startsWith(b, length, '%', 'P', 'D', 'F', '-')
        || startsWith(b, length, 0x89, 'P', 'N', 'G')
        || startsWith(b, length, 'G', 'I', 'F', '8')
        || startsWith(b, length, 0xFF, 0xD8, 0xFF)
        || startsWith(b, length, 0x1F, 0x8B)
        || startsWith(b, length, 'R', 'a', 'r', '!', 0x1A)
        || startsWith(b, length, '7', 'z', 0xBC, 0xAF)) {
      throw notText();
    }
  }

  /**
   * Strict UTF-8 check of the prefix. A multi-byte character cut by the end of the prefix (or a
   * truncated last character of the file) does not count against UTF-8.
   */
  private static boolean isUtf8(byte[] b, int length) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(b, 0, length);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      CoderResult result = decoder.decode(in, out, false);
      if (result.isError()) {
        return false;
      }
      if (result.isUnderflow()) {
        return true;
      }
      out.clear();
    }
  }

  private static char excelSeparatorLine(String sample) {
    if (sample.length() >= 5 && sample.regionMatches(true, 0, "sep=", 0, 4)) {
      char sep = sample.charAt(4);
      boolean lineEnds = sample.length() == 5 || sample.charAt(5) == '\r' || sample.charAt(5) == '\n';
      if (lineEnds && sep != '"' && sep != '\r' && sep != '\n') {
        return sep;
      }
    }
    return 0;
  }

  /** The most frequent cell count above one (the larger at a tie); 0 when every record has one cell. */
  private static int modeAboveOne(int[] cells) {
    int mode = 0;
    int modeCount = 0;
    for (int i = 0; i < cells.length; i++) {
      int c = cells[i];
      if (c <= 1) {
        continue;
      }
      int count = 0;
      for (int other : cells) {
        if (other == c) {
          count++;
        }
      }
      if (count > modeCount || count == modeCount && c > mode) {
        mode = c;
        modeCount = count;
      }
    }
    return mode;
  }

  private static boolean startsWith(byte[] b, int length, int... magic) {
    if (length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((b[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static ConversionException notText() {
    return new ConversionException(ConversionError.NOT_A_SPREADSHEET, "binary", Map.of(),
        "The file is neither a workbook (XLSX, XLS) nor text (CSV): it holds binary data.");
  }
}
