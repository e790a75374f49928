package com.ghldata.engine;

import com.ghldata.engine.mapping.HeaderMatcher;
import com.ghldata.engine.read.RowHandler;
import com.ghldata.engine.read.RowReader;
import com.ghldata.engine.read.SourceInfo;
import com.ghldata.engine.read.SpreadsheetReaders;
import com.ghldata.engine.report.ConversionReport;
import com.ghldata.engine.report.Preview;
import com.ghldata.engine.write.GhlCsvWriter;
import com.ghldata.engine.write.IssuesWriter;
import com.ghldata.engine.write.RejectedRow;
import com.ghldata.engine.write.RejectsWriter;
import com.ghldata.profile.CompilerActivity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The conversion engine: reads a spreadsheet as a stream, finds the header row, maps and normalizes
 * every row (in parallel batches when {@code threads > 1}, results kept in file order), rejects
 * what GHL would refuse, merges duplicates, and writes the GHL CSV, the rejects CSV, the report and
 * the preview. Plain Java: the CLI and the worker verticle both call it.
 */
public final class Converter {
  /** Leading rows searched for the header (title rows and blank rows come before it in real files). */
  static final int HEADER_SCAN_ROWS = 30;
  private static final int BATCH_ROWS = 1024;
  private static final int PROGRESS_EVERY = 10_000;
  /** With two threads, batches queued for the dedupe thread before the reading thread normalizes too. */
  private static final int BEHIND = 4;
  /** The most threads rendering the output at once. */
  private static final int MAX_WRITERS = 4;

  private final ConversionOptions options;
  /** A new watch of the JIT compilers for each conversion (see {@link CompilerActivity}). */
  private final Supplier<BooleanSupplier> compilersBusy;

  public Converter(ConversionOptions options) {
    this(options, CompilerActivity::ofThisProcess);
  }

  /** @param compilersBusy a new "are the JIT compilers busy?" for each conversion */
  Converter(ConversionOptions options, Supplier<BooleanSupplier> compilersBusy) {
    this.options = options;
    this.compilersBusy = compilersBusy;
  }

  /**
   * Converts one file.
   *
   * @param input the uploaded spreadsheet (format detected from its bytes)
   * @param csvOut receives the GHL CSV; not closed
   * @param rejectsOut receives the rejects CSV, or null to skip it; not closed
   */
  public ConversionResult convert(Path input, OutputStream csvOut, OutputStream rejectsOut, ProgressListener progress)
      throws IOException, ConversionException {
    return convert(input, csvOut, rejectsOut, null, progress);
  }

  /**
   * Converts one file, also writing the issues file: every cell left out of the output or changed in
   * a way the user should know ({@link IssuesWriter}).
   *
   * @param issuesOut receives the issues CSV, or null to skip it; not closed
   */
  public ConversionResult convert(Path input, OutputStream csvOut, OutputStream rejectsOut, OutputStream issuesOut,
      ProgressListener progress) throws IOException, ConversionException {
    long started = System.nanoTime();
    try (RowReader reader = SpreadsheetReaders.open(input, options.sheet(), options.limits());
         Run run = new Run(rejectsOut, issuesOut, progress == null ? ProgressListener.NONE : progress)) {
      reader.read(run);
      run.finishReading();
      return run.write(csvOut, reader.info(), started);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static final class Row {
    final int number;
    final String[] cells;
    /** The columns the reader cut to the cell limit, null when none (nearly always). */
    final int[] cut;

    Row(int number, String[] cells, int[] cut) {
      this.number = number;
      this.cells = cells;
      this.cut = cut;
    }
  }

  /** One drain chunk rendered as CSV lines, with what the report counts of it. */
  private static final class Rendered {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    final Written written;

    Rendered(boolean first) {
      written = new Written(first);
    }
  }

  /** What the report counts of the contacts written, and the preview's first rows. */
  private static final class Written {
    long rows;
    final long[] filled = new long[GhlColumn.ALL.size()];
    final Map<String, Long> phonesByCountry = new HashMap<>();
    final List<List<String>> preview = new ArrayList<>();
    /** Only the first rows of the file make the preview. */
    private final boolean previewed;

    Written(boolean previewed) {
      this.previewed = previewed;
    }

    void add(PackedContact c, GhlCsvWriter writer) throws IOException {
      writer.write(c);
      rows++;
      writer.countFilled(c, filled);
      if (c.has(GhlColumn.PHONE)) {
        String region = c.phoneRegion();
        if (!region.isEmpty()) {
          phonesByCountry.merge(region, 1L, Long::sum);
        }
      }
      if (previewed && preview.size() < ConversionOptions.PREVIEW_ROWS) {
        preview.add(List.of(writer.values(c.unpack())));
      }
    }

    /** Adds a later chunk's counts; its rows come after these. */
    void addAll(Written later) {
      rows += later.rows;
      for (int i = 0; i < filled.length; i++) {
        filled[i] += later.filled[i];
      }
      later.phonesByCountry.forEach((region, n) -> phonesByCountry.merge(region, n, Long::sum));
      for (List<String> row : later.preview) {
        if (preview.size() < ConversionOptions.PREVIEW_ROWS) {
          preview.add(row);
        }
      }
    }
  }

  private static final class Batch {
    final Tally tally = new Tally();
    final Object[] results;

    Batch(int size) {
      results = new Object[size];
    }
  }

  /** The state of one conversion; the reader pushes rows into it. */
  private final class Run implements RowHandler, AutoCloseable {
    private final OutputStream rejectsOut;
    private final OutputStream issuesOut;
    private final ProgressListener progress;
    private final List<Row> leading = new ArrayList<>();
    private final Tally tally = new Tally();
    private final Deduper deduper = new Deduper();
    /** The columns some contact has a value for, a bit per ordinal. */
    private long columnsSeen;
    private final ExecutorService pool;
    /** One thread that folds normalized batches into the dedupe index, in file order. */
    private final ExecutorService consumer;
    /** Batches read but not yet consumed: bounds memory while every core stays busy. */
    private final Semaphore inFlight;
    /** Until it answers false, the reading thread converts every batch itself. */
    private final BooleanSupplier compilersBusy;
    /** Batches handed to the dedupe thread that it has not started yet (two threads only). */
    private final AtomicInteger waiting = new AtomicInteger();
    private CompletableFuture<Void> consumed = CompletableFuture.completedFuture(null);
    private ColumnPlan plan;
    private int headerRow;
    private RowNormalizer normalizer;
    private RejectsWriter rejects;
    private IssuesWriter issues;
    private List<Row> batch = new ArrayList<>(BATCH_ROWS);
    private long rowsRead;
    /** The cells the reader cut in the row it pushes next ({@link #cellCut}). */
    private int[] cuts = new int[4];
    private int cutCount;
    private int cutRow;

    Run(OutputStream rejectsOut, OutputStream issuesOut, ProgressListener progress) throws IOException {
      this.rejectsOut = rejectsOut;
      this.issuesOut = issuesOut;
      this.progress = progress;
      // threads counts every thread of the conversion: the reading thread, one dedupe thread,
      // and normalizers for the rest (with two, the reading and the dedupe thread share it).
      int normalizers = options.threads() - 2;
      this.pool = normalizers > 0 ? Executors.newFixedThreadPool(normalizers, daemonThreads("normalize")) : null;
      this.consumer = options.threads() > 1 ? Executors.newSingleThreadExecutor(daemonThreads("dedupe")) : null;
      this.inFlight = new Semaphore(options.threads() * 4);
      this.compilersBusy = options.threads() > 1 ? Converter.this.compilersBusy.get() : () -> false;
    }

    @Override
    public void cellCut(int rowNumber, int column) {
      if (cutCount > 0 && cutRow != rowNumber) {
        cutCount = 0; // the reader broke its contract; better a lost issue than one on the wrong row
      }
      cutRow = rowNumber;
      if (cutCount == cuts.length) {
        cuts = Arrays.copyOf(cuts, cutCount * 2);
      }
      cuts[cutCount++] = column;
    }

    @Override
    public boolean row(int rowNumber, String[] cells) throws ConversionException {
      int[] cut = cutCount > 0 && cutRow == rowNumber ? Arrays.copyOf(cuts, cutCount) : null;
      cutCount = 0;
      // The leading rows keep their cuts: those below the header are data rows like any other.
      Row r = new Row(rowNumber, cells, cut);
      if (plan == null) {
        leading.add(r);
        if (leading.size() == HEADER_SCAN_ROWS) {
          chooseHeader();
        }
        return true;
      }
      add(r);
      return true;
    }

    private void chooseHeader() throws ConversionException {
      Header header = header(leading.stream().map(r -> r.cells).toList());
      int best = header.index();
      plan = header.plan();
      headerRow = leading.get(best).number;
      normalizer = new RowNormalizer(plan, options);
      try {
        if (rejectsOut != null) {
          rejects = new RejectsWriter(rejectsOut, plan.headers);
        }
        if (issuesOut != null) {
          issues = new IssuesWriter(issuesOut);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (Row r : leading.subList(best + 1, leading.size())) {
        add(r);
      }
      leading.clear();
    }

    private void add(Row r) {
      batch.add(r);
      if (batch.size() == BATCH_ROWS) {
        submit();
      }
    }

    private void submit() {
      List<Row> rows = batch;
      batch = new ArrayList<>(BATCH_ROWS);
      if (consumer == null || compilersBusy.getAsBoolean()) {
        // One thread, or the JIT compilers still need the other core: convert here, in order (the
        // batches handed over later are consumed after this one).
        consume(normalize(rows));
      } else if (pool == null) {
        // Two threads: the dedupe thread normalizes the batches it is handed, and the reading
        // thread normalizes a batch itself only while the dedupe thread is behind, so neither
        // waits for the other whichever of parsing or normalizing costs more on this file.
        inFlight.acquireUninterruptibly();
        Batch done = waiting.get() >= BEHIND ? normalize(rows) : null;
        waiting.incrementAndGet();
        chain(CompletableFuture.completedFuture(null), v -> {
          waiting.decrementAndGet();
          return done != null ? done : normalize(rows);
        });
      } else {
        // The reading thread only parses; normalizing runs on the pool.
        inFlight.acquireUninterruptibly();
        chain(CompletableFuture.supplyAsync(() -> normalize(rows), pool), b -> b);
      }
      rowsRead += rows.size();
      if (rowsRead % PROGRESS_EVERY < BATCH_ROWS) {
        progress.rowsRead(rowsRead);
      }
    }

    /** Folds a batch into the dedupe index on the dedupe thread, after the batches before it. */
    private <T> void chain(CompletableFuture<T> ready, java.util.function.Function<T, Batch> normalized) {
      consumed = consumed.<T, Void>thenCombineAsync(ready, (v, t) -> {
        consume(normalized.apply(t));
        return null;
      }, consumer).whenComplete((v, e) -> inFlight.release());
      if (consumed.isCompletedExceptionally()) {
        join(consumed);
      }
    }

    private Batch normalize(List<Row> rows) {
      Batch b = new Batch(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        Row r = rows.get(i);
        b.results[i] = normalizer.normalize(r.number, r.cells, r.cut, b.tally);
      }
      return b;
    }

    private void consume(Batch b) {
      tally.add(b.tally);
      try {
        if (issues != null && b.tally.issues != null) {
          for (CellIssue i : b.tally.issues) {
            issues.write(i);
          }
        }
        for (Object o : b.results) {
          if (o instanceof Contact c) {
            columnsSeen |= c.filledColumns();
            deduper.accept(c);
          } else if (o instanceof RejectedRow r && rejects != null) {
            rejects.write(r);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void finishReading() throws ConversionException, IOException {
      if (plan == null) {
        if (leading.isEmpty()) {
          throw new ConversionException(ConversionError.EMPTY_FILE);
        }
        chooseHeader();
      }
      if (!batch.isEmpty()) {
        submit();
      }
      join(consumed);
      progress.rowsRead(rowsRead);
      if (tally.rows == 0) {
        throw new ConversionException(ConversionError.NO_DATA_ROWS);
      }
      if (rejects != null) {
        rejects.close();
      }
      if (issues != null) {
        issues.close();
      }
    }

    ConversionResult write(OutputStream csvOut, SourceInfo source, long started) throws IOException {
      List<GhlColumn> columns = new ArrayList<>();
      long withValues = columnsSeen | deduper.columnsGrown();
      for (GhlColumn c : GhlColumn.ALL) {
        if (c.core() || (withValues & (1L << c.ordinal())) != 0) {
          columns.add(c);
        }
      }
      GhlCsvWriter writer = new GhlCsvWriter(csvOut, columns, options.bom());
      Written totals = new Written(true);
      if (options.threads() == 1) {
        deduper.drain(c -> totals.add(c, writer));
      } else {
        writeInParallel(deduper.startDrain(), columns, csvOut, writer, totals);
      }
      writer.close();
      long[] filled = totals.filled;
      Map<String, Long> phonesByCountry = new TreeMap<>(totals.phonesByCountry);
      List<List<String>> preview = totals.preview;
      long rows = totals.rows;
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("total_rows", tally.rows);
      r.put("rows_written", rows);
      r.put("pct_with_email", pct(filled[GhlColumn.EMAIL.ordinal()], rows));
      r.put("pct_with_phone", pct(filled[GhlColumn.PHONE.ordinal()], rows));
      r.put("invalid_emails", tally.invalidEmails);
      r.put("invalid_phones", tally.invalidPhones);
      r.put("ninth_digit_fixed", tally.ninthDigitFixed);
      r.put("invalid_dates", tally.invalidDates);
      r.put("duplicates_merged", deduper.merged());
      r.put("rejected_rows", tally.rejected);
      r.put("reject_reasons", tally.rejectReasons);
      r.put("cell_issues", tally.issueCounts);
      r.put("empty_rows_skipped", tally.emptyRows);
      r.put("format", source.format());
      r.put("encoding", source.encoding());
      r.put("delimiter", source.delimiter());
      r.put("sheet", source.sheet());
      r.put("sheets", source.sheets());
      r.put("header_row", headerRow);
      r.put("default_country", options.defaultCountry());
      r.put("columns", writer.headers());
      r.put("mapping", plan.mapping());
      r.put("unmapped_columns", plan.unmapped());
      Map<String, Object> fill = new LinkedHashMap<>();
      for (GhlColumn col : columns) {
        fill.put(col.header(), pct(filled[col.ordinal()], rows));
      }
      r.put("fill_rates", fill);
      r.put("phones_by_country", phonesByCountry);
      r.put("seconds", Math.round((System.nanoTime() - started) / 1e6) / 1000.0);
      return new ConversionResult(new ConversionReport(r), new Preview(writer.headers(), preview));
    }

    /**
     * Renders the drain's chunks on up to {@link #MAX_WRITERS} threads, each into its own buffer, and
     * writes the buffers in order: the output is byte for byte what one thread writes.
     */
    private void writeInParallel(int chunks, List<GhlColumn> columns, OutputStream csvOut, GhlCsvWriter header,
        Written totals) throws IOException {
      header.flush();
      // The writing itself is one stream: past a few renderers more only hold more chunks in memory.
      int threads = Math.min(options.threads(), MAX_WRITERS);
      ExecutorService renderers = Executors.newFixedThreadPool(threads, daemonThreads("write"));
      try {
        // A few chunks ahead of the writing, a mebibyte or so each, bound the memory.
        int ahead = threads * 2;
        List<CompletableFuture<Rendered>> pending = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
          for (int next = pending.size(); next < chunks && next <= i + ahead; next++) {
            int chunk = next;
            pending.add(CompletableFuture.supplyAsync(() -> render(chunk, columns), renderers));
          }
          Rendered r = join(pending.get(i));
          pending.set(i, null);
          r.bytes.writeTo(csvOut);
          totals.addAll(r.written);
        }
      } catch (UncheckedIOException e) {
        throw e.getCause();
      } finally {
        renderers.shutdownNow();
      }
    }

    private Rendered render(int chunk, List<GhlColumn> columns) {
      Rendered r = new Rendered(chunk == 0);
      try {
        GhlCsvWriter rows = GhlCsvWriter.rowsOnly(r.bytes, columns);
        deduper.drainChunk(chunk, c -> r.written.add(c, rows));
        rows.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return r;
    }

    @Override
    public void close() throws IOException {
      if (consumer != null) {
        consumer.shutdownNow();
      }
      if (pool != null) {
        pool.shutdownNow();
      }
      deduper.close();
    }
  }

  /**
   * Checks, from its first rows only, that a file can be converted: the format is readable, a header
   * row names a name, email or phone column, and a data row follows. Cheap enough to run while the
   * upload request waits, so a useless file is refused at once instead of failing later.
   *
   * @return the detected source (format, encoding, sheet) and the header row's cells
   */
  public static Inspection inspect(Path input, String sheet, com.ghldata.engine.read.ReadLimits limits)
      throws IOException, ConversionException {
    List<String[]> rows = new ArrayList<>();
    try (RowReader reader = SpreadsheetReaders.open(input, sheet, limits)) {
      try {
        reader.read((n, cells) -> {
          rows.add(cells);
          return rows.size() < HEADER_SCAN_ROWS * 2;
        });
        if (rows.isEmpty()) {
          throw new ConversionException(ConversionError.EMPTY_FILE);
        }
        int header = header(rows.subList(0, Math.min(rows.size(), HEADER_SCAN_ROWS))).index();
        boolean data = rows.subList(header + 1, rows.size()).stream()
            .anyMatch(cells -> Arrays.stream(cells).anyMatch(c -> c != null && !c.isBlank()));
        if (!data) {
          throw new ConversionException(ConversionError.NO_DATA_ROWS);
        }
        return new Inspection(reader.info(), List.of(rows.get(header)));
      } catch (ConversionException e) {
        throw withSheets(e, reader.info());
      }
    }
  }

  /**
   * A workbook's sheet that cannot be used, naming the sheet read and every sheet of the workbook, so
   * a client can offer the others instead of a dead end.
   */
  private static ConversionException withSheets(ConversionException e, SourceInfo source) {
    if (source.sheets().isEmpty() || e.params().containsKey("sheets")) {
      return e;
    }
    Map<String, Object> params = new LinkedHashMap<>(e.params());
    params.putIfAbsent("sheet", source.sheet());
    params.put("sheets", source.sheets());
    return new ConversionException(e.error(), e.variant(), params, e.getMessage(), e.getCause());
  }

  /** What {@link #inspect} found. */
  public record Inspection(SourceInfo source, List<String> header) {}

  /** The header row's index among the leading rows, and the column plan it gives. */
  record Header(int index, ColumnPlan plan) {}

  /**
   * The header among the leading rows: the row naming the most contact fields. Its plan is checked
   * against the leading rows below it, so a name column of numbers or placeholders counts for none.
   */
  static Header header(List<String[]> leading) throws ConversionException {
    int best = -1;
    int bestScore = 0;
    for (int i = 0; i < leading.size(); i++) {
      int score = HeaderMatcher.score(leading.get(i));
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    if (best < 0) {
      if (leading.stream().allMatch(r -> Arrays.stream(r).allMatch(c -> c == null || c.isBlank()))) {
        throw new ConversionException(ConversionError.EMPTY_FILE);
      }
      throw new ConversionException(ConversionError.NO_RECOGNISABLE_COLUMN, "no_header",
          Map.of("rows", leading.size()), "No column header was recognised as a contact field in the first " + leading.size()
              + " rows. Name the columns (for example Nome, E-mail, Telefone) and try again.");
    }
    ColumnPlan chosen = ColumnPlan.of(leading.get(best), leading.subList(best + 1, leading.size()));
    if (!chosen.canIdentifyContacts()) {
      List<String> nameless = chosen.namelessNameColumns();
      String why = nameless.isEmpty() ? ""
          : (nameless.size() == 1 ? "The column \"" + nameless.get(0) + "\" holds" : "The columns \""
              + String.join("\", \"", nameless) + "\" hold") + " numbers or template placeholders, not names. ";
      throw new ConversionException(ConversionError.NO_RECOGNISABLE_COLUMN,
          nameless.isEmpty() ? "no_contact_column" : "nameless_columns",
          Map.of("columns", List.copyOf(nonBlank(chosen.headers)), "nameless", List.copyOf(nameless)),
          why + "No name, email or phone column was found (columns: " + String.join(", ", nonBlank(chosen.headers))
              + "). GHL needs at least one of them for every contact.");
    }
    return new Header(best, chosen);
  }

  private static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }

  private static double pct(long part, long whole) {
    return whole == 0 ? 0.0 : Math.round(part * 1000.0 / whole) / 10.0;
  }

  private static List<String> nonBlank(String[] headers) {
    return Arrays.stream(headers).filter(h -> !h.isBlank()).toList();
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String role) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "ghl-" + role + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
