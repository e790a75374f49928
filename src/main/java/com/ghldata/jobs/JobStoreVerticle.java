package com.ghldata.jobs;

import com.ghldata.bus.Addresses;
import com.ghldata.bus.ErrorCode;
import com.ghldata.bus.JobMessages;
import com.ghldata.bus.JobMessages.ClaimedJob;
import com.ghldata.bus.JobMessages.JobCompletion;
import com.ghldata.bus.JobMessages.JobFailure;
import com.ghldata.bus.JobMessages.JobListQuery;
import com.ghldata.bus.JobMessages.JobProgress;
import com.ghldata.bus.JobMessages.JobRef;
import com.ghldata.bus.JobMessages.NewJob;
import com.ghldata.bus.JobOptions;
import com.ghldata.bus.Replies;
import com.ghldata.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import com.ghldata.infra.Databases;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job store: the only place with SQL. Answers the jobs.* requests and runs the durable pull
 * queue (claim with FOR UPDATE SKIP LOCKED and a lease; complete; fail; requeue).
 */
public final class JobStoreVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(JobStoreVerticle.class);
  private static final String UNAVAILABLE = "The job database is unavailable; try again shortly.";

  private final AppConfig config;
  private final String databaseUrl;
  private Pool pool;
  private EventBus bus;

  public JobStoreVerticle(AppConfig config, String databaseUrl) {
    this.config = config;
    this.databaseUrl = databaseUrl;
  }

  @Override
  public Future<?> start() {
    bus = vertx.eventBus();
    pool = Databases.pool(vertx, databaseUrl, config.dbPoolSize());
    List<MessageConsumer<?>> consumers = new ArrayList<>();
    consumers.add(bus.<Buffer>consumer(Addresses.JOBS_CREATE, this::create));
    consumers.add(bus.<JsonObject>consumer(Addresses.JOBS_GET, json(this::get)));
    consumers.add(bus.<JsonObject>consumer(Addresses.JOBS_LIST, json(this::list)));
    consumers.add(bus.<JsonObject>consumer(Addresses.JOBS_DELETE, json(this::delete)));
    consumers.add(bus.<JsonObject>consumer(Addresses.JOBS_RETRY, json(this::retry)));
    consumers.add(bus.<JsonObject>consumer(Addresses.JOBS_RESULT, this::result));
    consumers.add(bus.<JsonObject>consumer(Addresses.JOBS_PING, json(this::ping)));
    consumers.add(bus.<JsonObject>consumer(Addresses.JOBS_DEBUG, json(this::debug)));
    consumers.add(bus.<JsonObject>consumer(Addresses.JOBS_CLAIM, this::claim));
    consumers.add(bus.<JsonObject>consumer(Addresses.JOBS_PROGRESS, json(this::progress)));
    consumers.add(bus.<Buffer>consumer(Addresses.JOBS_COMPLETE, this::complete));
    consumers.add(bus.<JsonObject>consumer(Addresses.JOBS_FAIL, json(this::fail)));
    // Exhausted jobs must show as failed even when no worker comes to claim.
    vertx.setPeriodic(config.jobPollSeconds() * 1000L, id -> failExhausted());
    return pool.query("SELECT 1").execute()
        .compose(ok -> Future.all(consumers.stream().map(MessageConsumer::completion).toList()))
        .onSuccess(ok -> bus.publish(Addresses.JOBS_AVAILABLE, new JsonObject()));
  }

  @Override
  public Future<?> stop() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }

  private void create(Message<Buffer> msg) {
    NewJob job = NewJob.fromJson(new JsonObject(msg.headers().get(JobMessages.META)));
    Buffer bytes = msg.body();
    UUID id = UUID.randomUUID();
    vertx.executeBlocking(() -> sha256(bytes))
        .compose(hash -> pool.withTransaction(conn -> conn.preparedQuery(JobSql.INSERT_JOB)
            .execute(Tuple.of(id, uuidOrNull(job.userId()), job.filename(), (long) bytes.length(), hash,
                job.options().toJson()))
            .compose(rows -> conn.preparedQuery(JobSql.INSERT_FILE)
                .execute(Tuple.of(id, "upload", bytes, (long) bytes.length()))
                .map(rows))))
        .onSuccess(rows -> {
          JsonObject j = toJson(rows.iterator().next());
          msg.reply(j);
          bus.publish(Addresses.JOBS_AVAILABLE, new JsonObject());
        })
        .onFailure(e -> failWith(msg, e));
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
          return new JsonObject().put("id", ref.id()).put("deleted", true);
        });
  }

  private Future<JsonObject> retry(JsonObject body) {
    JobRef ref = JobRef.fromJson(body);
    Tuple args = Tuple.of(uuid(ref.id()), uuidOrNull(ref.userId()));
    return pool.preparedQuery(JobSql.RETRY_JOB).execute(args).compose(rows -> {
      if (rows.rowCount() > 0) {
        JsonObject j = toJson(rows.iterator().next());
        publish(j);
        bus.publish(Addresses.JOBS_AVAILABLE, new JsonObject());
        return Future.succeededFuture(j);
      }
      // Tell a job in another state (409) from one that is not there or not the caller's (404).
      return get(body).map(job -> {
        throw ErrorCode.Failure.of(ErrorCode.JOB_NOT_FAILED,
            "Only a failed job can be retried; this one is " + job.getString("status") + ".").exception();
      });
    });
  }

  /** Preview and report answer JSON; output and rejects answer the file's bytes with the filename in META. */
  private void result(Message<JsonObject> msg) {
    JobRef ref = JobRef.fromJson(msg.body());
    Tuple args = Tuple.of(uuid(ref.id()), uuidOrNull(ref.userId()));
    switch (ref.kind()) {
      case "preview", "report" -> pool.preparedQuery(JobSql.GET_RESULT_JSON).execute(args)
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
      case "output", "rejects", "upload" -> pool.preparedQuery(JobSql.GET_FILE).execute(args.addString(ref.kind()))
          .onSuccess(rows -> {
            if (rows.rowCount() == 0) {
              failWith(msg, notFound(ref.id()));
              return;
            }
            Row r = rows.iterator().next();
            if (!"upload".equals(ref.kind()) && !"done".equals(r.getString("status"))) {
              failWith(msg, notReady(r.getString("status")));
              return;
            }
            Buffer content = r.getBuffer("content");
            msg.reply(content == null ? Buffer.buffer() : content, new DeliveryOptions()
                .addHeader(JobMessages.META, new JsonObject().put("filename", r.getString("filename_original")).encode()));
          })
          .onFailure(e -> failWith(msg, e));
      default -> failWith(msg, ErrorCode.Failure.of(ErrorCode.BAD_REQUEST, "unknown result kind").exception());
    }
  }

  private Future<JsonObject> ping(JsonObject body) {
    return pool.query(JobSql.OLDEST_QUEUED_SECONDS).execute()
        .map(rows -> new JsonObject().put("oldest_queued_seconds", ((Number) rows.iterator().next().getValue(0)).doubleValue()));
  }

  private Future<JsonObject> debug(JsonObject body) {
    return pool.query(JobSql.DEBUG).execute().compose(rows -> {
      JsonObject byStatus = new JsonObject();
      rows.forEach(r -> byStatus.put(r.getString("status"), r.getLong("n")));
      return pool.query("SELECT version()").execute()
          .map(v -> new JsonObject().put("jobs_by_status", byStatus).put("postgres", v.iterator().next().getString(0)));
    });
  }

  private void claim(Message<JsonObject> msg) {
    String node = msg.body().getString("node");
    failExhausted()
        .compose(v -> pool.preparedQuery(JobSql.CLAIM)
            .execute(Tuple.of(config.jobLeaseSeconds(), node, config.jobMaxAttempts())))
        .compose(rows -> {
          if (rows.rowCount() == 0) {
            return Future.succeededFuture((Object[]) null);
          }
          Row r = rows.iterator().next();
          ClaimedJob job = new ClaimedJob(r.getUUID("id").toString(), r.getString("filename_original"),
              JobOptions.fromJson((JsonObject) r.getValue("options")), r.getInteger("attempts"));
          return pool.preparedQuery(JobSql.GET_UPLOAD).execute(Tuple.of(r.getUUID("id")))
              .map(files -> new Object[] {job, files.iterator().next().getBuffer("content")});
        })
        .onSuccess(found -> {
          if (found == null) {
            msg.reply(null);
            return;
          }
          ClaimedJob job = (ClaimedJob) found[0];
          msg.reply(found[1], new DeliveryOptions().addHeader(JobMessages.META, job.toJson().encode()));
          LOG.info("job {} claimed by {} (attempt {})", job.id(), node, job.attempts());
          publishById(job.id());
        })
        .onFailure(e -> failWith(msg, e));
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

  private void complete(Message<Buffer> msg) {
    JobCompletion c = JobCompletion.fromJson(new JsonObject(msg.headers().get(JobMessages.META)));
    Buffer[] files = JobMessages.unpack(msg.body());
    UUID id = uuid(c.id());
    long rows = c.report() == null ? 0 : c.report().getLong("total_rows", 0L);
    pool.withTransaction(conn -> conn.preparedQuery(JobSql.COMPLETE)
            .execute(Tuple.of(id, c.node(), c.report(), c.preview(), rows))
            .compose(updated -> {
              if (updated.rowCount() == 0) {
                // The lease was lost (another worker has it) or the job was deleted: drop this result.
                return Future.succeededFuture(updated);
              }
              return conn.preparedQuery(JobSql.INSERT_FILE).executeBatch(List.of(
                      Tuple.of(id, "output", files[0], (long) files[0].length()),
                      Tuple.of(id, "rejects", files[1], (long) files[1].length())))
                  .map(updated);
            }))
        .onSuccess(updated -> {
          msg.reply(new JsonObject().put("ok", updated.rowCount() > 0));
          updated.forEach(r -> publish(toJson(r)));
        })
        .onFailure(e -> failWith(msg, e));
  }

  private Future<JsonObject> fail(JsonObject body) {
    JobFailure f = JobFailure.fromJson(body);
    Future<RowSet<Row>> update = f.retryable()
        ? pool.preparedQuery(JobSql.REQUEUE).execute(Tuple.of(uuid(f.id()), f.node(), f.code(), f.message(),
            config.jobMaxAttempts()))
        : pool.preparedQuery(JobSql.FAIL).execute(Tuple.of(uuid(f.id()), f.node(), f.code(), f.message()));
    return update.map(rows -> {
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

  private Future<Void> failExhausted() {
    return pool.preparedQuery(JobSql.FAIL_EXHAUSTED).execute(Tuple.of(config.jobMaxAttempts()))
        .onSuccess(rows -> rows.forEach(r -> {
          LOG.warn("job {} failed: its worker stopped {} times", r.getUUID("id"), r.getInteger("attempts"));
          publish(toJson(r));
        }))
        .<Void>mapEmpty()
        .recover(e -> {
          LOG.warn("sweep of exhausted jobs failed: {}", e.getMessage());
          return Future.succeededFuture();
        });
  }

  private void publishById(String id) {
    pool.preparedQuery(JobSql.GET_JOB_BY_ID).execute(Tuple.of(uuid(id)))
        .onSuccess(rows -> rows.forEach(r -> publish(toJson(r))));
  }

  private void publish(JsonObject job) {
    bus.publish(Addresses.JOBS_EVENTS, job);
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
        .put("error", errorCode == null ? null
            : new JsonObject().put("code", errorCode).put("message", r.getString("error_message")))
        .put("summary", report == null ? null : new JsonObject()
            .put("total_rows", report.getValue("total_rows"))
            .put("rows_written", report.getValue("rows_written"))
            .put("rejected_rows", report.getValue("rejected_rows"))
            .put("duplicates_merged", report.getValue("duplicates_merged")));
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

  private static RuntimeException notReady(String status) {
    return ErrorCode.Failure.of(ErrorCode.JOB_NOT_READY, "The job is " + status + "; results exist once it is done.")
        .exception();
  }

  private io.vertx.core.Handler<Message<JsonObject>> json(Function<JsonObject, Future<JsonObject>> handler) {
    return Replies.json(handler, LOG, UNAVAILABLE);
  }

  private static void failWith(Message<?> msg, Throwable e) {
    Replies.fail(msg, e, LOG, UNAVAILABLE);
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

  private static String sha256(Buffer bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.getBytes()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
