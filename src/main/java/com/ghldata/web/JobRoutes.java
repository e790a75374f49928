package com.ghldata.web;

import com.ghldata.bus.Addresses;
import com.ghldata.bus.ErrorCode;
import com.ghldata.bus.ErrorCode.Failure;
import com.ghldata.bus.FileChunk;
import com.ghldata.bus.JobMessages.JobListQuery;
import com.ghldata.bus.JobMessages.JobRef;
import com.ghldata.bus.JobOptions;
import com.ghldata.bus.Transfers;
import com.ghldata.infra.Logging;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The /jobs endpoints: HTTP in, event-bus requests to the store and the workers, JSON or files out. */
final class JobRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(JobRoutes.class);
  private static final Set<String> STATUSES = Set.of("queued", "processing", "done", "failed");
  private static final DeliveryOptions SLOW = new DeliveryOptions().setSendTimeout(60_000);

  private final Vertx vertx;
  private final EventBus bus;
  private final JobEventStreams streams;
  private final UploadStore uploads;
  /** Threads that may block: storing uploads chunk by chunk. */
  private final WorkerExecutor transfers;

  JobRoutes(Vertx vertx, JobEventStreams streams) {
    this.vertx = vertx;
    this.bus = vertx.eventBus();
    this.streams = streams;
    this.uploads = new UploadStore(vertx.getOrCreateContext());
    // At most two big uploads are stored at once (the others wait, already on disk): twenty at once
    // would only share the same disk and database more thinly, and starve small requests of CPU.
    this.transfers = vertx.createSharedWorkerExecutor("ghl-uploads", 2, 1, TimeUnit.HOURS);
  }

  Future<Void> close() {
    return transfers.close();
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("listJobs").addHandler(this::list);
    // Multipart is checked here, field by field, with clearer messages than a schema error.
    builder.getRoute("createJob").setDoValidation(false).addHandler(this::create);
    builder.getRoute("inspectUpload").setDoValidation(false).addHandler(this::inspect);
    builder.getRoute("getJob").addHandler(rc -> replyJson(rc, request(Addresses.JOBS_GET, ref(rc, null))));
    builder.getRoute("jobEvents").addHandler(rc -> streams.open(rc, ref(rc, null)));
    builder.getRoute("getJobPreview").addHandler(rc -> replyJson(rc, request(Addresses.JOBS_RESULT, ref(rc, "preview"))));
    builder.getRoute("getJobReport").addHandler(rc -> replyJson(rc, request(Addresses.JOBS_RESULT, ref(rc, "report"))));
    builder.getRoute("downloadJob").addHandler(this::download);
    builder.getRoute("downloadRejects").addHandler(rc -> sendForPeople(rc, "rejects", "-rejects.csv", "codes"));
    builder.getRoute("listIssues").addHandler(this::issues);
    builder.getRoute("downloadIssues").addHandler(rc -> sendForPeople(rc, "issues", "-issues.csv", "codes"));
    builder.getRoute("retryJob").addHandler(rc -> request(Addresses.JOBS_RETRY, ref(rc, null))
        .onSuccess(job -> accepted(rc, job)).onFailure(rc::fail));
    builder.getRoute("deleteJob").addHandler(rc -> request(Addresses.JOBS_DELETE, ref(rc, null))
        .onSuccess(ok -> rc.response().setStatusCode(204).end()).onFailure(rc::fail));
  }

  private void list(RoutingContext rc) {
    int limit = intParam(rc, "limit", 20, 1, 100);
    int offset = intParam(rc, "offset", 0, 0, Integer.MAX_VALUE);
    String status = rc.queryParams().get("status");
    if (status != null && !STATUSES.contains(status)) {
      throw Failure.with(ErrorCode.BAD_REQUEST, "status_filter", Map.of("parameter", "status")).exception();
    }
    replyJson(rc, request(Addresses.JOBS_LIST, new JobListQuery(Users.id(rc), limit, offset, status).toJson()));
  }

  private void create(RoutingContext rc) {
    FileUpload file = theFile(rc);
    JobOptions options = new JobOptions(
        country(rc.request().getFormAttribute("country")),
        text(rc, "tag", 100), text(rc, "source", 100), text(rc, "sheet", 200));
    String filename = FileNames.clean(file.fileName());
    String userId = Users.id(rc);
    Path path = Path.of(file.uploadedFileName());
    JsonObject inspect = new JsonObject().put("path", path.toString()).put("sheet", options.sheet());
    // The body handler deletes the file once the response has ended, so it outlives both steps.
    long t0 = System.nanoTime();
    long[] inspected = new long[1];
    bus.<JsonObject>request(Addresses.CONVERSION_INSPECT, inspect, SLOW)
        .compose(ok -> {
          inspected[0] = System.nanoTime();
          // A file of one chunk is stored from the event loop, so it never queues behind big uploads
          // for one of the threads that store those.
          return file.size() <= Transfers.CHUNK_BYTES ? uploads.storeWhole(path, userId, filename, options)
              : transfers.executeBlocking(() -> uploads.store(path, userId, filename, options), false);
        })
        .onSuccess(job -> {
          Logging.withJob(job.getString("id"), userId, () -> LOG.debug(
              "upload of {} bytes queued as job {}: inspected in {} ms, stored in {} ms", file.size(),
              job.getString("id"), (inspected[0] - t0) / 1_000_000, (System.nanoTime() - inspected[0]) / 1_000_000));
          accepted(rc, job);
        })
        .onFailure(rc::fail);
  }

  /**
   * What a job of this file would read, without creating one: the format, a workbook's sheets and the
   * one read (the one asked for, else the default), and the header row found there.
   */
  private void inspect(RoutingContext rc) {
    FileUpload file = theFile(rc);
    JsonObject inspect = new JsonObject().put("path", file.uploadedFileName()).put("sheet", text(rc, "sheet", 200));
    request(Addresses.CONVERSION_INSPECT, inspect)
        .onSuccess(found -> rc.json(new JsonObject().put("format", found.getString("format"))
            .put("sheets", found.getJsonArray("sheets", new JsonArray())).put("sheet", found.getString("sheet"))
            .put("header", found.getJsonArray("header", new JsonArray()))))
        .onFailure(rc::fail);
  }

  /** The one file of an upload, in the field {@code file}. */
  private static FileUpload theFile(RoutingContext rc) {
    List<FileUpload> files = rc.fileUploads();
    FileUpload file = files.stream().filter(f -> "file".equals(f.name())).findFirst().orElse(null);
    if (file == null || files.size() != 1) {
      throw Failure.with(ErrorCode.BAD_REQUEST, "one_file", Map.of("parameter", "file")).exception();
    }
    return file;
  }

  private void download(RoutingContext rc) {
    String split = rc.queryParams().get("split");
    if (split == null) {
      // The GHL file as GHL imports it, or (format=spreadsheet) made to open right in Excel.
      String format = rc.queryParams().get("format");
      if (format == null || "ghl".equals(format)) {
        sendFile(rc, ref(rc, "output"), "-ghl.csv");
      } else {
        sendForPeople(rc, "output", "-ghl.csv", "ghl");
      }
      return;
    }
    int rows = intParam(rc, "split", 10_000, 1, 100_000);
    JsonObject ref = ref(rc, "output");
    request(Addresses.JOBS_FILE_INFO, ref)
        .onSuccess(info -> sendZip(rc, ref, info, rows))
        .onFailure(rc::fail);
  }

  /**
   * Streams a stored file chunk by chunk, asking for the next one only when the client has taken the
   * last (back-pressure): a slow client holds one chunk, and one that leaves stops the reading.
   */
  private void sendFile(RoutingContext rc, JsonObject ref, String suffix) {
    request(Addresses.JOBS_FILE_INFO, ref)
        .onSuccess(info -> {
          HttpServerResponse res = attachment(rc, baseName(info.getString("filename")) + suffix, "text/csv; charset=utf-8")
              .putHeader("Content-Length", String.valueOf(info.getLong("size_bytes")));
          FileChunk first = new FileChunk(ref.getString("id"), ref.getString("kind"), 0, ref.getString("user_id"), null);
          sendChunk(rc, res, first, info.getLong("chunks").intValue());
        })
        .onFailure(rc::fail);
  }

  private void sendChunk(RoutingContext rc, HttpServerResponse res, FileChunk chunk, int chunks) {
    if (chunk.seq() == chunks) {
      res.end();
      return;
    }
    bus.<Buffer>request(Addresses.JOBS_FILE_READ, chunk.toJson(), SLOW)
        .onSuccess(m -> {
          if (res.closed()) {
            return;
          }
          res.write(m.body());
          FileChunk next = chunk.at(chunk.seq() + 1);
          if (res.writeQueueFull()) {
            res.drainHandler(v -> sendChunk(rc, res, next, chunks));
          } else {
            sendChunk(rc, res, next, chunks);
          }
        })
        .onFailure(e -> {
          if (!res.headWritten()) {
            rc.fail(e);
          } else {
            // Half sent: the client must not take a cut file for a whole one.
            res.reset();
          }
        });
  }

  /** The output as a ZIP of parts, split by the tools verticle as it reads it. */
  private void sendZip(RoutingContext rc, JsonObject ref, JsonObject info, int rows) {
    String base = baseName(info.getString("filename")) + "-ghl";
    JsonObject split = new JsonObject().put("id", ref.getString("id")).put("user_id", ref.getString("user_id"))
        .put("chunks", info.getLong("chunks")).put("rows", rows).put("base", base);
    sendStreamed(rc, Addresses.CONVERSION_SPLIT, split, base + ".zip", "application/zip");
  }

  /**
   * A stored file made into something else by the tools verticle as it reads it (a ZIP of parts, a
   * file for a spreadsheet): the tools send it in chunks to an address of this request, each
   * answered once the client has taken it.
   */
  private void sendStreamed(RoutingContext rc, String address, JsonObject request, String filename, String type) {
    String sink = address + ".sink." + UUID.randomUUID();
    HttpServerResponse res = rc.response();
    MessageConsumer<Buffer> consumer = bus.localConsumer(sink, chunk -> {
      if (res.closed()) {
        chunk.fail(ErrorCode.BAD_REQUEST.failureCode(), ErrorCode.BAD_REQUEST.replyMessage("download_cancelled",
            "The client left."));
        return;
      }
      if (!res.headWritten()) {
        attachment(rc, filename, type).setChunked(true);
      }
      res.write(chunk.body());
      if (res.writeQueueFull()) {
        res.drainHandler(v -> chunk.reply(new JsonObject()));
      } else {
        chunk.reply(new JsonObject());
      }
    });
    consumer.completion()
        .compose(v -> bus.request(address, request.copy().put("sink", sink),
            new DeliveryOptions().setSendTimeout(3_600_000)))
        .onComplete(done -> {
          consumer.unregister();
          if (done.succeeded()) {
            if (!res.headWritten()) {
              attachment(rc, filename, type);
            }
            res.end();
          } else if (!res.headWritten()) {
            rc.fail(done.cause());
          } else if (!res.closed()) {
            res.reset();
          }
        });
  }

  /**
   * A finished job's file for people to open in a spreadsheet (BOM, the reader's language and list
   * separator), or with {@code format=codes} as stored (comma, reason codes: for programs).
   */
  private void sendForPeople(RoutingContext rc, String kind, String suffix, String storedFormat) {
    String format = rc.queryParams().get("format");
    JsonObject ref = ref(rc, kind);
    if (storedFormat.equals(format)) {
      sendFile(rc, ref, suffix);
      return;
    }
    if (format != null && !"spreadsheet".equals(format)) {
      throw Failure.of(ErrorCode.BAD_REQUEST, "format must be spreadsheet or " + storedFormat).exception();
    }
    request(Addresses.JOBS_FILE_INFO, ref)
        .onSuccess(info -> {
          JsonObject render = language(rc, new JsonObject().put("id", ref.getString("id"))
              .put("user_id", ref.getString("user_id")).put("kind", kind).put("chunks", info.getLong("chunks")));
          sendStreamed(rc, Addresses.CONVERSION_RENDER, render, baseName(info.getString("filename")) + suffix,
              "text/csv; charset=utf-8");
        })
        .onFailure(rc::fail);
  }

  /**
   * One page of a finished job's issues: every cell left out of the GHL file or changed, with its
   * original value and reason; the total and the counts by reason come from the report. The
   * contract checks {@code reason} and {@code lang} against their lists.
   */
  private void issues(RoutingContext rc) {
    int limit = intParam(rc, "limit", 100, 1, 1000);
    int offset = intParam(rc, "offset", 0, 0, Integer.MAX_VALUE);
    String reason = rc.queryParams().get("reason");
    JsonObject ref = ref(rc, "issues");
    request(Addresses.JOBS_FILE_INFO, ref)
        .compose(info -> request(Addresses.JOBS_RESULT, ref(rc, "report")).compose(report -> {
          JsonObject counts = report.getJsonObject("cell_issues", new JsonObject());
          long total = reason != null ? counts.getLong(reason, 0L)
              : counts.stream().mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
          JsonObject page = new JsonObject().put("total", total).put("offset", offset).put("limit", limit)
              .put("counts", counts);
          if (info.getLong("chunks") == 0 || offset >= total) {
            return Future.succeededFuture(page.put("items", new JsonArray()));
          }
          JsonObject q = language(rc, new JsonObject().put("id", ref.getString("id"))
              .put("user_id", ref.getString("user_id")).put("chunks", info.getLong("chunks")).put("reason", reason)
              .put("offset", offset).put("limit", limit));
          return request(Addresses.CONVERSION_ISSUES, q).map(found -> page.put("items", found.getJsonArray("items")));
        }))
        .onSuccess(page -> rc.response().putHeader("Content-Type", "application/json").end(page.encode()))
        .onFailure(rc::fail);
  }

  /** The reader's language for the tools: {@code lang} in the query, else their Accept-Language. */
  private static JsonObject language(RoutingContext rc, JsonObject request) {
    return request.put("lang", rc.queryParams().get("lang"))
        .put("accept_language", rc.request().getHeader("Accept-Language"));
  }

  private static HttpServerResponse attachment(RoutingContext rc, String filename, String type) {
    String ascii = filename.replaceAll("[^A-Za-z0-9._-]", "_");
    return rc.response().putHeader("Content-Type", type)
        .putHeader("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
            + URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  private Future<JsonObject> request(String address, JsonObject body) {
    return bus.<JsonObject>request(address, body, SLOW).map(Message::body);
  }

  private static void replyJson(RoutingContext rc, Future<JsonObject> f) {
    f.onSuccess(json -> rc.response().putHeader("Content-Type", "application/json").end(worded(rc, json).encode()))
        .onFailure(rc::fail);
  }

  private static void accepted(RoutingContext rc, JsonObject job) {
    rc.response().setStatusCode(202).putHeader("Content-Type", "application/json")
        .putHeader("Location", "/jobs/" + job.getString("id")).end(worded(rc, job).encode());
  }

  /** A job's (or a page of jobs') failure, worded in the reader's language. */
  private static JsonObject worded(RoutingContext rc, JsonObject json) {
    rc.response().headers().add("Vary", "Accept-Language");
    return Messages.catalogues().wordJobErrors(json, Messages.language(rc.request().getHeader("Accept-Language")));
  }

  /** The job named in the path, for the caller; a malformed id is a 400 before any lookup. */
  static JsonObject ref(RoutingContext rc, String kind) {
    String id = rc.pathParam("id");
    try {
      id = UUID.fromString(id).toString();
    } catch (RuntimeException e) {
      throw Failure.of(ErrorCode.INVALID_ID, "The job id is not a valid UUID.").exception();
    }
    return new JobRef(id, Users.id(rc), kind).toJson();
  }

  private static int intParam(RoutingContext rc, String name, int fallback, int min, int max) {
    String v = rc.queryParams().get(name);
    if (v == null || v.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw Failure.with(ErrorCode.BAD_REQUEST, "whole_number", Map.of("parameter", name, "min", min, "max", max))
        .exception();
  }

  private static String country(String v) {
    if (v == null || v.isBlank()) {
      return "BR";
    }
    String c = v.trim().toUpperCase(Locale.ROOT);
    if (!c.matches("[A-Z]{2}")) {
      throw Failure.with(ErrorCode.BAD_REQUEST, "country", Map.of("parameter", "country")).exception();
    }
    return c;
  }

  private static String text(RoutingContext rc, String name, int max) {
    String v = rc.request().getFormAttribute(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    v = v.strip();
    if (v.length() > max || v.chars().anyMatch(ch -> ch < 0x20)) {
      throw Failure.with(ErrorCode.BAD_REQUEST, "text", Map.of("parameter", name, "max", max)).exception();
    }
    return v;
  }

  private static String baseName(String filename) {
    int dot = filename.lastIndexOf('.');
    return dot > 0 ? filename.substring(0, dot) : filename;
  }
}
