package com.ghldata.jobs;

import com.ghldata.bus.Addresses;
import com.ghldata.bus.ErrorCode;
import com.ghldata.bus.FileChunk;
import com.ghldata.bus.JobMessages;
import com.ghldata.bus.JobMessages.ClaimedJob;
import com.ghldata.bus.JobMessages.JobCompletion;
import com.ghldata.bus.JobMessages.JobFailure;
import com.ghldata.bus.JobMessages.JobListQuery;
import com.ghldata.bus.JobMessages.JobProgress;
import com.ghldata.bus.JobMessages.JobRef;
import com.ghldata.bus.JobMessages.NewJob;
import com.ghldata.bus.JobMessages.UploadDone;
import com.ghldata.bus.JobOptions;
import com.ghldata.bus.Replies;
import com.ghldata.bus.Transfers;
import com.ghldata.config.AppConfig;
import com.ghldata.infra.Databases;
import com.ghldata.infra.Logging;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job store: the only place with SQL. Answers the jobs.* requests and runs the durable pull
 * queue (claim with FOR UPDATE SKIP LOCKED and a lease; complete; fail; requeue).
 */
public final class JobStoreVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(JobStoreVerticle.class);
  private static final String UNAVAILABLE = "The job database is unavailable; try again shortly.";
  private static final String FILES_UNAVAILABLE = "The file storage is unavailable; try again shortly.";
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  /** Chunks under this go through the main pool: they never queue behind full ones. */
  private static final int SMALL_CHUNK_BYTES = 256 * 1024;
  /** An upload not finished within this is abandoned (its HTTP node stopped while storing it). */
  static final int RECEIVING_SECONDS = 600;

  private static final List<String> STATUSES = List.of("queued", "processing", "done", "failed");

  private final AppConfig config;
  private final String databaseUrl;
  private final MeterRegistry registry;
  /** The last counts read, by status, for the ghl_jobs gauge; and the queue's oldest wait. */
  private final Map<String, AtomicLong> jobsByStatus = new ConcurrentHashMap<>();
  private final AtomicLong oldestQueuedSeconds = new AtomicLong();
  private Pool pool;
  /**
   * Chunk reads and writes (a MiB each) go through a pool of their own, so that twenty big uploads
   * never make a claim, a status poll or a small upload wait for a connection.
   */
  private Pool bulk;
  private EventBus bus;
  /** Where chunks' bytes live: their rows (the default) or an S3 bucket (STORAGE=s3). */
  private ChunkContents contents;

  public JobStoreVerticle(AppConfig config, String databaseUrl, MeterRegistry registry) {
    this.config = config;
    this.databaseUrl = databaseUrl;
    this.registry = registry;
    for (String status : STATUSES) {
      AtomicLong n = jobsByStatus.computeIfAbsent(status, k -> new AtomicLong());
      Gauge.builder("ghl.jobs", n, AtomicLong::get).description("Jobs by status, in the whole installation")
          .tag("status", status).register(registry);
    }
    Gauge.builder("ghl.queue.oldest", oldestQueuedSeconds, AtomicLong::get).baseUnit("seconds")
        .description("How long the oldest queued job has waited").register(registry);
  }

  @Override
  public Future<?> start() {
    bus = vertx.eventBus();
    contents = config.storage().s3() ? S3Chunks.create(vertx, config.storage(), Math.max(4, config.dbPoolSize()))
        : ChunkContents.inRows();
    pool = Databases.pool(vertx, databaseUrl, config.dbPoolSize(), "jobs");
    bulk = Databases.pool(vertx, databaseUrl, Math.max(2, config.dbPoolSize() / 2), "job-files");
    List<MessageConsumer<?>> consumers = new ArrayList<>();
    consumers.add(bus.<Buffer>consumer(Addresses.JOBS_CREATE, this::create));
    consumers.add(bus.<JsonObject>consumer(Addresses.JOBS_GET, json(this::get)));
    consumers.add(bus.<JsonObject>consumer(Addresses.JOBS_LIST, json(this::list)));
    consumers.add(bus.<JsonObject>consumer(Addresses.JOBS_DELETE, json(this::delete)));
    consumers.add(bus.<JsonObject>consumer(Addresses.JOBS_RETRY, json(this::retry)));
    consumers.add(bus.<JsonObject>consumer(Addresses.JOBS_RESULT, this::result));
    consumers.add(bus.<JsonObject>consumer(Addresses.JOBS_FILE_INFO, json(this::fileInfo)));
    consumers.add(bus.<JsonObject>consumer(Addresses.JOBS_FILE_READ, this::readChunk));
    consumers.add(bus.<Buffer>consumer(Addresses.JOBS_FILE_WRITE, this::writeChunk));
    consumers.add(bus.<JsonObject>consumer(Addresses.JOBS_UPLOAD_FINISH, json(this::finishUpload)));
    consumers.add(bus.<JsonObject>consumer(Addresses.JOBS_UPLOAD_ABORT, json(this::abortUpload)));
    consumers.add(bus.<JsonObject>consumer(Addresses.JOBS_PING, json(this::ping)));
    consumers.add(bus.<JsonObject>consumer(Addresses.JOBS_DEBUG, json(this::debug)));
    consumers.add(bus.<JsonObject>consumer(Addresses.JOBS_CLAIM, this::claim));
    consumers.add(bus.<JsonObject>consumer(Addresses.JOBS_PROGRESS, json(this::progress)));
    consumers.add(bus.<JsonObject>consumer(Addresses.JOBS_COMPLETE, json(this::complete)));
    consumers.add(bus.<JsonObject>consumer(Addresses.JOBS_FAIL, json(this::fail)));
    consumers.add(bus.<JsonObject>consumer(Addresses.JOBS_RELEASE, json(this::release)));
    // Exhausted jobs must show as failed even when no worker comes to claim; claims never wait on it.
    vertx.setPeriodic(config.jobPollSeconds() * 1000L, id -> sweep());
    // The job gauges, from the database at the pace of the idle workers' poll.
    vertx.setPeriodic(0, config.jobPollSeconds() * 1000L, id -> readGauges());
    return pool.query("SELECT 1").execute()
        .compose(ok -> Future.all(consumers.stream().map(MessageConsumer::completion).toList()))
        .onSuccess(ok -> bus.publish(Addresses.JOBS_AVAILABLE, new JsonObject()));
  }

  @Override
  public Future<?> stop() {
    return Future.join(pool == null ? Future.succeededFuture() : pool.close(),
        bulk == null ? Future.succeededFuture() : bulk.close(),
        contents == null ? Future.succeededFuture() : contents.close());
  }

  /**
   * A new job. An upload of one chunk comes whole and is queued in one transaction; a larger one is
   * stored as 'receiving' and its chunks follow (jobs.file.write, then jobs.upload.finish).
   */
  private void create(Message<Buffer> msg) {
    NewJob job = NewJob.fromJson(new JsonObject(msg.headers().get(JobMessages.META)));
    Buffer bytes = msg.body();
    boolean whole = bytes != null && bytes.length() == job.sizeBytes();
    if (!whole && (bytes != null && bytes.length() > 0 || job.sizeBytes() <= 0)) {
      failWith(msg, ErrorCode.Failure.of(ErrorCode.UPLOAD_INCOMPLETE, null).exception());
      return;
    }
    UUID id = UUID.randomUUID();
    Tuple row = Tuple.of(id, uuidOrNull(job.userId()), job.filename(), job.sizeBytes(),
        job.sha256() == null ? "" : job.sha256(), job.options().toJson(), whole ? "queued" : "receiving");
    Future<RowSet<Row>> inserted = !whole ? pool.preparedQuery(JobSql.INSERT_JOB).execute(row)
        : contents.store(id.toString(), "upload", 0, bytes).compose(stored -> pool.withTransaction(conn ->
            conn.preparedQuery(JobSql.INSERT_JOB).execute(row)
                .compose(rows -> conn.preparedQuery(JobSql.INSERT_UPLOAD_CHUNK)
                    .execute(Tuple.of(id, 0, stored.content(), bytes.length(), stored.objectKey()))
                    .map(rows)))
            .onFailure(e -> contents.discardJob(id.toString())));
    inserted
        .onSuccess(rows -> {
          msg.reply(toJson(rows.iterator().next()));
          if (whole) {
            bus.publish(Addresses.JOBS_AVAILABLE, new JsonObject());
          }
        })
        .onFailure(e -> failWith(msg, e));
  }

  private void writeChunk(Message<Buffer> msg) {
    FileChunk c = FileChunk.fromJson(new JsonObject(msg.headers().get(JobMessages.META)));
    Buffer content = msg.body() == null ? Buffer.buffer() : msg.body();
    if (content.length() > Transfers.CHUNK_BYTES || c.seq() < 0) {
      failWith(msg, ErrorCode.Failure.of(ErrorCode.BAD_REQUEST, "a chunk is at most 1 MiB").exception());
      return;
    }
    // A small chunk (a small job's result, a file's tail) never waits behind big ones.
    Pool via = content.length() < SMALL_CHUNK_BYTES ? pool : bulk;
    boolean upload = "upload".equals(c.kind());
    String kind = upload ? "upload" : resultKind(c.kind());
    UUID id = uuid(c.id());
    contents.store(c.id(), kind, c.seq(), content).compose(stored -> {
      Future<RowSet<Row>> write = upload
          ? via.preparedQuery(JobSql.WRITE_UPLOAD_CHUNK).execute(Tuple.of(id, c.seq(), stored.content(),
              content.length(), stored.objectKey()))
          : via.preparedQuery(JobSql.WRITE_RESULT_CHUNK).execute(Tuple.of(id, kind, c.seq(),
              stored.content(), content.length(), c.node(), stored.objectKey()));
      // An object whose row was not written (a lost lease, a failure) is removed; so is the one a
      // rewritten chunk replaced.
      return write
          .onFailure(e -> contents.discard(java.util.Collections.singletonList(stored.objectKey())))
          .onSuccess(rows -> contents.discard(rows.rowCount() == 0
              ? java.util.Collections.singletonList(stored.objectKey())
              : java.util.Collections.singletonList(rows.iterator().next().getString("replaced_key"))));
    })
        .onSuccess(rows -> {
          if (rows.rowCount() == 0) {
            failWith(msg, lost(c.id()));
          } else {
            msg.reply(new JsonObject().put("ok", true));
          }
        })
        .onFailure(e -> failWith(msg, e));
  }

  private Future<JsonObject> finishUpload(JsonObject body) {
    UploadDone done = UploadDone.fromJson(body);
    if (done.sha256() == null || !SHA256.matcher(done.sha256()).matches()) {
      return Future.failedFuture(ErrorCode.Failure.of(ErrorCode.BAD_REQUEST, "an upload ends with its SHA-256").exception());
    }
    return pool.preparedQuery(JobSql.FINISH_UPLOAD).execute(Tuple.of(uuid(done.id()), done.sizeBytes(), done.sha256()))
        .map(rows -> {
          if (rows.rowCount() == 0) {
            throw ErrorCode.Failure.of(ErrorCode.UPLOAD_INCOMPLETE, null).exception();
          }
          bus.publish(Addresses.JOBS_AVAILABLE, new JsonObject());
          return toJson(rows.iterator().next());
        });
  }

  private Future<JsonObject> abortUpload(JsonObject body) {
    return pool.preparedQuery(JobSql.ABORT_UPLOAD).execute(Tuple.of(uuid(body.getString("id"))))
        .map(rows -> {
          if (rows.rowCount() > 0) {
            contents.discardJob(body.getString("id"));
          }
          return new JsonObject().put("deleted", rows.rowCount() > 0);
        });
  }

  private Future<JsonObject> get(JsonObject body) {
    JobRef ref = JobRef.fromJson(body);
    return pool.preparedQuery(JobSql.GET_JOB).execute(Tuple.of(uuid(ref.id()), uuidOrNull(ref.userId())))
        .map(rows -> single(rows, ref.id()));
  }

  private Future<JsonObject> list(JsonObject body) {
    JobListQuery q = JobListQuery.fromJson(body);
    Tuple args = Tuple.of(uuidOrNull(q.userId()), q.status(), q.limit(), q.offset());
    return pool.preparedQuery(JobSql.LIST_JOBS).execute(args).compose(rows -> {
      JsonArray items = new JsonArray();
      long total = -1;
      for (Row r : rows) {
        items.add(toJson(r));
        total = r.getLong("total");
      }
      Future<Long> count = total >= 0 ? Future.succeededFuture(total)
          : pool.preparedQuery(JobSql.COUNT_JOBS).execute(Tuple.of(uuidOrNull(q.userId()), q.status()))
              .map(c -> c.iterator().next().getLong(0));
      return count.map(n -> new JsonObject().put("items", items).put("total", n).put("limit", q.limit())
          .put("offset", q.offset()));
    });
  }

  private Future<JsonObject> delete(JsonObject body) {
    JobRef ref = JobRef.fromJson(body);
    return pool.preparedQuery(JobSql.DELETE_JOB).execute(Tuple.of(uuid(ref.id()), uuidOrNull(ref.userId())))
        .map(rows -> {
          if (rows.rowCount() == 0) {
            throw notFound(ref.id());
          }
          contents.discardJob(ref.id());
          return new JsonObject().put("id", ref.id()).put("deleted", true);
        });
  }

  private Future<JsonObject> retry(JsonObject body) {
    JobRef ref = JobRef.fromJson(body);
    Tuple args = Tuple.of(uuid(ref.id()), uuidOrNull(ref.userId()));
    return pool.preparedQuery(JobSql.RETRY_JOB).execute(args).compose(rows -> {
      if (rows.rowCount() > 0) {
        discardCleared(rows);
        JsonObject j = toJson(rows.iterator().next());
        publish(j);
        bus.publish(Addresses.JOBS_AVAILABLE, new JsonObject());
        return Future.succeededFuture(j);
      }
      // Tell a job in another state (409) from one that is not there or not the caller's (404).
      return get(body).map(job -> {
        String status = job.getString("status");
        if ("failed".equals(status)) {
          String failedWith = job.getJsonObject("error").getString("code");
          throw new ErrorCode.Failure(ErrorCode.RETRY_WONT_HELP, ErrorCode.RETRY_WONT_HELP.code(), null,
              Map.of("error_code", failedWith), "The job failed because of the file itself (" + failedWith
                  + "): running it again would fail the same way. Fix the file and upload it again.").exception();
        }
        throw new ErrorCode.Failure(ErrorCode.JOB_NOT_FAILED, ErrorCode.JOB_NOT_FAILED.code(),
            ErrorCode.JOB_NOT_FAILED.variants().contains(status) ? status : null, Map.of("job_status", status),
            "Only a failed job can be retried; this one is " + job.getString("status") + ".").exception();
      });
    });
  }

  /** A finished job's preview or report (409 until done). */
  private void result(Message<JsonObject> msg) {
    JobRef ref = JobRef.fromJson(msg.body());
    if (!"preview".equals(ref.kind()) && !"report".equals(ref.kind())) {
      failWith(msg, ErrorCode.Failure.of(ErrorCode.BAD_REQUEST, "unknown result kind").exception());
      return;
    }
    pool.preparedQuery(JobSql.GET_RESULT_JSON).execute(Tuple.of(uuid(ref.id()), uuidOrNull(ref.userId())))
        .onSuccess(rows -> {
          if (rows.rowCount() == 0) {
            failWith(msg, notFound(ref.id()));
          } else if (!"done".equals(rows.iterator().next().getString("status"))) {
            failWith(msg, notReady(rows.iterator().next().getString("status")));
          } else {
            Object v = rows.iterator().next().getValue(ref.kind());
            msg.reply(v instanceof JsonObject j ? j : new JsonObject());
          }
        })
        .onFailure(e -> failWith(msg, e));
  }

  /** How a user's file is stored: its chunks and size, and the job's file name (results: 409 until done). */
  private Future<JsonObject> fileInfo(JsonObject body) {
    JobRef ref = JobRef.fromJson(body);
    String kind = fileKind(ref.kind());
    return pool.preparedQuery(JobSql.FILE_INFO).execute(Tuple.of(uuid(ref.id()), uuidOrNull(ref.userId()), kind))
        .map(rows -> {
          if (rows.rowCount() == 0) {
            throw notFound(ref.id());
          }
          Row r = rows.iterator().next();
          if (!"upload".equals(kind) && !"done".equals(r.getString("status"))) {
            throw notReady(r.getString("status"));
          }
          return new JsonObject().put("filename", r.getString("filename_original")).put("chunks", r.getLong("chunks"))
              .put("size_bytes", ((Number) r.getValue("size")).longValue());
        });
  }

  /** One chunk, for the job's user (user_id) or for the worker holding it (node); 404 otherwise. */
  private void readChunk(Message<JsonObject> msg) {
    FileChunk c = FileChunk.fromJson(msg.body());
    boolean worker = c.node() != null;
    Tuple args = Tuple.of(uuid(c.id()), fileKind(c.kind()), c.seq(), worker ? c.node() : uuidOrNull(c.userId()));
    bulk.preparedQuery(worker ? JobSql.READ_CHUNK_FOR_WORKER : JobSql.READ_CHUNK_FOR_USER).execute(args)
        .onSuccess(rows -> {
          if (rows.rowCount() == 0) {
            failWith(msg, worker ? lost(c.id()) : notFound(c.id()));
          } else {
            Row r = rows.iterator().next();
            contents.load(r.getBuffer("content"), r.getString("object_key"))
                .onSuccess(msg::reply)
                .onFailure(e -> failWith(msg, e));
          }
        })
        .onFailure(e -> failWith(msg, e));
  }

  /** For readiness: the queue's oldest wait; with {"storage": true}, whether the chunks' bytes can be reached. */
  private Future<JsonObject> ping(JsonObject body) {
    if (body != null && body.getBoolean("storage", false)) {
      return contents.ping().map(ok -> new JsonObject().put("storage", config.storage().kind().name().toLowerCase()));
    }
    return pool.query(JobSql.OLDEST_QUEUED_SECONDS).execute()
        .map(rows -> new JsonObject().put("oldest_queued_seconds", ((Number) rows.iterator().next().getValue(0)).doubleValue()));
  }

  private Future<JsonObject> debug(JsonObject body) {
    return pool.preparedQuery(JobSql.DEBUG).execute(Tuple.of(uuid(body.getString("user_id")))).compose(rows -> {
      JsonObject byStatus = new JsonObject();
      rows.forEach(r -> byStatus.put(r.getString("status"), r.getLong("n")));
      return pool.query("SELECT version()").execute()
          .map(v -> new JsonObject().put("jobs_by_status", byStatus).put("postgres", v.iterator().next().getString(0)));
    });
  }

  /**
   * The oldest runnable job for a free worker (of at most max_bytes, for a node's express worker), or
   * null; one statement, no table-wide work.
   */
  private void claim(Message<JsonObject> msg) {
    String node = msg.body().getString("node");
    long maxBytes = msg.body().getLong("max_bytes", Long.MAX_VALUE);
    pool.preparedQuery(JobSql.CLAIM)
        .execute(Tuple.of(config.jobLeaseSeconds(), node, config.jobMaxAttempts(), maxBytes,
            (long) Transfers.CHUNK_BYTES))
        .onSuccess(rows -> {
          if (rows.rowCount() == 0) {
            msg.reply(null);
            return;
          }
          Row r = rows.iterator().next();
          discardCleared(rows);
          String inlineKey = r.getString("upload_inline_key");
          (inlineKey == null ? Future.succeededFuture(r.getBuffer("upload_inline")) : contents.load(null, inlineKey))
              .onSuccess(inline -> replyClaim(msg, node, r, inline))
              .onFailure(e -> {
                // The job stays claimed; its lease passes and another claim tries again.
                failWith(msg, e);
              });
        })
        .onFailure(e -> failWith(msg, e));
  }

  private void replyClaim(Message<JsonObject> msg, String node, Row r, Buffer uploadInline) {
          ClaimedJob job = new ClaimedJob(r.getUUID("id").toString(), userId(r), r.getString("filename_original"),
              JobOptions.fromJson((JsonObject) r.getValue("options")), r.getInteger("attempts"),
              r.getLong("upload_chunks").intValue(), ((Number) r.getValue("upload_bytes")).longValue(),
              r.getBoolean("more_queued"), inline(uploadInline), config.jobLeaseSeconds());
          msg.reply(job.toJson());
          Logging.withJob(job.id(), job.userId(),
              () -> LOG.debug("job {} claimed by {} (attempt {})", job.id(), node, job.attempts()));
          publishById(job.id());
  }

  /** The objects of what a statement cleared of an earlier attempt's result (STORAGE=s3). */
  private void discardCleared(RowSet<Row> rows) {
    for (Row r : rows) {
      String[] keys = r.getArrayOfStrings("cleared_keys");
      if (keys != null) {
        contents.discard(java.util.Arrays.asList(keys));
      }
    }
  }

  private static byte[] inline(Buffer content) {
    return content == null ? null : content.getBytes();
  }

  private Future<JsonObject> progress(JsonObject body) {
    JobProgress p = JobProgress.fromJson(body);
    return pool.preparedQuery(JobSql.PROGRESS)
        .execute(Tuple.of(uuid(p.id()), p.node(), p.rows(), config.jobLeaseSeconds()))
        .map(rows -> {
          rows.forEach(r -> publish(toJson(r)));
          return new JsonObject().put("ok", rows.rowCount() > 0);
        });
  }

  /**
   * Done, if the worker still holds the job and every chunk it wrote is stored. A result with a chunk
   * missing goes back to the queue (a worker that lost its lease changes nothing).
   */
  private Future<JsonObject> complete(JsonObject body) {
    JobCompletion c = JobCompletion.fromJson(body);
    long rows = c.report() == null ? 0 : c.report().getLong("total_rows", 0L);
    return pool.preparedQuery(JobSql.COMPLETE)
        .execute(Tuple.of(uuid(c.id()), c.node(), c.report(), c.preview(), rows, c.outputChunks(), c.rejectsChunks(),
            c.issuesChunks()))
        .compose(updated -> {
          if (updated.rowCount() > 0) {
            updated.forEach(r -> publish(toJson(r)));
            return Future.succeededFuture(new JsonObject().put("ok", true));
          }
          return fail(new JobFailure(c.id(), c.node(), ErrorCode.INCOMPLETE_RESULT.code(),
              "The conversion's result did not arrive whole.", true).toJson()).map(f -> new JsonObject().put("ok", false));
        });
  }

  private Future<JsonObject> fail(JsonObject body) {
    JobFailure f = JobFailure.fromJson(body);
    Future<RowSet<Row>> update = f.retryable()
        ? pool.preparedQuery(JobSql.REQUEUE).execute(Tuple.of(uuid(f.id()), f.node(), f.code(), f.message(),
            config.jobMaxAttempts(), f.variant(), f.params()))
        : pool.preparedQuery(JobSql.FAIL).execute(Tuple.of(uuid(f.id()), f.node(), f.code(), f.message(),
            f.variant(), f.params()));
    return update.map(rows -> {
      discardCleared(rows);
      rows.forEach(r -> {
        JsonObject j = toJson(r);
        publish(j);
        if ("queued".equals(j.getString("status"))) {
          bus.publish(Addresses.JOBS_AVAILABLE, new JsonObject());
        }
      });
      return new JsonObject().put("ok", rows.rowCount() > 0);
    });
  }

  /** A stopping worker's job, back in the queue for another node at once. */
  private Future<JsonObject> release(JsonObject body) {
    return pool.preparedQuery(JobSql.RELEASE).execute(Tuple.of(uuid(body.getString("id")), body.getString("node")))
        .map(rows -> {
          discardCleared(rows);
          rows.forEach(r -> publish(toJson(r)));
          if (rows.rowCount() > 0) {
            bus.publish(Addresses.JOBS_AVAILABLE, new JsonObject());
          }
          return new JsonObject().put("ok", rows.rowCount() > 0);
        });
  }

  /** Every few seconds: jobs whose workers vanished too often fail; uploads never finished go. */
  private void sweep() {
    pool.preparedQuery(JobSql.FAIL_EXHAUSTED).execute(Tuple.of(config.jobMaxAttempts()))
        .onSuccess(rows -> rows.forEach(r -> {
          Logging.withJob(r.getUUID("id").toString(), userId(r),
              () -> LOG.warn("job {} failed: its worker stopped {} times", r.getUUID("id"), r.getInteger("attempts")));
          publish(toJson(r));
        }))
        .onFailure(e -> LOG.warn("sweep of exhausted jobs failed: {}", e.getMessage()));
    pool.preparedQuery(JobSql.SWEEP_RECEIVING).execute(Tuple.of(RECEIVING_SECONDS))
        .onSuccess(rows -> rows.forEach(r -> Logging.withJob(r.getUUID("id").toString(), null, () -> {
          LOG.warn("upload {} was never finished; deleted", r.getUUID("id"));
          contents.discardJob(r.getUUID("id").toString());
        })))
        .onFailure(e -> LOG.warn("sweep of unfinished uploads failed: {}", e.getMessage()));
  }

  private void publishById(String id) {
    pool.preparedQuery(JobSql.GET_JOB_BY_ID).execute(Tuple.of(uuid(id)))
        .onSuccess(rows -> rows.forEach(r -> publish(toJson(r))));
  }

  private void publish(JsonObject job) {
    bus.publish(Addresses.JOBS_EVENTS, job);
    String status = job.getString("status");
    if ("done".equals(status) || "failed".equals(status)) {
      JsonObject error = job.getJsonObject("error");
      Counter.builder("ghl.jobs.finished").description("Jobs that reached done or failed")
          .tag("outcome", status).tag("code", error == null ? "none" : error.getString("code", "unknown"))
          .register(registry).increment();
    }
  }

  /** The ghl_jobs and ghl_queue_oldest_seconds gauges, from the database (every store node reads the same). */
  private void readGauges() {
    pool.query(JobSql.COUNT_BY_STATUS).execute().onSuccess(rows -> {
      Map<String, Long> seen = new java.util.HashMap<>();
      for (Row r : rows) {
        seen.put(r.getString("status"), r.getLong("n"));
      }
      for (String status : STATUSES) {
        jobsByStatus.get(status).set(seen.getOrDefault(status, 0L));
      }
    });
    pool.query(JobSql.OLDEST_QUEUED_SECONDS).execute()
        .onSuccess(rows -> oldestQueuedSeconds.set(Math.round(rows.iterator().next().getDouble(0))));
  }

  /** The public JSON of a job (DESIGN.md: id, status, filename, created_at, progress, error ...). */
  static JsonObject toJson(Row r) {
    JsonObject report = (JsonObject) r.getValue("report");
    String errorCode = r.getString("error_code");
    return new JsonObject()
        .put("id", r.getUUID("id").toString())
        .put("status", r.getString("status"))
        .put("filename", r.getString("filename_original"))
        .put("size_bytes", r.getLong("size_bytes"))
        .put("options", r.getValue("options"))
        .put("attempts", r.getInteger("attempts"))
        .put("progress", r.getLong("progress"))
        .put("created_at", iso(r.getOffsetDateTime("created_at")))
        .put("updated_at", iso(r.getOffsetDateTime("updated_at")))
        .put("started_at", iso(r.getOffsetDateTime("started_at")))
        .put("finished_at", iso(r.getOffsetDateTime("finished_at")))
        .put("error", errorCode == null ? null : error(errorCode, r))
        .put("summary", report == null ? null : new JsonObject()
            .put("total_rows", report.getValue("total_rows"))
            .put("rows_written", report.getValue("rows_written"))
            .put("rejected_rows", report.getValue("rejected_rows"))
            .put("duplicates_merged", report.getValue("duplicates_merged")));
  }

  /**
   * A failed job's error: code, English message, and the variant and parameters its message names,
   * as members beside them (the HTTP front words the message in the reader's language).
   */
  private static JsonObject error(String code, Row r) {
    JsonObject error = new JsonObject().put("code", code).put("message", r.getString("error_message"))
        .put("retryable", !Boolean.FALSE.equals(r.getBoolean("retry_helps")));
    String variant = r.getString("error_variant");
    if (variant != null) {
      error.put("variant", variant);
    }
    Object params = r.getValue("error_params");
    if (params instanceof JsonObject p) {
      p.forEach(e -> {
        if (!ErrorCode.RESERVED_MEMBERS.contains(e.getKey())) {
          error.put(e.getKey(), e.getValue());
        }
      });
    }
    return error;
  }

  private static String iso(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }

  private JsonObject single(RowSet<Row> rows, String id) {
    if (rows.rowCount() == 0) {
      throw notFound(id);
    }
    return toJson(rows.iterator().next());
  }

  private static RuntimeException notFound(String id) {
    return ErrorCode.Failure.of(ErrorCode.NOT_FOUND, "No job " + id + ".").exception();
  }

  private static RuntimeException lost(String id) {
    return ErrorCode.Failure.of(ErrorCode.JOB_LOST, "Job " + id + " is no longer this worker's.").exception();
  }

  private static String fileKind(String kind) {
    return "upload".equals(kind) ? kind : resultKind(kind);
  }

  private static String resultKind(String kind) {
    if (!"output".equals(kind) && !"rejects".equals(kind) && !"issues".equals(kind)) {
      throw ErrorCode.Failure.of(ErrorCode.BAD_REQUEST, "unknown file kind").exception();
    }
    return kind;
  }

  private static RuntimeException notReady(String status) {
    // The status names the variant: its words differ per language, the status value does not.
    String variant = ErrorCode.JOB_NOT_READY.variants().contains(status) ? status : null;
    return new ErrorCode.Failure(ErrorCode.JOB_NOT_READY, ErrorCode.JOB_NOT_READY.code(), variant,
        Map.of("job_status", status), "The job is " + status + "; results exist once it is done.").exception();
  }

  private io.vertx.core.Handler<Message<JsonObject>> json(Function<JsonObject, Future<JsonObject>> handler) {
    return Replies.json(handler, JobStoreVerticle::failWith);
  }

  /**
   * Fails the request; what it logs (an unexpected failure) names the job the request was about. A
   * database that cannot be reached is store_unavailable, one line without a stack trace: the
   * client is told to come back, the worker tries again within its lease.
   */
  private static void failWith(Message<?> msg, Throwable e) {
    JsonObject about = msg.body() instanceof JsonObject body ? body : meta(msg);
    Logging.withJob(text(about, "id"), text(about, "user_id"), () -> {
      if (e instanceof S3Chunks.Unavailable) {
        LOG.warn("{}: {}", msg.address(), e.getMessage());
        Replies.fail(msg, new ErrorCode.Failure(ErrorCode.STORE_UNAVAILABLE, ErrorCode.STORE_UNAVAILABLE.code(), "files",
            Map.of(), FILES_UNAVAILABLE).exception(), LOG, FILES_UNAVAILABLE);
      } else if (Databases.unavailable(e)) {
        LOG.warn("{}: the database is unavailable: {}", msg.address(), e.getMessage());
        Replies.fail(msg, ErrorCode.Failure.of(ErrorCode.STORE_UNAVAILABLE, UNAVAILABLE).exception(), LOG, UNAVAILABLE);
      } else {
        Replies.fail(msg, e, LOG, UNAVAILABLE);
      }
    });
  }

  /** The JSON metadata of a message with a binary body (jobs.create, jobs.file.write); null when it has none. */
  private static JsonObject meta(Message<?> msg) {
    String meta = msg.headers().get(JobMessages.META);
    try {
      return meta == null ? null : new JsonObject(meta);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String text(JsonObject json, String key) {
    Object v = json == null ? null : json.getValue(key);
    return v == null ? null : v.toString();
  }

  private static String userId(Row r) {
    UUID user = r.getUUID("user_id");
    return user == null ? null : user.toString();
  }

  private static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (RuntimeException e) {
      throw ErrorCode.Failure.of(ErrorCode.INVALID_ID, "The job id is not a valid UUID.").exception();
    }
  }

  private static UUID uuidOrNull(String id) {
    return id == null ? null : uuid(id);
  }
}
