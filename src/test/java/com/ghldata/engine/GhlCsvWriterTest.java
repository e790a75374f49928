package com.ghldata.engine;

import com.ghldata.engine.write.GhlCsvWriter;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;

/** The hand-rolled writer must write the very bytes CSVPrinter wrote before it (the golden files). */
class GhlCsvWriterTest {
  private static final List<GhlColumn> COLUMNS = GhlColumn.ALL;

  private static final String[] TRICKY = {
    "", " ", "a", "Ana", "#tag", "\"quoted\"", "a,b", "line\nbreak", "cr\rhere", "trailing ", "trailing\t",
    "!bang", "$dollar", "'already", "=SUM(A1)", "+5511987654321", "-x", "@mention", "\tTab", "São Paulo",
    "José da Silva", "Ærø", "東京", "emoji 😀", "😀", "a\"b", "\"", ",", "x\uD800", "\uDC00y", "\uD800\uD800",
    "ends high\uD83D", "a" + "é".repeat(40_000), "notes line 1\nline 2 \"q\", done "
  };

  private static byte[] withPrinter(List<String[]> rows, boolean bom) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BufferedWriter w = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), 1 << 16);
    if (bom) {
      w.write('\uFEFF');
    }
    try (CSVPrinter printer = new CSVPrinter(w, GhlCsvWriter.FORMAT)) {
      printer.printRecord(COLUMNS.stream().map(GhlColumn::header).toArray());
      for (String[] row : rows) {
        Contact c = contact(row);
        String[] written = new String[COLUMNS.size()];
        for (GhlColumn col : COLUMNS) {
          String v = c.get(col);
          written[col.ordinal()] = col == GhlColumn.PHONE || col == GhlColumn.ADDITIONAL_PHONES
              ? v : com.ghldata.engine.normalize.TextCleaner.guardFormula(v);
        }
        printer.printRecord((Object[]) written);
      }
    }
    return bytes.toByteArray();
  }

  private static byte[] withWriter(List<String[]> rows, boolean bom) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PackedContact view = new PackedContact();
    try (GhlCsvWriter writer = new GhlCsvWriter(bytes, COLUMNS, bom)) {
      for (String[] row : rows) {
        writer.write(view.wrap(contact(row).packed()));
      }
    }
    return bytes.toByteArray();
  }

  private static Contact contact(String[] row) {
    Contact c = new Contact(1);
    for (GhlColumn col : COLUMNS) {
      c.set(col, row[col.ordinal()]);
    }
    return c;
  }

  @Test
  void everyTrickyValueInEveryColumnIsWrittenAsCsvPrinterWroteIt() throws Exception {
    List<String[]> rows = new ArrayList<>();
    for (String v : TRICKY) {
      String[] row = new String[COLUMNS.size()];
      java.util.Arrays.fill(row, v);
      rows.add(row);
      String[] alone = new String[COLUMNS.size()];
      java.util.Arrays.fill(alone, "");
      alone[0] = v;
      rows.add(alone);
    }
    assertThat(withWriter(rows, false)).isEqualTo(withPrinter(rows, false));
    assertThat(withWriter(rows, true)).isEqualTo(withPrinter(rows, true));
  }

  @Test
  void randomValuesFromAnAlphabetOfSpecialCharactersAreWrittenAsCsvPrinterWroteThem() throws Exception {
    char[] alphabet = "aZ0 ,\"\r\n\t#!'=+-@é東\uD83D\uDE00\uD800".toCharArray();
    Random random = new Random(42);
    List<String[]> rows = new ArrayList<>();
    for (int r = 0; r < 5_000; r++) {
      String[] row = new String[COLUMNS.size()];
      for (int i = 0; i < row.length; i++) {
        StringBuilder sb = new StringBuilder();
        for (int n = random.nextInt(6); n > 0; n--) {
          sb.append(alphabet[random.nextInt(alphabet.length)]);
        }
        row[i] = sb.toString();
      }
      rows.add(row);
    }
    assertThat(withWriter(rows, false)).isEqualTo(withPrinter(rows, false));
  }

  @Test
  void aPackedContactUnpacksToTheSameValues() {
    String[] valid = {"", "Ana", "São Paulo", "東京", "emoji 😀", "a\"b", "line\nbreak", "é".repeat(200), "x".repeat(70_000)};
    String[] row = new String[COLUMNS.size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = valid[i % valid.length];
    }
    Contact c = contact(row);
    c.phoneRegion = "BR";
    Contact back = new PackedContact().wrap(c.packed()).unpack();
    assertThat(back.values()).containsExactly(c.values());
    assertThat(back.phoneRegion).isEqualTo("BR");
    assertThat(back.rowNumber).isEqualTo(1);
  }

  @Test
  void theValuesReturnedForThePreviewAreTheGuardedOnes() throws Exception {
    String[] row = new String[COLUMNS.size()];
    java.util.Arrays.fill(row, "");
    row[GhlColumn.FIRST_NAME.ordinal()] = "=cmd";
    row[GhlColumn.PHONE.ordinal()] = "+5511987654321";
    try (GhlCsvWriter writer = new GhlCsvWriter(new ByteArrayOutputStream(), COLUMNS, false)) {
      String[] written = writer.values(contact(row));
      assertThat(written[GhlColumn.FIRST_NAME.ordinal()]).isEqualTo("'=cmd");
      assertThat(written[GhlColumn.PHONE.ordinal()]).isEqualTo("+5511987654321");
    }
  }
}
