package com.ghldata.conversion;

import com.ghldata.conversion.normalize.TextCleaner;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes the GHL import CSV: UTF-8, comma, RFC 4180 quoting, header first, optional BOM. */
final class GhlCsvWriter implements Closeable {
  static final CSVFormat FORMAT = CSVFormat.RFC4180;

  private final List<GhlColumn> columns;
  private final CSVPrinter printer;
  private final String[] row;

  GhlCsvWriter(OutputStream out, List<GhlColumn> columns, boolean bom) throws IOException {
    this.columns = List.copyOf(columns);
    BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    if (bom) {
      w.write('\uFEFF');
    }
    this.printer = new CSVPrinter(w, FORMAT);
    this.row = new String[columns.size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = columns.get(i).header();
    }
    printer.printRecord((Object[]) row);
  }

  /** Writes a contact and returns the values as written (formula-guarded), for the preview. */
  String[] write(Contact c) throws IOException {
    for (int i = 0; i < row.length; i++) {
      GhlColumn col = columns.get(i);
      String v = c.get(col);
      // A validated E.164 phone starts with '+' and must reach GHL unaltered.
      row[i] = col == GhlColumn.PHONE || col == GhlColumn.ADDITIONAL_PHONES ? v : TextCleaner.guardFormula(v);
    }
    printer.printRecord((Object[]) row);
    return row.clone();
  }

  List<String> headers() {
    List<String> h = new ArrayList<>();
    columns.forEach(c -> h.add(c.header()));
    return h;
  }

  @Override
  public void close() throws IOException {
    printer.close(true);
  }
}
