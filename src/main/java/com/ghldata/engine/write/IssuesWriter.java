package com.ghldata.engine.write;

import com.ghldata.engine.CellIssue;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVPrinter;

/**
 * The issues file as stored: one line per cell the conversion left out or changed, with stable codes
 * ({@link #HEADER}), UTF-8, comma. {@link SpreadsheetCsv} renders it for people in their language.
 */
public final class IssuesWriter implements Closeable {
  public static final String[] HEADER = {"row", "column", "value", "action", "reason", "suggestion"};

  private final CSVPrinter printer;

  public IssuesWriter(OutputStream out) throws IOException {
    this.printer = new CSVPrinter(
        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 14), GhlCsvWriter.FORMAT);
    printer.printRecord((Object[]) HEADER);
  }

  public void write(CellIssue i) throws IOException {
    printer.printRecord(i.row(), i.column(), i.value(), i.reason().action().code(), i.reason().code(), i.suggestion());
  }

  @Override
  public void close() throws IOException {
    printer.close(true);
  }
}
