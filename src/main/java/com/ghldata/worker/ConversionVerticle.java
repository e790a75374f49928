package com.ghldata.worker;

import com.ghldata.bus.Addresses;
import com.ghldata.bus.ErrorCode;
import com.ghldata.bus.JobMessages;
import com.ghldata.bus.JobMessages.ClaimedJob;
import com.ghldata.bus.JobMessages.JobCompletion;
import com.ghldata.bus.JobMessages.JobFailure;
import com.ghldata.bus.JobMessages.JobProgress;
import com.ghldata.bus.JobOptions;
import com.ghldata.engine.ConversionException;
import com.ghldata.engine.ConversionOptions;
import com.ghldata.engine.ConversionResult;
import com.ghldata.engine.Converter;
import com.ghldata.engine.read.ReadLimits;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A conversion worker (deploy with ThreadingModel.WORKER, one instance per core). Pulls one job at a
 * time from the store, converts it with the engine and sends the results back. Holds at most one
 * upload in memory.
 */
public final class ConversionVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ConversionVerticle.class);
  private static final long PROGRESS_INTERVAL_MS = 1_000;

  private final String node;
  private final long pollMs;
  private EventBus bus;
  private boolean busy;

  public ConversionVerticle(String nodeName, int pollSeconds) {
    this.node = nodeName + "/" + UUID.randomUUID().toString().substring(0, 8);
    this.pollMs = pollSeconds * 1000L;
  }

  @Override
  public Future<?> start() {
    bus = vertx.eventBus();
    List<MessageConsumer<?>> consumers = List.of(
        bus.<JsonObject>consumer(Addresses.JOBS_AVAILABLE, m -> pull()));
    vertx.setPeriodic(pollMs, id -> pull());
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).onSuccess(ok -> pull());
  }

  /** Asks the store for the oldest runnable job; when one comes, converts it and asks again. */
  private void pull() {
    if (busy) {
      return;
    }
    busy = true;
    bus.<Buffer>request(Addresses.JOBS_CLAIM, new JsonObject().put("node", node))
        .onSuccess(reply -> {
          if (reply.body() == null) {
            busy = false;
            return;
          }
          ClaimedJob job = ClaimedJob.fromJson(new JsonObject(reply.headers().get(JobMessages.META)));
          Future<?> sent = convert(job, reply.body());
          sent.onComplete(done -> {
            busy = false;
            pull();
          });
        })
        .onFailure(e -> {
          busy = false;
          LOG.debug("claim failed: {}", e.getMessage());
        });
  }

  /** Runs on this worker's thread: blocking is allowed here. */
  private Future<?> convert(ClaimedJob job, Buffer upload) {
    Path file = null;
    try {
      file = Files.createTempFile("ghl-job-", ".upload");
      Files.write(file, upload.getBytes());
      JobOptions o = job.options();
      ConversionOptions options = new ConversionOptions(o.country(), o.sheet(), o.tag(), o.source(), false, true, 1,
          ReadLimits.DEFAULT);
      ByteArrayOutputStream csv = new ByteArrayOutputStream(Math.max(1024, upload.length()));
      ByteArrayOutputStream rejects = new ByteArrayOutputStream();
      long[] lastReport = {0};
      ConversionResult result = new Converter(options).convert(file, csv, rejects, rows -> {
        long now = System.currentTimeMillis();
        if (now - lastReport[0] >= PROGRESS_INTERVAL_MS) {
          lastReport[0] = now;
          bus.send(Addresses.JOBS_PROGRESS, new JobProgress(job.id(), node, rows).toJson());
        }
      });
      JobCompletion done = new JobCompletion(job.id(), node, new JsonObject(result.report().asMap()),
          new JsonObject(result.preview().asMap()));
      LOG.info("job {} converted: {} rows in, {} out", job.id(), result.report().totalRows(), result.report().rowsWritten());
      return bus.request(Addresses.JOBS_COMPLETE,
          JobMessages.pack(Buffer.buffer(csv.toByteArray()), Buffer.buffer(rejects.toByteArray())),
          new DeliveryOptions().addHeader(JobMessages.META, done.toJson().encode()).setSendTimeout(60_000));
    } catch (ConversionException e) {
      return bus.request(Addresses.JOBS_FAIL, new JobFailure(job.id(), node, e.code(), e.getMessage(), false).toJson());
    } catch (Exception | OutOfMemoryError | StackOverflowError e) {
      LOG.error("job {} failed unexpectedly", job.id(), e);
      return bus.request(Addresses.JOBS_FAIL, new JobFailure(job.id(), node, ErrorCode.INTERNAL_ERROR.code(),
          "The conversion failed unexpectedly; it will be tried again.", true).toJson());
    } finally {
      deleteQuietly(file);
    }
  }

  static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // a temp file left behind is cleaned by the OS
      }
    }
  }
}
