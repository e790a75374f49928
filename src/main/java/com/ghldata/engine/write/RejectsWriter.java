package com.ghldata.engine.write;

import com.ghldata.engine.normalize.TextCleaner;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVPrinter;

/** The rejects CSV: original row number, the original cells, the reason codes. */
public final class RejectsWriter implements Closeable {
  private final CSVPrinter printer;
  private final int width;

  public RejectsWriter(OutputStream out, String[] headers) throws IOException {
    this.printer = new CSVPrinter(
        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 14), GhlCsvWriter.FORMAT);
    this.width = headers.length;
    String[] h = new String[width + 2];
    h[0] = "Row";
    for (int i = 0; i < width; i++) {
      h[i + 1] = headers[i].isEmpty() ? "Column " + (i + 1) : TextCleaner.guardFormula(headers[i]);
    }
    h[width + 1] = "Reasons";
    printer.printRecord((Object[]) h);
  }

  public void write(RejectedRow r) throws IOException {
    int n = Math.max(width, r.cells().length);
    String[] out = new String[n + 2];
    out[0] = Integer.toString(r.rowNumber());
    for (int i = 0; i < n; i++) {
      out[i + 1] = i < r.cells().length ? TextCleaner.guardFormula(r.cells()[i]) : "";
    }
    out[n + 1] = String.join("; ", r.reasons());
    printer.printRecord((Object[]) out);
  }

  @Override
  public void close() throws IOException {
    printer.close(true);
  }
}
