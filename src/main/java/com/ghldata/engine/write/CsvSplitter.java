package com.ghldata.engine.write;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Splits a GHL CSV into a ZIP of parts of at most N rows, each with the header (GHL's pages disagree
 * on size limits; 10,000 rows a part is our choice). Parses the CSV, so quoted line breaks in Notes
 * never split a contact.
 */
public final class CsvSplitter {
  public static final int DEFAULT_ROWS = 10_000;
  private static final char BOM = '\uFEFF';

  private CsvSplitter() {}

  /**
   * @param baseName part names are {@code baseName-part-001.csv}, ...
   * @return the number of parts written
   */
  public static int split(InputStream csv, int maxRows, String baseName, OutputStream zip) throws IOException {
    if (maxRows < 1) {
      throw new IllegalArgumentException("rows per part must be at least 1, got " + maxRows);
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8), 1 << 16);
    in.mark(1);
    boolean bom = in.read() == BOM;
    if (!bom) {
      in.reset();
    }
    ZipOutputStream out = new ZipOutputStream(zip, StandardCharsets.UTF_8);
    int parts = 0;
    try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(CSVFormat.RFC4180).get()) {
      List<String> header = null;
      CSVPrinter part = null;
      int rowsInPart = 0;
      for (CSVRecord record : parser) {
        if (header == null) {
          header = record.toList();
          continue;
        }
        if (part == null || rowsInPart == maxRows) {
          if (part != null) {
            part.flush();
            out.closeEntry();
          }
          parts++;
          out.putNextEntry(new ZipEntry(String.format(Locale.ROOT, "%s-part-%03d.csv", baseName, parts)));
          Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
          if (bom) {
            w.write(BOM);
          }
          part = new CSVPrinter(w, GhlCsvWriter.FORMAT);
          part.printRecord(header);
          rowsInPart = 0;
        }
        part.printRecord(record.toList());
        rowsInPart++;
      }
      if (part != null) {
        part.flush();
        out.closeEntry();
      }
    }
    out.finish();
    return parts;
  }
}
