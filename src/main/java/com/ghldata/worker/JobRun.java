package com.ghldata.worker;

import com.ghldata.bus.Addresses;
import com.ghldata.bus.ChunkedInput;
import com.ghldata.bus.ChunkedOutput;
import com.ghldata.bus.ErrorCode;
import com.ghldata.bus.FileChunk;
import com.ghldata.bus.JobMessages.ClaimedJob;
import com.ghldata.bus.JobMessages.JobCompletion;
import com.ghldata.bus.JobMessages.JobFailure;
import com.ghldata.bus.JobMessages.JobProgress;
import com.ghldata.bus.JobOptions;
import com.ghldata.bus.StoreRetry;
import com.ghldata.bus.Transfers.TransferException;
import com.ghldata.engine.ConversionException;
import com.ghldata.engine.ConversionOptions;
import com.ghldata.engine.ConversionResult;
import com.ghldata.engine.Converter;
import com.ghldata.engine.read.ReadLimits;
import com.ghldata.infra.Logging;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One claimed job, on a thread that may block: the upload is read from the store chunk by chunk to a
 * local file (the engine reads workbooks by random access), converted, and the output and rejects
 * are stored chunk by chunk as the engine writes them. Memory: a few chunks each way, whatever the
 * file's size. Talks to the store only over the bus, so it runs the same on any node.
 */
final class JobRun {
  private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);
  static final long PROGRESS_INTERVAL_MS = 500;
  private static final long REPORT_TIMEOUT_MS = 60_000;

  /** What to tell the store when the run ends: a completion or a failure; null when the job is no longer ours. */
  record Outcome(String address, JsonObject body) {}

  private final Context context;
  private final String node;
  private final ClaimedJob job;
  private final int threads;
  /** The store said the job is gone (deleted) or no longer ours (lease passed): stop and report nothing. */
  private final AtomicBoolean lost = new AtomicBoolean();

  /**
   * What every run adds to the node's metrics: rows converted, the time each conversion took, and
   * the requests to the store sent again because its database was away for a moment.
   */
  static final class Meters {
    /** The histogram's buckets, in milliseconds: from a small file to a very large one. */
    private static final List<Long> BUCKETS_MS = List.of(50L, 100L, 250L, 500L, 1_000L, 2_500L, 5_000L, 10_000L,
        30_000L, 60_000L, 300_000L);

    final Counter rows;
    final Timer conversions;
    final Counter storeRetries;

    Meters(MeterRegistry registry) {
      rows = Counter.builder("ghl.conversion.rows").description("Source rows converted").register(registry);
      storeRetries = Counter.builder("ghl.worker.store.retries")
          .description("Requests of a worker to the job store sent again after its database was unavailable")
          .register(registry);
      conversions = Timer.builder("ghl.conversion").description("Time to convert one job's file, upload fetched")
          .serviceLevelObjectives(BUCKETS_MS.stream().map(Duration::ofMillis).toArray(Duration[]::new))
          .register(registry);
    }
  }

  private final Meters meters;
  private final WorkerSlots slots;
  private final Lease lease;
  /** The store's requests that must survive a brief database outage: chunks, and the outcome. */
  private final StoreRetry retry;
  /** Rows read so far: what a renewal of the lease reports. */
  private volatile long rows;

  JobRun(Context context, String node, ClaimedJob job, int threads, Meters meters, WorkerSlots slots, Lease lease) {
    this.lease = lease;
    this.retry = new StoreRetry(context.owner(), lease::leftMs, this::renew, meters.storeRetries::increment);
    this.meters = meters;
    this.slots = slots;
    this.context = context;
    this.node = node;
    this.job = job;
    this.threads = threads;
  }

  /** Runs the job on this thread, every line it logs (the engine's and POI's too) naming the job and its user. */
  Outcome call() {
    try (Logging.Scope ignored = Logging.job(job.id(), job.userId())) {
      return convert();
    }
  }

  private Outcome convert() {
    Path upload = null;
    long t0 = System.nanoTime();
    try {
      upload = Files.createTempFile("ghl-job-", ".upload");
      if (job.upload() != null) {
        Files.write(upload, job.upload());
      } else {
        // Fetching a big upload takes seconds before the engine reports a row: the lease is renewed
        // as the chunks come, or a short JOB_LEASE_SECONDS would hand the job to a second worker.
        try (InputStream in = new ChunkedInput(context, Addresses.JOBS_FILE_READ, job.uploadChunks(), seq -> {
          report(0);
          return new FileChunk(job.id(), "upload", seq, null, node).toJson();
        }, retry)) {
          Files.copy(in, upload, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      long fetched = System.nanoTime();
      JobOptions o = job.options();
      ConversionOptions options = new ConversionOptions(o.country(), o.sheet(), o.tag(), o.source(), false, true,
          threads, ReadLimits.DEFAULT);
      ChunkedOutput csv = output("output");
      ChunkedOutput rejects = output("rejects");
      ChunkedOutput issues = output("issues");
      ConversionResult result;
      long converted;
      try (csv; rejects; issues) {
        result = new Converter(options).convert(upload, csv, rejects, issues, this::progress);
        converted = System.nanoTime();
        csv.finish();
        rejects.finish();
        issues.finish();
      }
      long stored = System.nanoTime();
      meters.rows.increment(result.report().totalRows());
      meters.conversions.record(converted - fetched, java.util.concurrent.TimeUnit.NANOSECONDS);
      LOG.info("job {} converted on {} thread(s): {} rows in, {} out; upload fetched in {} ms, converted in {} ms, "
          + "its last chunks stored in {} ms", job.id(), threads, result.report().totalRows(),
          result.report().rowsWritten(), (fetched - t0) / 1_000_000, (converted - fetched) / 1_000_000,
          (stored - converted) / 1_000_000);
      return new Outcome(Addresses.JOBS_COMPLETE, new JobCompletion(job.id(), node,
          new JsonObject(result.report().asMap()), new JsonObject(result.preview().asMap()), csv.chunks(),
          rejects.chunks(), issues.chunks()).toJson());
    } catch (ConversionException e) {
      // An unusable file is the user's business, not a fault of ours: one line, no stack trace.
      LOG.info("job {} refused its file: {}: {}", job.id(), e.code(), e.getMessage());
      return new Outcome(Addresses.JOBS_FAIL, new JobFailure(job.id(), node, e.code(), e.variant(),
          new JsonObject(new LinkedHashMap<>(e.params())), e.getMessage(), false).toJson());
    } catch (TransferException e) {
      if (lost.get() || e.is(ErrorCode.JOB_LOST)) {
        LOG.info("job {} is no longer {}'s (deleted, or its lease passed): stopped", job.id(), node);
        return null;
      }
      LOG.warn("job {}: a transfer failed: {}", job.id(), e.getMessage());
      return failure(ErrorCode.SERVICE_UNAVAILABLE, "transfer", "The job's files could not be moved; it will be tried again.");
    } catch (Exception | OutOfMemoryError | StackOverflowError e) {
      if (lost.get()) {
        LOG.info("job {} is no longer {}'s: stopped", job.id(), node);
        return null;
      }
      if (causedBy(e, HandedBack.class)) {
        LOG.info("job {} handed back to the queue: {} is stopping", job.id(), node);
        return new Outcome(Addresses.JOBS_RELEASE, new JsonObject().put("id", job.id()).put("node", node));
      }
      LOG.error("job {} failed unexpectedly", job.id(), e);
      return failure(ErrorCode.INTERNAL_ERROR, "conversion", "The conversion failed unexpectedly; it will be tried again.");
    } finally {
      deleteQuietly(upload);
    }
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private ChunkedOutput output(String kind) {
    return new ChunkedOutput(context, Addresses.JOBS_FILE_WRITE,
        seq -> new FileChunk(job.id(), kind, seq, null, node).toJson(), retry);
  }

  private long lastProgress;

  /** Renews the lease and feeds the progress bar; a job the store no longer gives us stops here. */
  private void progress(long rows) {
    if (lost.get()) {
      throw new JobLost();
    }
    if (slots.handingBack()) {
      throw new HandedBack();
    }
    report(rows);
  }

  /** Tells the store how far the job is, which renews its lease; at most every {@link #PROGRESS_INTERVAL_MS}. */
  private void report(long rows) {
    long now = System.currentTimeMillis();
    if (now - lastProgress < PROGRESS_INTERVAL_MS) {
      return;
    }
    lastProgress = now;
    this.rows = rows;
    context.runOnContext(v -> renew());
  }

  /**
   * Tells the store how far the run is, which renews the lease: true when it did, false when the job
   * is no longer ours (which stops the run). On the event loop.
   */
  private Future<Boolean> renew() {
    long sent = lease.clock();
    return context.owner().eventBus()
        .<JsonObject>request(Addresses.JOBS_PROGRESS, new JobProgress(job.id(), node, rows).toJson())
        .map(reply -> {
          boolean ours = reply.body().getBoolean("ok", false);
          if (ours) {
            lease.renewedAt(sent);
          } else {
            lost.set(true);
          }
          return ours;
        });
  }

  /**
   * Tells the store how the run ended, again and again while its database is away, within the lease
   * (renewed each time the store answers again): a conversion that finished during a brief outage is
   * completed once, not converted again. On the event loop; fails once the lease has passed.
   */
  Future<?> report(Outcome outcome) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(REPORT_TIMEOUT_MS);
    return retry.call(outcome.address() + " of job " + job.id(),
        () -> context.owner().eventBus().request(outcome.address(), outcome.body(), options));
  }

  /** A failure a retry may fix: the job goes back to the queue until its attempts are used up. */
  private Outcome failure(ErrorCode code, String variant, String message) {
    return new Outcome(Addresses.JOBS_FAIL, new JobFailure(job.id(), node, code.code(), variant, new JsonObject(),
        message, true).toJson());
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

  /** Thrown through the engine to stop a conversion that its stopping node hands back to the queue. */
  private static final class HandedBack extends RuntimeException {
    HandedBack() {
      super("handed back", null, false, false);
    }
  }

  /** Thrown through the engine to stop a conversion whose job was deleted or taken over. */
  private static final class JobLost extends RuntimeException {
    JobLost() {
      super("job lost", null, false, false);
    }
  }
}
