package com.ghldata.worker;

import com.ghldata.bus.Addresses;
import com.ghldata.bus.ErrorCode;
import com.ghldata.bus.JobMessages.ClaimedJob;
import com.ghldata.bus.Transfers;
import com.ghldata.infra.Logging;
import io.vertx.core.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A conversion worker: pulls one job at a time from the store (jobs.claim), runs it ({@link JobRun})
 * on a thread of the node's conversion pool, reports the outcome, and pulls again at once. Idle, it
 * wakes on jobs.available and on a slow poll. The verticle itself lives on an event loop, which
 * carries the run's bus traffic while the pool's thread blocks on the engine.
 *
 * <p>An express worker ({@link #express}) claims only files of one chunk, so that a small job never
 * queues behind big ones that hold every other worker.
 */
public final class ConversionVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ConversionVerticle.class);
  /**
   * A claim the store does not answer soon (a store node leaving drops it) is given up and sent again
   * at the next poll or wake-up, instead of idling the worker for the bus's 30 s default.
   */
  private static final DeliveryOptions CLAIM = new DeliveryOptions().setSendTimeout(10_000);

  private final String node;
  private final long pollMs;
  private final WorkerSlots slots;
  private final int poolSize;
  private final long maxUploadBytes;
  private Context context;
  private EventBus bus;
  private WorkerExecutor pool;
  private boolean busy;

  private final JobRun.Meters meters;

  /**
   * @param slots shared by every worker of the node
   * @param poolSize the node's number of workers: each runs one job at a time
   */
  public ConversionVerticle(String nodeName, int pollSeconds, WorkerSlots slots, int poolSize, MeterRegistry registry) {
    this(nodeName, pollSeconds, slots, poolSize, Long.MAX_VALUE, registry);
  }

  private ConversionVerticle(String nodeName, int pollSeconds, WorkerSlots slots, int poolSize, long maxUploadBytes,
      MeterRegistry registry) {
    this.meters = new JobRun.Meters(registry);
    this.node = nodeName + "/" + UUID.randomUUID().toString().substring(0, 8);
    this.pollMs = pollSeconds * 1000L;
    this.slots = slots;
    this.poolSize = poolSize;
    this.maxUploadBytes = maxUploadBytes;
  }

  /** A worker for small files only (one chunk, 1 MiB at most), beside a node's {@code poolSize - 1} others. */
  public static ConversionVerticle express(String nodeName, int pollSeconds, WorkerSlots slots, int poolSize,
      MeterRegistry registry) {
    return new ConversionVerticle(nodeName, pollSeconds, slots, poolSize, Transfers.CHUNK_BYTES, registry);
  }

  @Override
  public Future<?> start() {
    context = vertx.getOrCreateContext();
    bus = vertx.eventBus();
    // One pool for the node (shared by name); a conversion may run long, which is not a blocked thread.
    pool = vertx.createSharedWorkerExecutor("ghl-conversion", poolSize, 24, TimeUnit.HOURS);
    vertx.setPeriodic(pollMs, id -> pull());
    return bus.<JsonObject>consumer(Addresses.JOBS_AVAILABLE, m -> pull()).completion().onSuccess(ok -> pull());
  }

  @Override
  public Future<?> stop() {
    return pool.close();
  }

  /** Asks the store for the oldest runnable job; when one comes, converts it and asks again. */
  private void pull() {
    if (busy || slots.draining()) {
      return;
    }
    busy = true;
    JsonObject claim = new JsonObject().put("node", node);
    if (maxUploadBytes != Long.MAX_VALUE) {
      claim.put("max_bytes", maxUploadBytes);
    }
    long asked = Lease.now();
    bus.<JsonObject>request(Addresses.JOBS_CLAIM, claim, CLAIM)
        .onSuccess(reply -> {
          if (reply.body() == null) {
            busy = false;
            return;
          }
          ClaimedJob job = ClaimedJob.fromJson(reply.body());
          int threads = slots.start(job.moreQueued(), job.uploadBytes());
          JobRun run = new JobRun(context, node, job, threads, meters, slots,
              new Lease(job.leaseSeconds(), asked, Lease::now));
          pool.executeBlocking(run::call, false)
              .compose(outcome -> outcome == null ? Future.succeededFuture() : run.report(outcome))
              .onFailure(e -> Logging.withJob(job.id(), job.userId(), () -> {
                if (ErrorCode.JOB_LOST.code().equals(ErrorCode.of(e).code())) {
                  LOG.info("job {} is no longer {}'s (deleted, or its lease passed): its outcome dropped", job.id(), node);
                } else {
                  LOG.warn("job {}: its outcome was not stored within its lease ({}); another worker will take the job",
                      job.id(), e.getMessage());
                }
              }))
              .onComplete(done -> {
                slots.finish();
                busy = false;
                pull();
              });
        })
        .onFailure(e -> {
          busy = false;
          LOG.debug("claim failed: {}", e.getMessage());
        });
  }
}
