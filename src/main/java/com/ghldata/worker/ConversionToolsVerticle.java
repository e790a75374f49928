package com.ghldata.worker;

import com.ghldata.bus.Addresses;
import com.ghldata.bus.ErrorCode;
import com.ghldata.bus.JobMessages;
import com.ghldata.engine.ConversionError;
import com.ghldata.engine.ConversionException;
import com.ghldata.engine.Converter;
import com.ghldata.engine.read.ReadLimits;
import com.ghldata.engine.write.CsvSplitter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's quick jobs for the HTTP node (deploy with ThreadingModel.WORKER beside the HTTP
 * verticle): inspecting an upload before it is queued and splitting a result into a ZIP. Local
 * consumers on their own worker threads, so an upload is answered at once even while every
 * conversion worker is busy or when this node runs none.
 */
public final class ConversionToolsVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ConversionToolsVerticle.class);

  @Override
  public Future<?> start() {
    List<MessageConsumer<?>> consumers = List.of(
        vertx.eventBus().<Buffer>localConsumer(Addresses.CONVERSION_INSPECT, this::inspect),
        vertx.eventBus().<Buffer>localConsumer(Addresses.CONVERSION_SPLIT, this::split));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  private void inspect(Message<Buffer> msg) {
    JsonObject meta = new JsonObject(msg.headers().get(JobMessages.META));
    Path file = null;
    try {
      file = Files.createTempFile("ghl-inspect-", ".upload");
      Files.write(file, msg.body().getBytes());
      Converter.Inspection found = Converter.inspect(file, meta.getString("sheet"), ReadLimits.DEFAULT);
      msg.reply(new JsonObject().put("format", found.source().format()).put("sheet", found.source().sheet())
          .put("header", found.header()));
    } catch (ConversionException e) {
      ErrorCode category = e.error() == ConversionError.NOT_A_SPREADSHEET || e.error() == ConversionError.EMPTY_FILE
          ? ErrorCode.NOT_A_SPREADSHEET : ErrorCode.UNUSABLE_FILE;
      msg.fail(category.failureCode(), category.replyMessage(e.code(), e.getMessage()));
    } catch (Exception e) {
      LOG.error("inspect failed unexpectedly", e);
      msg.fail(ErrorCode.INTERNAL_ERROR.failureCode(), ErrorCode.INTERNAL_ERROR.replyMessage(null));
    } finally {
      ConversionVerticle.deleteQuietly(file);
    }
  }

  private void split(Message<Buffer> msg) {
    JsonObject meta = new JsonObject(msg.headers().get(JobMessages.META));
    try {
      ByteArrayOutputStream zip = new ByteArrayOutputStream();
      CsvSplitter.split(new ByteArrayInputStream(msg.body().getBytes()), meta.getInteger("rows", CsvSplitter.DEFAULT_ROWS),
          meta.getString("base", "contacts"), zip);
      msg.reply(Buffer.buffer(zip.toByteArray()));
    } catch (IOException | RuntimeException e) {
      LOG.error("split failed", e);
      msg.fail(ErrorCode.INTERNAL_ERROR.failureCode(), ErrorCode.INTERNAL_ERROR.replyMessage(null));
    }
  }

}
