package com.ghldata.conversion.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ghldata.conversion.ConversionError;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** CsvRecords must split text exactly as Commons CSV did with the format CsvRowReader used. */
class CsvRecordsTest {
  private static final ReadLimits NO_LIMITS = new ReadLimits(Integer.MAX_VALUE, Integer.MAX_VALUE);

  /** The format CsvRowReader parsed with before CsvRecords replaced Commons CSV there. */
  private static CSVFormat reference(char delimiter) {
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

  private static List<String> commons(String text, char delimiter) throws IOException {
    List<String> out = new ArrayList<>();
    try (CSVParser parser = reference(delimiter).parse(new StringReader(text))) {
      for (CSVRecord r : parser) {
        out.add(r.getRecordNumber() + ":" + String.join("\u0001", r.values()) + "|" + r.size());
      }
    }
    return out;
  }

  private static List<String> ours(Reader text, char delimiter, int bufferChars) throws IOException {
    List<String> out = new ArrayList<>();
    CsvRecords records = new CsvRecords(text, delimiter, NO_LIMITS, bufferChars);
    String[] cells;
    while ((cells = records.next()) != null) {
      out.add(records.recordNumber() + ":" + String.join("\u0001", cells) + "|" + cells.length);
    }
    return out;
  }

  /** Hands out at most a few chars per read, as a slow stream or a decoder at a buffer edge does. */
  private static Reader trickle(String text, Random random) {
    return new Reader() {
      private int at;

      @Override
      public int read(char[] buf, int off, int len) {
        if (at == text.length()) {
          return -1;
        }
        int n = Math.min(Math.min(len, 1 + random.nextInt(3)), text.length() - at);
        text.getChars(at, at + n, buf, off);
        at += n;
        return n;
      }

      @Override
      public void close() {}
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "", "a", "a,b", "a,b\n", "a,b\r\n", "a,b\r", "a,\n", "a,", ",", "\n", "\n\n", "\r\n\r\n", "\r\r\n",
    "\"a\"", "\"a\"\"b\"", "\"a,b\"\nc", "\"a\nb\",c", "\"abc\"def,g", "\"abc\" ,x", "\"abc\"de\"f\",x",
    "\"unclosed", "\"unclosed\n,more", "a\"b,c", " \"a\",b", "\"\"", "\"\",", "\"\"\"\"", "a,\"\"\r\nb",
    "x\r\n\r\ny", "\uFEFFa,b", "é,ü\n東,京"
  })
  void sampleTextSplitsAsCommonsCsvSplitsIt(String text) throws Exception {
    for (char delimiter : new char[] {',', ';', '\t'}) {
      String t = text.replace(',', delimiter);
      assertThat(ours(new StringReader(t), delimiter, 1 << 16)).isEqualTo(commons(t, delimiter));
      assertThat(ours(new StringReader(t), delimiter, 1)).isEqualTo(commons(t, delimiter));
    }
  }

  @Test
  void randomTextSplitsAsCommonsCsvSplitsItWhateverTheBufferEdges() throws Exception {
    char[] alphabet = {'a', 'b', ',', ';', '"', '"', '\r', '\n', ' ', 'é', '\t'};
    Random random = new Random(7);
    for (int i = 0; i < 50_000; i++) {
      StringBuilder sb = new StringBuilder();
      for (int n = random.nextInt(40); n > 0; n--) {
        sb.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String text = sb.toString();
      List<String> expected = commons(text, ',');
      assertThat(ours(new StringReader(text), ',', 1 << 16)).as(text).isEqualTo(expected);
      assertThat(ours(trickle(text, random), ',', 1 + random.nextInt(8))).as(text).isEqualTo(expected);
    }
  }

  @Test
  void aCellPastTheLimitIsRefusedWithItsRecordNumberWhereverItLies() {
    ReadLimits limits = new ReadLimits(10, 5);
    for (String text : new String[] {"ok\nabcdef", "ok\n\"abcdef\"", "ok\n\"ab\"cdef", "ok\nab" + "c".repeat(100)}) {
      for (int buffer : new int[] {1, 3, 1 << 16}) {
        assertThatThrownBy(() -> drain(new CsvRecords(new StringReader(text), ',', limits, buffer)))
            .isInstanceOfSatisfying(CsvShape.LimitExceeded.class, e -> {
              assertThat(e.refusal().code()).isEqualTo(ConversionError.CELL_TOO_LARGE.code());
              assertThat(e.refusal().getMessage()).startsWith("Row 2 ");
            });
      }
    }
  }

  @Test
  void aCellOfExactlyTheLimitAndExactlyTheColumnLimitAreAccepted() throws Exception {
    ReadLimits limits = new ReadLimits(3, 5);
    for (int buffer : new int[] {1, 3, 1 << 16}) {
      CsvRecords records = new CsvRecords(new StringReader("abcde,\"fghij\",x\n"), ',', limits, buffer);
      assertThat(records.next()).containsExactly("abcde", "fghij", "x");
      assertThat(records.next()).isNull();
    }
  }

  @Test
  void oneColumnTooManyIsRefusedWithItsRecordNumber() {
    ReadLimits limits = new ReadLimits(3, 100);
    assertThatThrownBy(() -> drain(new CsvRecords(new StringReader("a,b,c\n\na,b,c,"), ',', limits, 4)))
        .isInstanceOfSatisfying(CsvShape.LimitExceeded.class, e -> {
          assertThat(e.refusal().code()).isEqualTo(ConversionError.TOO_MANY_COLUMNS.code());
          assertThat(e.refusal().getMessage()).startsWith("Row 3 ");
        });
  }

  private static void drain(CsvRecords records) throws IOException {
    while (records.next() != null) {
      // read on
    }
  }
}
