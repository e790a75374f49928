package com.ghldata.cli;

import com.ghldata.Main;
import com.ghldata.engine.ConversionException;
import com.ghldata.engine.ConversionOptions;
import com.ghldata.engine.ConversionResult;
import com.ghldata.engine.Converter;
import com.ghldata.engine.read.ReadLimits;
import com.ghldata.engine.report.ConversionReport;
import com.ghldata.engine.report.Language;
import com.ghldata.engine.write.CsvSplitter;
import com.ghldata.engine.write.SpreadsheetCsv;
import com.ghldata.profile.CpuSplit;
import com.ghldata.profile.HeapWatch;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code convert INPUT [-o OUT.csv] ...}: one file through the engine, no server. */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = "Converts a contact spreadsheet (XLSX, XLS, CSV) into a GHL import CSV.")
public final class ConvertCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "INPUT", description = "The spreadsheet to convert.")
  Path input;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT",
      description = "Output CSV (a ZIP with --split). Default: INPUT name + -ghl.csv beside it.")
  Path output;

  @Option(names = "--report", paramLabel = "R.json", description = "Write the data-quality report as JSON.")
  Path report;

  @Option(names = "--rejects", paramLabel = "X.csv", description = "Write the rejected rows with their reasons.")
  Path rejects;

  @Option(names = "--issues", paramLabel = "I.csv",
      description = "Write every cell left out or changed: row, column, original value, reason.")
  Path issues;

  @Option(names = "--lang", paramLabel = "L",
      description = "Write the rejects and issues files for a spreadsheet in this language (en, pt-BR, es):"
          + " a BOM, its words and its list separator. Default: for programs (comma, reason codes).")
  String lang;

  @Option(names = "--preview", paramLabel = "P.json", description = "Write the first 20 output rows as JSON.")
  Path preview;

  @Option(names = "--country", paramLabel = "CC", defaultValue = "BR",
      description = "Default country (ISO code) for phones, states and postal codes. Default: ${DEFAULT-VALUE}.")
  String country;

  @Option(names = "--sheet", paramLabel = "NAME", description = "Workbook sheet to read. Default: the first non-empty one.")
  String sheet;

  @Option(names = "--tag", paramLabel = "T", description = "Tag added to every contact of this import.")
  String tag;

  @Option(names = "--source", paramLabel = "S", description = "Source for contacts that have none.")
  String source;

  @Option(names = "--split", paramLabel = "N", arity = "0..1", fallbackValue = "10000",
      description = "Write a ZIP of parts of at most N rows (default N: 10000).")
  Integer split;

  @Option(names = "--bom", description = "Start the CSV with a UTF-8 byte order mark (for Excel).")
  boolean bom;

  @Option(names = "--no-ninth-digit", description = "Do not add the 9 to legacy 8-digit Brazilian mobiles.")
  boolean noNinthDigit;

  @Option(names = "--threads", paramLabel = "N",
      description = "Conversion threads: reading, dedupe, then normalizers; with two or more, as many write"
          + " the output. Default: one per core.")
  Integer threads;

  @Option(names = "--stats", description = "Also print rows/s, the peak heap used and where the CPU time went.")
  boolean stats;

  @Option(names = "--repeat", paramLabel = "N", defaultValue = "1", hidden = true,
      description = "Benchmarking: convert N times in this process and print each run's rows/s (warm JIT).")
  int repeat;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(input)) {
      err.println("error: input file not found: " + input);
      return CommandLine.ExitCode.USAGE;
    }
    if (split != null && split < 1) {
      err.println("error: --split needs a positive number of rows, got " + split);
      return CommandLine.ExitCode.USAGE;
    }
    ConversionOptions options;
    try {
      int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
      options = new ConversionOptions(country, sheet, tag, source, bom, !noNinthDigit, n, ReadLimits.DEFAULT);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    Language language = Language.ofTag(lang);
    if (lang != null && language == null) {
      err.println("error: --lang must be en, pt-BR or es, got " + lang);
      return CommandLine.ExitCode.USAGE;
    }
    Path target = output != null ? output : defaultOutput();
    Path tmpCsv = Files.createTempFile(dirOf(target), ".ghl-", ".csv.part");
    Path tmpRejects = rejects == null ? null : Files.createTempFile(dirOf(rejects), ".ghl-", ".rejects.part");
    Path tmpIssues = issues == null ? null : Files.createTempFile(dirOf(issues), ".ghl-", ".issues.part");
    long started = System.nanoTime();
    HeapWatch heap = stats ? new HeapWatch() : null;
    try {
      ConversionResult result;
      try (OutputStream csv = new BufferedOutputStream(Files.newOutputStream(tmpCsv), 1 << 16);
           OutputStream rej = tmpRejects == null ? null : new BufferedOutputStream(Files.newOutputStream(tmpRejects));
           OutputStream iss = tmpIssues == null ? null : new BufferedOutputStream(Files.newOutputStream(tmpIssues))) {
        result = new Converter(options).convert(input, csv, rej, iss, null);
      }
      for (int run = 2; run <= repeat; run++) {
        long t0 = System.nanoTime();
        ConversionResult again = new Converter(options).convert(input, OutputStream.nullOutputStream(), null, null);
        double s = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "repeat %d: %.2f s, %.0f rows/s%n", run, s, again.report().totalRows() / s);
      }
      if (split != null) {
        Path zipTmp = Files.createTempFile(dirOf(target), ".ghl-", ".zip.part");
        try (InputStream in = Files.newInputStream(tmpCsv);
             OutputStream zip = new BufferedOutputStream(Files.newOutputStream(zipTmp))) {
          CsvSplitter.split(in, split, baseName(input) + "-ghl", zip);
        }
        Files.move(zipTmp, target, StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.move(tmpCsv, target, StandardCopyOption.REPLACE_EXISTING);
      }
      place(tmpRejects, rejects, SpreadsheetCsv.Kind.REJECTS, language);
      place(tmpIssues, issues, SpreadsheetCsv.Kind.ISSUES, language);
      if (report != null) {
        Files.writeString(report, result.report().toJson(), StandardCharsets.UTF_8);
      }
      if (preview != null) {
        Files.writeString(preview, result.preview().toJson(), StandardCharsets.UTF_8);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      ConversionReport r = result.report();
      out.printf(Locale.ROOT, "%d rows in, %d rows out, %d rejected, %d duplicates merged, %.2f s -> %s%n",
          r.totalRows(), r.rowsWritten(), r.rejectedRows(), r.duplicatesMerged(), seconds, target);
      if (stats) {
        out.printf(Locale.ROOT, "stats: %.0f rows/s, %d threads, peak heap after GC %d MiB, max heap %d MiB%n",
            r.totalRows() / seconds, options.threads(), heap.peakAfterGcBytes() >> 20,
            Runtime.getRuntime().maxMemory() >> 20);
        CpuSplit.now().ifPresent(cpu -> out.printf(Locale.ROOT,
            "cpu: %.2f s = conversion %.2f + JIT compilers %.2f + GC and VM %.2f; the compilers waited %.2f s for a core%n",
            cpu.totalNanos() / 1e9, cpu.otherNanos() / 1e9, cpu.jitNanos() / 1e9, cpu.gcNanos() / 1e9,
            cpu.jitWaitNanos() / 1e9));
      }
      return CommandLine.ExitCode.OK;
    } catch (ConversionException e) {
      err.println("error: " + e.code() + ": " + e.getMessage());
      return Main.EXIT_UNUSABLE_FILE;
    } finally {
      if (heap != null) {
        heap.close();
      }
      Files.deleteIfExists(tmpCsv);
      if (tmpRejects != null) {
        Files.deleteIfExists(tmpRejects);
      }
      if (tmpIssues != null) {
        Files.deleteIfExists(tmpIssues);
      }
    }
  }

  /** Moves a written file to where it was asked for, rendered for a spreadsheet when a language was given. */
  private static void place(Path written, Path target, SpreadsheetCsv.Kind kind, Language language) throws IOException {
    if (written == null) {
      return;
    }
    if (language == null) {
      Files.move(written, target, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    Path rendered = Files.createTempFile(dirOf(target), ".ghl-", ".csv.part");
    try (InputStream in = Files.newInputStream(written);
         OutputStream out = new BufferedOutputStream(Files.newOutputStream(rendered))) {
      SpreadsheetCsv.render(kind, language, in, out);
    }
    Files.move(rendered, target, StandardCopyOption.REPLACE_EXISTING);
  }

  private Path defaultOutput() {
    return input.toAbsolutePath().resolveSibling(baseName(input) + (split != null ? "-ghl.zip" : "-ghl.csv"));
  }

  private static String baseName(Path p) {
    String name = p.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static Path dirOf(Path p) {
    Path parent = p.toAbsolutePath().getParent();
    return parent == null ? Path.of(".") : parent;
  }
}
