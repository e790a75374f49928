package com.ghldata.worker;

import com.ghldata.bus.Addresses;
import com.ghldata.bus.ChunkedInput;
import com.ghldata.bus.ChunkedOutput;
import com.ghldata.bus.ErrorCode;
import com.ghldata.bus.FileChunk;
import com.ghldata.bus.Transfers.TransferException;
import com.ghldata.engine.ConversionError;
import com.ghldata.engine.ConversionException;
import com.ghldata.engine.Converter;
import com.ghldata.engine.read.ReadLimits;
import com.ghldata.engine.CellIssue;
import com.ghldata.engine.report.Language;
import com.ghldata.engine.report.Texts;
import com.ghldata.engine.write.CsvSplitter;
import com.ghldata.engine.write.GhlCsvWriter;
import com.ghldata.engine.write.SpreadsheetCsv;
import com.ghldata.infra.Logging;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's quick jobs for the HTTP node: inspecting an upload (a file on this node's disk)
 * before it is stored, and splitting a finished job's CSV into a ZIP of parts, streamed chunk by
 * chunk to the address the HTTP route listens on. Local consumers with their own thread pool, so
 * an upload is answered at once even while every conversion worker is busy or when this node runs none.
 */
public final class ConversionToolsVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ConversionToolsVerticle.class);
  /** ZIP bytes per message to the HTTP route: small, so a download starts at once. */
  static final int ZIP_CHUNK_BYTES = 256 * 1024;

  private Context context;
  private WorkerExecutor pool;

  @Override
  public Future<?> start() {
    context = vertx.getOrCreateContext();
    pool = vertx.createSharedWorkerExecutor("ghl-tools", 4, 1, TimeUnit.HOURS);
    List<MessageConsumer<?>> consumers = List.of(
        vertx.eventBus().<JsonObject>localConsumer(Addresses.CONVERSION_INSPECT, this::inspect),
        vertx.eventBus().<JsonObject>localConsumer(Addresses.CONVERSION_SPLIT, this::split),
        vertx.eventBus().<JsonObject>localConsumer(Addresses.CONVERSION_RENDER, this::render),
        vertx.eventBus().<JsonObject>localConsumer(Addresses.CONVERSION_ISSUES, this::issues));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    return pool.close();
  }

  /**
   * {path, sheet} → {format, sheet, sheets, header}: reads only what finding the header takes. A
   * workbook's sheet that cannot be used fails with its sheets among the parameters.
   */
  private void inspect(Message<JsonObject> msg) {
    JsonObject body = msg.body();
    pool.executeBlocking(() -> Converter.inspect(Path.of(body.getString("path")), body.getString("sheet"),
            ReadLimits.DEFAULT), false)
        .onSuccess(found -> msg.reply(new JsonObject().put("format", found.source().format())
            .put("sheet", found.source().sheet()).put("sheets", found.source().sheets())
            .put("header", found.header())))
        .onFailure(e -> {
          if (e instanceof ConversionException c) {
            ErrorCode category = c.error() == ConversionError.NOT_A_SPREADSHEET || c.error() == ConversionError.EMPTY_FILE
                ? ErrorCode.NOT_A_SPREADSHEET : ErrorCode.UNUSABLE_FILE;
            msg.fail(category.failureCode(), category.replyMessage(c.code(), c.variant(), c.params(), c.getMessage()));
          } else {
            LOG.error("inspect failed unexpectedly", e);
            msg.fail(ErrorCode.INTERNAL_ERROR.failureCode(), ErrorCode.INTERNAL_ERROR.replyMessage(null));
          }
        });
  }

  /**
   * {id, user_id, chunks, rows, base, sink}: reads the job's output from the store and sends the
   * ZIP to {@code sink} in chunks (META: {"seq": n}), each answered before the next is sent; the
   * reply, once every chunk is answered, is {parts}.
   */
  private void split(Message<JsonObject> msg) {
    JsonObject body = msg.body();
    streamed(msg, "split", () -> {
      try (InputStream csv = stored(body, "output");
          ChunkedOutput zip = sink(body)) {
        return new JsonObject().put("parts", CsvSplitter.split(csv, body.getInteger("rows", CsvSplitter.DEFAULT_ROWS),
            body.getString("base", "contacts"), zip));
      }
    });
  }

  /**
   * {id, user_id, kind, chunks, lang, accept_language, sink}: reads a finished job's output, rejects or issues and
   * sends it rendered for a spreadsheet in that language ({@link SpreadsheetCsv}) to {@code sink},
   * chunk by chunk as {@link #split} does.
   */
  private void render(Message<JsonObject> msg) {
    JsonObject body = msg.body();
    String kind = body.getString("kind");
    SpreadsheetCsv.Kind as = SpreadsheetCsv.Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT));
    Language language = language(body);
    streamed(msg, "render", () -> {
      try (InputStream in = stored(body, kind);
          ChunkedOutput out = sink(body)) {
        SpreadsheetCsv.render(as, language, in, out);
        out.finish();
        return new JsonObject();
      }
    });
  }

  /**
   * {id, user_id, chunks, reason, offset, limit, lang, accept_language} → {items}: one page of the issues file, read
   * from its start and no further than the page (the total comes from the report's counts).
   */
  private void issues(Message<JsonObject> msg) {
    JsonObject body = msg.body();
    String reason = body.getString("reason");
    long offset = body.getLong("offset", 0L);
    int limit = body.getInteger("limit", 100);
    Language l = language(body);
    streamed(msg, "issues", () -> {
      JsonArray items = new JsonArray();
      try (InputStream in = stored(body, "issues");
          CSVParser parser = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8),
              GhlCsvWriter.FORMAT.builder().setHeader().setSkipHeaderRecord(true).get())) {
        long skipped = 0;
        for (CSVRecord r : parser) {
          if (reason != null && !reason.equals(r.get("reason"))) {
            continue;
          }
          if (skipped++ < offset) {
            continue;
          }
          if (items.size() == limit) {
            break;
          }
          items.add(issue(r, l));
        }
      }
      return new JsonObject().put("items", items);
    });
  }

  private static JsonObject issue(CSVRecord r, Language l) {
    String reason = r.get("reason");
    String fix = r.get("suggestion");
    CellIssue.Reason known = CellIssue.Reason.of(reason);
    return new JsonObject().put("row", Integer.parseInt(r.get("row"))).put("column", r.get("column"))
        .put("value", r.get("value")).put("action", r.get("action")).put("reason", reason)
        .put("suggestion", fix.isEmpty() ? null : fix)
        .put("message", Texts.orKey(l, "reason." + reason, reason))
        .put("advice", known == null ? null : Texts.get(l, "advice." + reason));
  }

  /** {@code lang} when the reader chose one, else the best for their Accept-Language, else English. */
  private static Language language(JsonObject body) {
    Language chosen = Language.ofTag(body.getString("lang"));
    return chosen != null ? chosen : Language.negotiate(body.getString("accept_language"), Language.EN);
  }

  private InputStream stored(JsonObject body, String kind) {
    FileChunk first = new FileChunk(body.getString("id"), kind, 0, body.getString("user_id"), null);
    return new ChunkedInput(context, Addresses.JOBS_FILE_READ, body.getInteger("chunks"), seq -> first.at(seq).toJson());
  }

  private ChunkedOutput sink(JsonObject body) {
    return new ChunkedOutput(context, body.getString("sink"), seq -> new JsonObject().put("seq", seq), ZIP_CHUNK_BYTES);
  }

  /** Runs a job that reads stored files on the pool and answers its result, or why it could not. */
  private void streamed(Message<JsonObject> msg, String what, Callable<JsonObject> work) {
    pool.executeBlocking(work, false)
        .onSuccess(msg::reply)
        .onFailure(e -> {
          if (e instanceof TransferException t && t.failure() != null) {
            // The download was cancelled, or the file is not there: nothing to log.
            ErrorCode.Failure f = ErrorCode.of(t.failure());
            msg.fail(f.category().failureCode(), f.category().replyMessage(f.code(), f.variant(), f.params(), f.detail()));
          } else {
            JsonObject job = msg.body();
            Logging.withJob(job.getString("id"), job.getString("user_id"), () -> LOG.error("{} failed", what, e));
            msg.fail(ErrorCode.INTERNAL_ERROR.failureCode(), ErrorCode.INTERNAL_ERROR.replyMessage(null));
          }
        });
  }
}
