package com.ghldata.engine.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.ghldata.engine.ConversionException;
import com.ghldata.tools.generate.ContactFileGenerator;
import com.ghldata.tools.generate.Layout;
import com.ghldata.tools.generate.People;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast path, with Commons CSV taking over where it stops, must give what Commons CSV alone (with
 * the shape guard) gives: the same records with the same numbers and the same cells cut, or the
 * same refusal.
 */
class CsvFastPathTest {
  private static final ReadLimits NO_LIMITS = new ReadLimits(Integer.MAX_VALUE, Integer.MAX_VALUE);

  /**
   * Records as "number:cells|count", followed by " cut number.column" for each cell cut, or the
   * refusal's code and message, or the failure.
   */
  private static List<String> collect(Splitter splitter) {
    List<String> out = new ArrayList<>();
    List<String> cuts = new ArrayList<>();
    RowHandler handler = new RowHandler() {
      @Override
      public boolean row(int row, String[] cells) {
        cuts.sort(null);
        out.add(row + ":" + String.join("\u0001", cells) + "|" + cells.length + String.join("", cuts));
        cuts.clear();
        return true;
      }

      @Override
      public void cellCut(int row, int column) {
        cuts.add(" cut " + row + "." + column);
      }
    };
    try {
      splitter.split(handler);
    } catch (ConversionException e) {
      out.add("refused " + e.code() + " " + e.getMessage());
    } catch (IOException e) {
      out.add("failed " + e);
    }
    return out;
  }

  @FunctionalInterface
  private interface Splitter {
    void split(RowHandler handler) throws IOException, ConversionException;
  }

  private static final Charset UTF_8 = StandardCharsets.UTF_8;
  private static final Charset[] FAST = {UTF_8, TextSniffer.WINDOWS_1252};

  private static List<String> commonsAlone(byte[] text, Charset charset, char delimiter, ReadLimits limits) {
    return collect(h -> CsvRowReader.readWithCommonsCsv(
        new InputStreamReader(new ByteArrayInputStream(text), charset), delimiter, limits, 0, h));
  }

  /** With a buffer that starts at {@code bufferBytes} and may grow to four times that. */
  private static List<String> fastThenCommons(InputStream text, Charset charset, char delimiter, ReadLimits limits,
      int bufferBytes) {
    return collect(h -> CsvRowReader.split(text, charset, delimiter, limits, bufferBytes, 4 * bufferBytes, h));
  }

  private static List<String> fastThenCommons(byte[] text, Charset charset, char delimiter, ReadLimits limits,
      int bufferBytes) {
    return fastThenCommons(new ByteArrayInputStream(text), charset, delimiter, limits, bufferBytes);
  }

  /** Hands out at most a few bytes per read, as a slow stream does. */
  private static InputStream trickle(byte[] text, Random random) {
    return new InputStream() {
      private int at;

      @Override
      public int read() {
        return at == text.length ? -1 : text[at++] & 0xFF;
      }

      @Override
      public int read(byte[] buf, int off, int len) {
        if (at == text.length) {
          return -1;
        }
        int n = Math.min(Math.min(len, 1 + random.nextInt(3)), text.length - at);
        System.arraycopy(text, at, buf, off, n);
        at += n;
        return n;
      }
    };
  }

  /** Whether the fast path splits every record of the text itself. */
  private static boolean splitsAllOf(byte[] text, Charset charset, char delimiter, int bufferBytes) throws IOException {
    return splitsAllOf(text, charset, delimiter, bufferBytes, CsvFastPath.MAX_BUFFER_BYTES);
  }

  private static boolean splitsAllOf(byte[] text, Charset charset, char delimiter, int bufferBytes, int maxBufferBytes)
      throws IOException {
    CsvFastPath fast = new CsvFastPath(
        new ByteArrayInputStream(text), charset, delimiter, ReadLimits.DEFAULT, bufferBytes, maxBufferBytes);
    while (fast.next() != null) {
      // read on
    }
    return !fast.handedOver();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "", "a", "a,b", "a,b\n", "a,b\r\n", "a,b\r", "a,\n", "a,", ",", "\n", "\n\n", "\r\n\r\n", "\r\r\n",
    "\"a\"", "\"a\"\"b\"", "\"a,b\"\nc", "\"a\nb\",c", "\"abc\"def,g", "\"abc\" ,x", "\"abc\"de\"f\",x",
    "\"unclosed", "\"unclosed\n,more", "a\"b,c", " \"a\",b", "\"\"", "\"\",", "\"\"\"\"", "a,\"\"\r\nb",
    "x\r\n\r\ny", "\uFEFFa,b", "é,ü\n東,京", "a,b\n\"c\"x,d\ne,f", "a\n\"b\"\"", "\"a\"\"\"", "a,\"b\"\r",
    "\"x\"\"y\",z\n1,2\n", "1,2\n3,\"4\n5\"\n6,7\r\n\"8\"\"\",9"
  })
  void sampleTextSplitsAsCommonsCsvAloneSplitsIt(String text) {
    for (Charset charset : FAST) {
      for (char delimiter : new char[] {',', ';', '\t'}) {
        byte[] t = text.replace(',', delimiter).getBytes(charset);
        List<String> expected = commonsAlone(t, charset, delimiter, NO_LIMITS);
        for (int buffer : new int[] {1, 2, 3, 5, 8, 1 << 16}) {
          assertThat(fastThenCommons(t, charset, delimiter, NO_LIMITS, buffer)).as("%s / %s / %d", text, charset, buffer)
              .isEqualTo(expected);
        }
      }
    }
  }

  /** UTF-16 text, and a delimiter past ASCII (from an Excel "sep=" line), are Commons CSV's alone. */
  @Test
  void otherEncodingsAndDelimitersGoToCommonsCsvFromTheStart() {
    assertThat(CsvFastPath.handles(StandardCharsets.UTF_16LE, ',')).isFalse();
    assertThat(CsvFastPath.handles(UTF_8, '§')).isFalse();
    byte[] utf16 = "a,\"b\"\"c\"\r\nd,e".getBytes(StandardCharsets.UTF_16LE);
    assertThat(fastThenCommons(utf16, StandardCharsets.UTF_16LE, ',', NO_LIMITS, 1 << 16))
        .containsExactly("1:a\u0001b\"c|2", "2:d\u0001e|2");
    byte[] section = "a§b\nc§d".getBytes(UTF_8);
    assertThat(fastThenCommons(section, UTF_8, '§', NO_LIMITS, 1 << 16)).containsExactly("1:a\u0001b|2", "2:c\u0001d|2");
  }

  @Test
  void randomTextSplitsAsCommonsCsvAloneSplitsItWhateverTheBufferEdges() {
    char[] alphabet = {'a', 'b', ',', ';', '"', '"', '\r', '\n', ' ', 'é', '\t'};
    Random random = new Random(7);
    for (int i = 0; i < 30_000; i++) {
      StringBuilder sb = new StringBuilder();
      for (int n = random.nextInt(40); n > 0; n--) {
        sb.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String text = sb.toString();
      Charset charset = FAST[i % 2];
      byte[] bytes = text.getBytes(charset);
      List<String> expected = commonsAlone(bytes, charset, ',', NO_LIMITS);
      assertThat(fastThenCommons(bytes, charset, ',', NO_LIMITS, 1 << 16)).as(text).isEqualTo(expected);
      assertThat(fastThenCommons(trickle(bytes, random), charset, ',', NO_LIMITS, 1 + random.nextInt(12))).as(text)
          .isEqualTo(expected);
    }
  }

  /** Bytes that are not valid UTF-8 (cut, overlong, stray) decode cell by cell as the stream decoder does. */
  @Test
  void randomBytesDecodeAsTheStreamDecoderDecodesThem() {
    int[] alphabet = {
      'a', ',', '"', '\r', '\n', 0xC3, 0xA9, 0xE2, 0x80, 0x9C, 0xF0, 0x9F, 0x98, 0x80, 0xFF, 0xC0, 0xED, 0xA0
    };
    Random random = new Random(13);
    for (int i = 0; i < 30_000; i++) {
      byte[] bytes = new byte[random.nextInt(30)];
      for (int k = 0; k < bytes.length; k++) {
        bytes[k] = (byte) alphabet[random.nextInt(alphabet.length)];
      }
      for (Charset charset : FAST) {
        List<String> expected = commonsAlone(bytes, charset, ',', NO_LIMITS);
        assertThat(fastThenCommons(bytes, charset, ',', NO_LIMITS, 1 << 16)).isEqualTo(expected);
        assertThat(fastThenCommons(trickle(bytes, random), charset, ',', NO_LIMITS, 1 + random.nextInt(12)))
            .isEqualTo(expected);
      }
    }
  }

  /** Mostly well-formed records, now and then an odd one: the hand-over falls anywhere. */
  private static String mostlyPlain(Random random) {
    String[] plain = {
      "ana", "", "São Paulo", "\"Rua X, 12\"", "\"diz \"\"oi\"\"\"", "\"two\nlines\"", "a b", "\"\"", "12\" tv", " \"x\""
    };
    String[] odd = {"\"abc\"def", "\"open"};
    String[] ends = {"\n", "\r\n", "\r"};
    StringBuilder sb = new StringBuilder();
    for (int r = random.nextInt(12); r > 0; r--) {
      for (int c = 1 + random.nextInt(4); c > 0; c--) {
        sb.append(random.nextInt(60) == 0 ? odd[random.nextInt(odd.length)] : plain[random.nextInt(plain.length)]);
        if (c > 1) {
          sb.append(',');
        }
      }
      if (r > 1 || random.nextBoolean()) {
        sb.append(ends[random.nextInt(ends.length)]);
      }
    }
    return sb.toString();
  }

  @Test
  void mostlyWellFormedTextSplitsAsCommonsCsvAloneSplitsItAndTheFastPathTakesMostOfIt() throws Exception {
    Random random = new Random(11);
    int whole = 0;
    int texts = 20_000;
    for (int i = 0; i < texts; i++) {
      String text = mostlyPlain(random);
      byte[] bytes = text.getBytes(UTF_8);
      List<String> expected = commonsAlone(bytes, UTF_8, ',', NO_LIMITS);
      int buffer = random.nextBoolean() ? 1 << 16 : 1 + random.nextInt(64);
      assertThat(fastThenCommons(bytes, UTF_8, ',', NO_LIMITS, buffer)).as(text).isEqualTo(expected);
      assertThat(fastThenCommons(trickle(bytes, random), UTF_8, ',', NO_LIMITS, buffer)).as(text).isEqualTo(expected);
      whole += splitsAllOf(bytes, UTF_8, ',', 1 << 16) ? 1 : 0;
    }
    // An odd cell in 60 makes about a quarter of these texts go to Commons CSV at some record.
    assertThat(whole).isGreaterThan(texts / 2);
  }

  /**
   * The guard reads ahead of Commons CSV, so alone they refuse a file before handing out the records
   * before the bad one; the fast path hands those out first. Either way the conversion ends with the
   * same refusal.
   */
  @Test
  void pastTheLimitsTheFastPathCutsAndRefusesAsTheGuardDoes() {
    ReadLimits limits = new ReadLimits(3, 5);
    String[] texts = {
      "ok\nabcdef", "ok\n\"abcdef\"", "ok\n\"ab\"cdef", "ok\nab" + "c".repeat(100), "a,b\n\"a\"\"b\"\"c\"\"\"",
      "a,b,c\n\na,b,c,", "a,b,c,d", "x\ny\n\"abcde\",\"fghij\",k\n1,2,3,4", "abcde,\"fghij\",x\n",
      "\"abcdefgh\nij\",x\ny", "\"abcde\"\"f\",x", "\"abcd\"\"\"\"e\"", "\"abcd\"efg,h", "\"unclosed and long", "abcd\uD83D\uDE00,x"
    };
    ReadLimits cellsOnly = new ReadLimits(Integer.MAX_VALUE, limits.maxCellChars());
    for (String text : texts) {
      byte[] bytes = text.getBytes(UTF_8);
      List<String> expected = commonsAlone(bytes, UTF_8, ',', limits);
      // Records the guard refused before Commons CSV handed them out: as they are without the column limit.
      List<String> records = commonsAlone(bytes, UTF_8, ',', cellsOnly);
      for (int buffer : new int[] {1, 3, 7, 1 << 16}) {
        List<String> got = fastThenCommons(bytes, UTF_8, ',', limits, buffer);
        assertThat(got.get(got.size() - 1)).as("%s / %d", text, buffer).isEqualTo(expected.get(expected.size() - 1));
        List<String> before = got.subList(0, got.size() - 1);
        assertThat(records.subList(0, before.size())).as("%s / %d", text, buffer).isEqualTo(before);
      }
    }
    assertThat(commonsAlone("ok\nabcdef".getBytes(UTF_8), UTF_8, ',', limits)).containsExactly("1:ok|1", "2:abcde|1 cut 2.0");
    assertThat(commonsAlone("a,b\n\"a\"\"b\"\"c\"\"\"".getBytes(UTF_8), UTF_8, ',', limits))
        .containsExactly("1:a\u0001b|2", "2:a\"b\"c|1 cut 2.0");
    assertThat(commonsAlone("\"abcdefgh\nij\",x\ny".getBytes(UTF_8), UTF_8, ',', limits))
        .containsExactly("1:abcde\u0001x|2 cut 1.0", "2:y|1");
    assertThat(commonsAlone("\"abcd\"efg,h".getBytes(UTF_8), UTF_8, ',', limits))
        .containsExactly("1:abcde\u0001h|2 cut 1.0");
    // Half an emoji is not kept: the cut falls before it.
    assertThat(commonsAlone("abcd\uD83D\uDE00,x".getBytes(UTF_8), UTF_8, ',', limits))
        .containsExactly("1:abcd\u0001x|2 cut 1.0");
    assertThat(commonsAlone("a,b,c\n\na,b,c,".getBytes(UTF_8), UTF_8, ',', limits)).last().asString()
        .startsWith("refused too_many_columns Row 3 ");
    assertThat(commonsAlone("abcde,\"fghij\",x\n".getBytes(UTF_8), UTF_8, ',', limits))
        .containsExactly("1:abcde\u0001fghij\u0001x|3");
  }

  /** Cells cut to a few characters, wherever the buffer's edges fall, whatever the quoting. */
  @Test
  void randomTextIsCutAsCommonsCsvAloneCutsIt() {
    String[] alphabet = {"a", "b", ",", "\"", "\"", "\"\"", "\r", "\n", "é", "\uD83D\uDE00", "xyz"};
    Random random = new Random(17);
    for (int i = 0; i < 30_000; i++) {
      StringBuilder sb = new StringBuilder();
      for (int n = random.nextInt(40); n > 0; n--) {
        sb.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String text = sb.toString();
      Charset charset = FAST[i % 2];
      byte[] bytes = text.getBytes(charset);
      ReadLimits limits = new ReadLimits(Integer.MAX_VALUE, 1 + random.nextInt(4));
      List<String> expected = commonsAlone(bytes, charset, ',', limits);
      assertThat(fastThenCommons(bytes, charset, ',', limits, 1 << 16)).as("%s / %s", text, limits).isEqualTo(expected);
      assertThat(fastThenCommons(trickle(bytes, random), charset, ',', limits, 1 + random.nextInt(12)))
          .as("%s / %s", text, limits).isEqualTo(expected);
    }
  }

  /** Cut bytes that are not valid UTF-8 keep what the stream decoder gives for the same beginning. */
  @Test
  void randomBytesAreCutAsTheStreamDecoderDecodesThem() {
    int[] alphabet = {
      'a', ',', '"', '\r', '\n', 0xC3, 0xA9, 0xE2, 0x80, 0x9C, 0xF0, 0x9F, 0x98, 0x80, 0xFF, 0xC0, 0xED, 0xA0
    };
    Random random = new Random(19);
    for (int i = 0; i < 30_000; i++) {
      byte[] bytes = new byte[random.nextInt(30)];
      for (int k = 0; k < bytes.length; k++) {
        bytes[k] = (byte) alphabet[random.nextInt(alphabet.length)];
      }
      ReadLimits limits = new ReadLimits(Integer.MAX_VALUE, 1 + random.nextInt(3));
      for (Charset charset : FAST) {
        List<String> expected = commonsAlone(bytes, charset, ',', limits);
        assertThat(fastThenCommons(bytes, charset, ',', limits, 1 << 16)).isEqualTo(expected);
        assertThat(fastThenCommons(trickle(bytes, random), charset, ',', limits, 1 + random.nextInt(12)))
            .isEqualTo(expected);
      }
    }
  }

  /** A note over the limit in a record the fast path splits is cut there, the rest of the file staying on it. */
  @Test
  void aCellOverTheLimitIsCutByTheFastPathWithoutHandingOver() throws Exception {
    ReadLimits limits = new ReadLimits(8, 1_000);
    String note = "n".repeat(40_000);
    byte[] text = ("Nome,Notas\nAna,\"" + note + "\"\nBia," + note.replace("n", "\u00e9") + "\nCaio,ok\n").getBytes(UTF_8);
    CsvFastPath fast = new CsvFastPath(new ByteArrayInputStream(text), UTF_8, ',', limits, CsvFastPath.BUFFER_BYTES,
        CsvFastPath.MAX_BUFFER_BYTES);
    List<String> cuts = new ArrayList<>();
    RowHandler cutsOnly = new RowHandler() {
      @Override
      public boolean row(int row, String[] cells) {
        return true;
      }

      @Override
      public void cellCut(int row, int column) {
        cuts.add(row + "." + column);
      }
    };
    List<String[]> records = new ArrayList<>();
    String[] cells;
    while ((cells = fast.next()) != null) {
      fast.reportCuts(cutsOnly);
      records.add(cells);
    }

    assertThat(fast.handedOver()).isFalse();
    assertThat(records).hasSize(4);
    assertThat(records.get(1)[1]).isEqualTo("n".repeat(1_000));
    assertThat(records.get(2)[1]).isEqualTo("\u00e9".repeat(1_000));
    assertThat(records.get(3)).containsExactly("Caio", "ok");
    assertThat(cuts).containsExactly("2.1", "3.1");
  }

  /** A long note doubles the buffer rather than send the rest of the file to Commons CSV. */
  @Test
  void aRecordLongerThanTheBufferGrowsItUpToTheMost() throws Exception {
    String note = "nota " + "x".repeat(300);
    byte[] text = ("a,b\n1,\"" + note + "\"\n2,c\n").getBytes(UTF_8);

    assertThat(splitsAllOf(text, UTF_8, ',', 16, 1024)).isTrue();
    assertThat(splitsAllOf(text, UTF_8, ',', 16, 256)).isFalse();
    for (int most : new int[] {256, 1024}) {
      assertThat(collect(h -> CsvRowReader.split(new ByteArrayInputStream(text), UTF_8, ',', NO_LIMITS, 16, most, h)))
          .containsExactly("1:a\u0001b|2", "2:1\u0001" + note + "|2", "3:2\u0001c|2");
    }
  }

  @Test
  void theGeneratedContactFilesAreSplitWhollyByTheFastPath(@TempDir Path dir) throws Exception {
    for (People people : People.values()) {
      Path file = dir.resolve(people + ".csv");
      Layout layout = people == People.US ? Layout.ENGLISH : Layout.PORTUGUESE;
      new ContactFileGenerator(7, people).writeCsv(file, 3_000, layout, ',', StandardCharsets.UTF_8);
      byte[] text = Files.readAllBytes(file);
      assertThat(splitsAllOf(text, UTF_8, ',', CsvFastPath.BUFFER_BYTES)).as(people.toString()).isTrue();
      assertThat(fastThenCommons(text, UTF_8, ',', ReadLimits.DEFAULT, CsvFastPath.BUFFER_BYTES))
          .isEqualTo(commonsAlone(text, UTF_8, ',', ReadLimits.DEFAULT));
    }
  }
}
