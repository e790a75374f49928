package com.ghldata.engine.write;

import com.ghldata.engine.normalize.TextCleaner;
import com.ghldata.engine.report.Language;
import com.ghldata.engine.report.Texts;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A stored CSV rendered for people who open it in a spreadsheet: a UTF-8 byte order mark (without
 * it Excel reads {@code Magalhães} as {@code MagalhÃ£es}), the list separator of the reader's
 * language (Excel in Portuguese puts a comma-separated file in one column), and for the rejects and
 * issues files headers, actions and reasons in that language. Streams record by record: any size.
 * The GHL file itself is never rendered this way for the import, which wants UTF-8 and commas.
 */
public final class SpreadsheetCsv {
  /** The stored files this renders. */
  public enum Kind {
    /** The GHL CSV: only the BOM and the separator change. */
    OUTPUT,
    /** Row, the original cells, Reasons (codes joined by "; "). */
    REJECTS,
    /** {@link IssuesWriter#HEADER}. */
    ISSUES
  }

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private SpreadsheetCsv() {}

  /** Reads the stored file from {@code in} and writes the people's version to {@code out} (not closed). */
  public static void render(Kind kind, Language language, InputStream in, OutputStream out) throws IOException {
    out.write(BOM);
    Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
    BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 14);
    CSVFormat format = GhlCsvWriter.FORMAT.builder().setDelimiter(language.separator()).get();
    try (CSVParser parser = CSVParser.parse(reader, GhlCsvWriter.FORMAT)) {
      CSVPrinter printer = new CSVPrinter(writer, format);
      boolean header = true;
      for (CSVRecord r : parser) {
        List<String> cells = r.toList();
        printer.printRecord(switch (kind) {
          case OUTPUT -> cells;
          case REJECTS -> header ? rejectsHeader(cells, language) : rejectsRow(cells, language);
          case ISSUES -> header ? issuesHeader(language) : issuesRow(cells, language);
        });
        header = false;
      }
      printer.flush();
    }
  }

  private static List<String> rejectsHeader(List<String> cells, Language l) {
    List<String> out = new ArrayList<>(cells);
    out.set(0, Texts.get(l, "rejects.row"));
    out.set(out.size() - 1, Texts.get(l, "rejects.reasons"));
    return out;
  }

  private static List<String> rejectsRow(List<String> cells, Language l) {
    List<String> out = new ArrayList<>(cells);
    int last = out.size() - 1;
    List<String> reasons = new ArrayList<>();
    for (String code : out.get(last).split("; ")) {
      reasons.add(Texts.orKey(l, "reason." + code, code));
    }
    out.set(last, String.join("; ", reasons));
    return out;
  }

  private static List<String> issuesHeader(Language l) {
    return List.of(Texts.get(l, "issues.row"), Texts.get(l, "issues.column"), Texts.get(l, "issues.value"),
        Texts.get(l, "issues.action"), Texts.get(l, "issues.reason"), Texts.get(l, "issues.suggestion"),
        Texts.get(l, "issues.code"));
  }

  private static List<String> issuesRow(List<String> c, Language l) {
    String reason = field(c, 4);
    return List.of(field(c, 0), TextCleaner.guardFormula(field(c, 1)), TextCleaner.guardFormula(field(c, 2)),
        Texts.orKey(l, "action." + field(c, 3), field(c, 3)), Texts.orKey(l, "reason." + reason, reason),
        suggestion(l, reason, field(c, 5)), reason);
  }

  /** The likely fix when there is one, else the advice for the reason, else "". */
  public static String suggestion(Language l, String reason, String fix) {
    if (!fix.isEmpty()) {
      return TextCleaner.guardFormula(fix);
    }
    String advice = Texts.get(l, "advice." + reason);
    return advice == null ? "" : advice;
  }

  private static String field(List<String> cells, int i) {
    return i < cells.size() ? cells.get(i) : "";
  }
}
