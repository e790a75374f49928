package com.ghldata.web;

import com.ghldata.bus.Addresses;
import com.ghldata.bus.ErrorCode;
import com.ghldata.bus.ErrorCode.Failure;
import com.ghldata.bus.JobMessages;
import com.ghldata.bus.JobMessages.JobListQuery;
import com.ghldata.bus.JobMessages.JobRef;
import com.ghldata.bus.JobMessages.NewJob;
import com.ghldata.bus.JobOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** The /jobs endpoints: HTTP in, event-bus requests to the store and the workers, JSON or files out. */
final class JobRoutes {
  private static final Set<String> STATUSES = Set.of("queued", "processing", "done", "failed");
  private static final DeliveryOptions SLOW = new DeliveryOptions().setSendTimeout(60_000);

  private final Vertx vertx;
  private final EventBus bus;
  private final JobEventStreams streams;

  JobRoutes(Vertx vertx, JobEventStreams streams) {
    this.vertx = vertx;
    this.bus = vertx.eventBus();
    this.streams = streams;
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("listJobs").addHandler(this::list);
    // Multipart is checked here, field by field, with clearer messages than a schema error.
    builder.getRoute("createJob").setDoValidation(false).addHandler(this::create);
    builder.getRoute("getJob").addHandler(rc -> replyJson(rc, request(Addresses.JOBS_GET, ref(rc, null))));
    builder.getRoute("jobEvents").addHandler(rc -> streams.open(rc, ref(rc, null)));
    builder.getRoute("getJobPreview").addHandler(rc -> replyJson(rc, request(Addresses.JOBS_RESULT, ref(rc, "preview"))));
    builder.getRoute("getJobReport").addHandler(rc -> replyJson(rc, request(Addresses.JOBS_RESULT, ref(rc, "report"))));
    builder.getRoute("downloadJob").addHandler(this::download);
    builder.getRoute("downloadRejects").addHandler(rc -> sendFile(rc, ref(rc, "rejects"), "-rejects.csv"));
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
      throw Failure.of(ErrorCode.BAD_REQUEST, "status must be one of queued, processing, done, failed").exception();
    }
    replyJson(rc, request(Addresses.JOBS_LIST, new JobListQuery(Users.id(rc), limit, offset, status).toJson()));
  }

  private void create(RoutingContext rc) {
    List<FileUpload> files = rc.fileUploads();
    FileUpload file = files.stream().filter(f -> "file".equals(f.name())).findFirst().orElse(null);
    if (file == null || files.size() != 1) {
      throw Failure.of(ErrorCode.BAD_REQUEST,
          "Send exactly one file, as multipart/form-data in the field 'file'.").exception();
    }
    JobOptions options = new JobOptions(
        country(rc.request().getFormAttribute("country")),
        text(rc, "tag", 100), text(rc, "source", 100), text(rc, "sheet", 200));
    String filename = FileNames.clean(file.fileName());
    JsonObject meta = new JsonObject().put("filename", filename).put("sheet", options.sheet());
    vertx.fileSystem().readFile(file.uploadedFileName())
        .compose(bytes -> bus.<JsonObject>request(Addresses.CONVERSION_INSPECT, bytes,
                new DeliveryOptions(SLOW).addHeader(JobMessages.META, meta.encode()))
            .compose(inspected -> bus.<JsonObject>request(Addresses.JOBS_CREATE, bytes, new DeliveryOptions(SLOW)
                .addHeader(JobMessages.META, new NewJob(Users.id(rc), filename, options).toJson().encode()))))
        .map(Message::body)
        .onSuccess(job -> accepted(rc, job))
        .onFailure(rc::fail);
  }

  private void download(RoutingContext rc) {
    String split = rc.queryParams().get("split");
    if (split == null) {
      sendFile(rc, ref(rc, "output"), "-ghl.csv");
      return;
    }
    int rows = intParam(rc, "split", 10_000, 1, 100_000);
    JsonObject ref = ref(rc, "output");
    bus.<Buffer>request(Addresses.JOBS_RESULT, ref, SLOW)
        .compose(file -> {
          String base = baseName(new JsonObject(file.headers().get(JobMessages.META)).getString("filename")) + "-ghl";
          return bus.<Buffer>request(Addresses.CONVERSION_SPLIT, file.body(), new DeliveryOptions(SLOW)
                  .addHeader(JobMessages.META, new JsonObject().put("rows", rows).put("base", base).encode()))
              .map(zip -> {
                attachment(rc, base + ".zip", "application/zip").end(zip.body());
                return zip;
              });
        })
        .onFailure(rc::fail);
  }

  private void sendFile(RoutingContext rc, JsonObject ref, String suffix) {
    bus.<Buffer>request(Addresses.JOBS_RESULT, ref, SLOW)
        .onSuccess(file -> {
          String name = baseName(new JsonObject(file.headers().get(JobMessages.META)).getString("filename")) + suffix;
          attachment(rc, name, "text/csv; charset=utf-8").end(file.body());
        })
        .onFailure(rc::fail);
  }

  private static io.vertx.core.http.HttpServerResponse attachment(RoutingContext rc, String filename, String type) {
    String ascii = filename.replaceAll("[^A-Za-z0-9._-]", "_");
    return rc.response().putHeader("Content-Type", type)
        .putHeader("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
            + URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  private Future<JsonObject> request(String address, JsonObject body) {
    return bus.<JsonObject>request(address, body, SLOW).map(Message::body);
  }

  private static void replyJson(RoutingContext rc, Future<JsonObject> f) {
    f.onSuccess(json -> rc.response().putHeader("Content-Type", "application/json").end(json.encode()))
        .onFailure(rc::fail);
  }

  private static void accepted(RoutingContext rc, JsonObject job) {
    rc.response().setStatusCode(202).putHeader("Content-Type", "application/json")
        .putHeader("Location", "/jobs/" + job.getString("id")).end(job.encode());
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
    throw Failure.of(ErrorCode.BAD_REQUEST, name + " must be a whole number from " + min + " to " + max).exception();
  }

  private static String country(String v) {
    if (v == null || v.isBlank()) {
      return "BR";
    }
    String c = v.trim().toUpperCase(Locale.ROOT);
    if (!c.matches("[A-Z]{2}")) {
      throw Failure.of(ErrorCode.BAD_REQUEST, "country must be a two-letter ISO code such as BR or US").exception();
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
      throw Failure.of(ErrorCode.BAD_REQUEST, name + " must be at most " + max + " characters of text").exception();
    }
    return v;
  }

  private static String baseName(String filename) {
    int dot = filename.lastIndexOf('.');
    return dot > 0 ? filename.substring(0, dot) : filename;
  }
}
