package com.ghldata.engine;

import static com.ghldata.engine.Conversions.convert;
import static com.ghldata.engine.Conversions.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.ghldata.engine.read.ReadFixtures;
import com.ghldata.engine.read.ReadLimits;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.poi.hssf.usermodel.HSSFRow;
import org.apache.poi.hssf.usermodel.HSSFSheet;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * One cell over the read limit costs its tail, not the file: a 40,000-character note on row 2,002
 * leaves every other row converted, its own row too, with the note cut and the cut in the issues
 * list. Once per reader, since each cuts on its own.
 */
class LongCellsTest {
  private static final int LATE_ROW = 2_002;
  private static final String[] HEADER = {"Nome", "E-mail", "Telefone", "Observações"};

  /** Letters at random: a repeated one would trip a workbook's zip-bomb guard. */
  private static String note(int length) {
    Random random = new Random(length);
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append((char) ('a' + random.nextInt(26)));
    }
    return sb.toString();
  }

  /** The header, good rows, the row with {@code note} at {@link #LATE_ROW}, one more good row. */
  private static List<String[]> contacts(String note) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (int row = 2; row <= LATE_ROW + 1; row++) {
      rows.add(row == LATE_ROW
          ? new String[] {"Grande Nota", "grande@example.com", "(11) 98888-7777", note}
          : new String[] {"Pessoa " + row, "pessoa" + row + "@example.com",
              "(11) 9" + String.format("%04d", 1000 + row) + "-" + String.format("%04d", row), "ok"});
    }
    return rows;
  }

  private static String csv(List<String[]> rows) {
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      sb.append(String.join(",", r)).append('\n');
    }
    return sb.toString();
  }

  /** Every row converted, the late one with its note cut to {@code kept} characters, and the cut listed. */
  private static void assertCutAndListed(Conversions.Outcome o, String note, int kept) {
    Map<String, Object> report = o.report().asMap();
    assertThat(report.get("total_rows")).isEqualTo((long) LATE_ROW);
    assertThat(report.get("rows_written")).isEqualTo((long) LATE_ROW);
    assertThat(report.get("rejected_rows")).isEqualTo(0L);
    String late = Arrays.stream(o.lines()).filter(l -> l.startsWith("Grande,Nota,")).findFirst().orElseThrow();
    String inGhl = note.substring(0, Math.min(kept, RowNormalizer.MAX_NOTES));
    assertThat(late).contains("," + inGhl).doesNotContain(note.substring(0, inGhl.length() + 1));
    assertThat(o.lines()).anySatisfy(l -> assertThat(l).startsWith("Pessoa," + (LATE_ROW + 1) + ","));
    assertThat(o.issues()).contains(LATE_ROW + ",Observações," + note.substring(0, CellIssue.MAX_VALUE_CHARS)
        + "…,cut,cell_too_long,");
    assertThat(issueCounts(o)).containsEntry("cell_too_long", 1L);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Long> issueCounts(Conversions.Outcome o) {
    return (Map<String, Long>) o.report().asMap().get("cell_issues");
  }

  @Test
  void aLongNoteOnTheCsvFastPathIsCut() throws Exception {
    String note = note(40_000);

    Conversions.Outcome o = convert(csv(contacts(note)), options());

    assertCutAndListed(o, note, ReadLimits.DEFAULT.maxCellChars());
    // Cut to the limit by the reader, then to GHL's notes limit: both are listed.
    assertThat(o.report().asMap().get("cell_issues")).isEqualTo(Map.of("cell_too_long", 1L, "notes_too_long", 1L));
  }

  /** A sloppy first row hands the file to Commons CSV; the note is quoted, with line breaks and quotes in it. */
  @Test
  void aLongQuotedNoteWithLineBreaksOnTheCommonsCsvPathIsCut() throws Exception {
    String line = note(60) + " \"\"citação\"\"\n";
    String note = line.repeat(40_000 / line.length() + 1);
    List<String[]> rows = contacts("\"" + note + "\"");
    rows.get(1)[0] = "\"Pessoa\" 2"; // text after a closing quote: not the fast path's

    Conversions.Outcome o = convert(csv(rows), options());

    Map<String, Object> report = o.report().asMap();
    assertThat(report.get("rows_written")).isEqualTo((long) LATE_ROW);
    assertThat(o.lines()).anySatisfy(l -> assertThat(l).startsWith("Pessoa,2,"))
        .anySatisfy(l -> assertThat(l).startsWith("Pessoa," + (LATE_ROW + 1) + ","));
    assertThat(issueCounts(o)).containsEntry("cell_too_long", 1L);
    String unquoted = note.replace("\"\"", "\"");
    assertThat(o.issues()).contains(LATE_ROW + ",Observações,\"" + unquoted.substring(0, 100).replace("\"", "\"\""));
  }

  @Test
  void aLongSharedStringInAnXlsxIsCut() throws Exception {
    String note = note(40_000);
    Conversions.Outcome o = convert(xlsx(contacts(note), true), ".xlsx", options());

    assertCutAndListed(o, note, ReadLimits.DEFAULT.maxCellChars());
  }

  @Test
  void aLongInlineStringInAnXlsxIsCut() throws Exception {
    String note = note(40_000);
    Conversions.Outcome o = convert(xlsx(contacts(note), false), ".xlsx", options());

    assertCutAndListed(o, note, ReadLimits.DEFAULT.maxCellChars());
  }

  /** Excel (and POI) keep at most 32,767 characters in a cell: the limit is set below the note instead. */
  @Test
  void aLongNoteInAnXlsIsCut() throws Exception {
    String note = note(5_000);
    ReadLimits limits = new ReadLimits(1024, 1_000);
    ConversionOptions options = new ConversionOptions("BR", null, null, null, false, true, 1, limits);

    Conversions.Outcome o = convert(xls(contacts(note)), ".xls", options);

    assertCutAndListed(o, note, limits.maxCellChars());
    assertThat(o.report().asMap().get("cell_issues")).isEqualTo(Map.of("cell_too_long", 1L));
  }

  @Test
  void aCutCellKeepsExactlyTheLimitInTheGhlFile() throws Exception {
    String company = note(40_000);

    Conversions.Outcome o = convert("Nome,Empresa\nAna," + company + "\nBia,Acme\n", options());

    assertThat(o.lines()[1]).contains("," + company.substring(0, ReadLimits.DEFAULT.maxCellChars()) + ",")
        .doesNotContain(company.substring(0, ReadLimits.DEFAULT.maxCellChars() + 1));
    assertThat(o.issues()).contains("2,Empresa," + company.substring(0, CellIssue.MAX_VALUE_CHARS) + "…,cut,cell_too_long,");
  }

  /** Nothing of the column reaches GHL, cut or not: as with error values there, no issue. */
  @Test
  void aCutCellInAColumnThatFeedsNothingIsNotAnIssue() throws Exception {
    Conversions.Outcome o = convert("Nome,Código interno\nAna," + note(40_000) + "\n", options());

    assertThat(o.report().asMap().get("rows_written")).isEqualTo(1L);
    assertThat(o.issues()).isEqualTo("row,column,value,action,reason,suggestion\r\n");
  }

  /** The first rows are held while the header is looked for: a cut among them is listed all the same. */
  @Test
  void aCutInTheRowsReadBeforeTheHeaderIsChosenIsListed() throws Exception {
    String note = note(40_000);

    Conversions.Outcome o = convert("Contatos da feira\n\nNome,Observações\nAna," + note + "\nBia,ok\n", options());

    assertThat(o.report().asMap().get("header_row")).isEqualTo(3);
    assertThat(o.issues()).contains("4,Observações," + note.substring(0, CellIssue.MAX_VALUE_CHARS) + "…,cut,cell_too_long,");
  }

  /** Every cell inline, or the note alone as a shared string. */
  private static byte[] xlsx(List<String[]> rows, boolean noteShared) throws Exception {
    StringBuilder sheet = new StringBuilder();
    String shared = null;
    for (int r = 0; r < rows.size(); r++) {
      sheet.append("<row r=\"").append(r + 1).append("\">");
      String[] cells = rows.get(r);
      for (int c = 0; c < cells.length; c++) {
        String ref = (char) ('A' + c) + String.valueOf(r + 1);
        if (noteShared && r + 1 == LATE_ROW && c == 3) {
          shared = cells[c];
          sheet.append("<c r=\"").append(ref).append("\" t=\"s\"><v>0</v></c>");
        } else {
          sheet.append("<c r=\"").append(ref).append("\" t=\"inlineStr\"><is><t>").append(cells[c])
              .append("</t></is></c>");
        }
      }
      sheet.append("</row>");
    }
    return ReadFixtures.xlsxWithParts(ReadFixtures.sheetXml(sheet.toString()),
        shared == null ? null : ReadFixtures.sharedStringsXml(shared));
  }

  private static byte[] xls(List<String[]> rows) throws Exception {
    try (HSSFWorkbook workbook = new HSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      HSSFSheet sheet = workbook.createSheet("Contatos");
      for (int r = 0; r < rows.size(); r++) {
        HSSFRow row = sheet.createRow(r);
        for (int c = 0; c < rows.get(r).length; c++) {
          row.createCell(c).setCellValue(rows.get(r)[c]);
        }
      }
      workbook.write(out);
      return out.toByteArray();
    }
  }
}
