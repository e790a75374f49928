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
import com.ghldata.engine.write.CsvSplitter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
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
        vertx.eventBus().<JsonObject>localConsumer(Addresses.CONVERSION_SPLIT, this::split));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    return pool.close();
  }

  /** {path, sheet} → {format, sheet, header}: reads only what finding the header takes. */
  private void inspect(Message<JsonObject> msg) {
    JsonObject body = msg.body();
    pool.executeBlocking(() -> Converter.inspect(Path.of(body.getString("path")), body.getString("sheet"),
            ReadLimits.DEFAULT), false)
        .onSuccess(found -> msg.reply(new JsonObject().put("format", found.source().format())
            .put("sheet", found.source().sheet()).put("header", found.header())))
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
    FileChunk output = new FileChunk(body.getString("id"), "output", 0, body.getString("user_id"), null);
    pool.executeBlocking(() -> {
      try (InputStream csv = new ChunkedInput(context, Addresses.JOBS_FILE_READ, body.getInteger("chunks"),
              seq -> output.at(seq).toJson());
          ChunkedOutput zip = new ChunkedOutput(context, body.getString("sink"),
              seq -> new JsonObject().put("seq", seq), ZIP_CHUNK_BYTES)) {
        return CsvSplitter.split(csv, body.getInteger("rows", CsvSplitter.DEFAULT_ROWS),
            body.getString("base", "contacts"), zip);
      }
    }, false)
        .onSuccess(parts -> msg.reply(new JsonObject().put("parts", parts)))
        .onFailure(e -> {
          if (e instanceof TransferException t && t.failure() != null) {
            // The download was cancelled, or the file is not there: nothing to log.
            ErrorCode.Failure f = ErrorCode.of(t.failure());
            msg.fail(f.category().failureCode(), f.category().replyMessage(f.code(), f.variant(), f.params(), f.detail()));
          } else {
            LOG.error("split failed", e);
            msg.fail(ErrorCode.INTERNAL_ERROR.failureCode(), ErrorCode.INTERNAL_ERROR.replyMessage(null));
          }
        });
  }
}
