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
import com.ghldata.bus.Transfers.TransferException;
import com.ghldata.engine.ConversionException;
import com.ghldata.engine.ConversionOptions;
import com.ghldata.engine.ConversionResult;
import com.ghldata.engine.Converter;
import com.ghldata.engine.read.ReadLimits;
import com.ghldata.infra.Logging;
import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

  /** What to tell the store when the run ends: a completion or a failure; null when the job is no longer ours. */
  record Outcome(String address, JsonObject body) {}

  private final Context context;
  private final String node;
  private final ClaimedJob job;
  private final int threads;
  /** The store said the job is gone (deleted) or no longer ours (lease passed): stop and report nothing. */
  private final AtomicBoolean lost = new AtomicBoolean();

  JobRun(Context context, String node, ClaimedJob job, int threads) {
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
        try (InputStream in = new ChunkedInput(context, Addresses.JOBS_FILE_READ, job.uploadChunks(),
            seq -> new FileChunk(job.id(), "upload", seq, null, node).toJson())) {
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
      return failure(e.code(), e.getMessage(), false);
    } catch (TransferException e) {
      if (lost.get() || e.is(ErrorCode.JOB_LOST)) {
        LOG.info("job {} is no longer {}'s (deleted, or its lease passed): stopped", job.id(), node);
        return null;
      }
      LOG.warn("job {}: a transfer failed: {}", job.id(), e.getMessage());
      return failure(ErrorCode.SERVICE_UNAVAILABLE.code(), "The job's files could not be moved; it will be tried again.",
          true);
    } catch (Exception | OutOfMemoryError | StackOverflowError e) {
      if (lost.get()) {
        LOG.info("job {} is no longer {}'s: stopped", job.id(), node);
        return null;
      }
      LOG.error("job {} failed unexpectedly", job.id(), e);
      return failure(ErrorCode.INTERNAL_ERROR.code(), "The conversion failed unexpectedly; it will be tried again.",
          true);
    } finally {
      deleteQuietly(upload);
    }
  }

  private ChunkedOutput output(String kind) {
    return new ChunkedOutput(context, Addresses.JOBS_FILE_WRITE,
        seq -> new FileChunk(job.id(), kind, seq, null, node).toJson());
  }

  private long lastProgress;

  /** Renews the lease and feeds the progress bar; a job the store no longer gives us stops here. */
  private void progress(long rows) {
    if (lost.get()) {
      throw new JobLost();
    }
    long now = System.currentTimeMillis();
    if (now - lastProgress < PROGRESS_INTERVAL_MS) {
      return;
    }
    lastProgress = now;
    context.runOnContext(v -> context.owner().eventBus()
        .<JsonObject>request(Addresses.JOBS_PROGRESS, new JobProgress(job.id(), node, rows).toJson())
        .onSuccess(reply -> {
          if (!reply.body().getBoolean("ok", false)) {
            lost.set(true);
          }
        }));
  }

  private Outcome failure(String code, String message, boolean retryable) {
    return new Outcome(Addresses.JOBS_FAIL, new JobFailure(job.id(), node, code, message, retryable).toJson());
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

  /** Thrown through the engine to stop a conversion whose job was deleted or taken over. */
  private static final class JobLost extends RuntimeException {
    JobLost() {
      super("job lost", null, false, false);
    }
  }
}
