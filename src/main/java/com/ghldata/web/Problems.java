package com.ghldata.web;

import com.ghldata.bus.ErrorCode;
import com.ghldata.bus.ErrorCode.Failure;
import com.ghldata.infra.Logging;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure handler: every error leaves as RFC 9457 application/problem+json with a stable
 * code, the variant of its message and its parameters as members, and a title and detail in the
 * request's Accept-Language (see {@link Messages}).
 */
final class Problems {
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  static final String CONTENT_TYPE = "application/problem+json";
  /** Routing-context key: the upload limit of this request, which a 413 names. */
  static final String UPLOAD_LIMIT_BYTES = "ghl.upload.limit";
  /** How vertx-openapi names a parameter in its messages: "... query parameter limit ...". */
  private static final Pattern PARAMETER = Pattern.compile(
      "(?i)\\b(path|query|header|cookie) parameter (\\S+?)[.:,]?(?:\\s|$)");

  private Problems() {}

  static void handle(RoutingContext rc) {
    try (Logging.Scope ignored = about(rc)) {
      answer(rc);
    }
  }

  /** The caller and, on a job's routes, the job: what a failure's log lines are about. */
  private static Logging.Scope about(RoutingContext rc) {
    String job = null;
    if (rc.request().path().startsWith("/jobs/") && rc.pathParam("id") != null) {
      try {
        job = UUID.fromString(rc.pathParam("id")).toString();
      } catch (IllegalArgumentException e) {
        // not a job's id: the answer says so, the log names no job
      }
    }
    return Logging.job(job, Users.id(rc));
  }

  private static void answer(RoutingContext rc) {
    if (rc.response().ended()) {
      // Already answered (e.g. a cancelled upload failing its pipe after the 400): nothing to add.
      LOG.debug("{} {}: failure after the answer: {}", rc.request().method(), rc.request().path(),
          String.valueOf(rc.failure()));
      return;
    }
    Failure f = classify(rc.failure(), rc.statusCode());
    Long uploadLimit = rc.get(UPLOAD_LIMIT_BYTES);
    if (f.category() == ErrorCode.PAYLOAD_TOO_LARGE && uploadLimit != null) {
      f = Failure.with(ErrorCode.PAYLOAD_TOO_LARGE, "upload",
          Map.of("limit", uploadLimit, "limit_mb", uploadLimit / (1024 * 1024)));
    }
    if (f.category() == ErrorCode.INTERNAL_ERROR) {
      if (rc.failure() instanceof java.io.IOException || rc.response().closed()) {
        // The client went away (a reload, a closed tab): nothing failed on our side.
        LOG.debug("{} {}: client disconnected", rc.request().method(), rc.request().path());
        return;
      }
      LOG.error("{} {} failed", rc.request().method(), rc.request().path(), rc.failure());
    }
    send(rc, f);
  }

  static void send(RoutingContext rc, Failure f) {
    send(rc.request(), f);
  }

  /** The answer itself; also for requests the HTTP codec refused before any route saw them. */
  static void send(HttpServerRequest request, Failure f) {
    HttpServerResponse res = request.response();
    if (res.ended()) {
      return;
    }
    if (res.headWritten()) {
      res.reset();
      return;
    }
    String language = Messages.language(request.getHeader("Accept-Language"));
    Messages messages = Messages.catalogues();
    JsonObject body = new JsonObject()
        .put("type", "https://ghl-data.app/problems/" + f.code())
        .put("title", messages.title(language, f))
        .put("status", f.category().status())
        .put("detail", messages.detail(language, f))
        .put("code", f.code());
    if (f.variant() != null) {
      body.put("variant", f.variant());
    }
    f.params().forEach(body::put);
    body.put("instance", request.path());
    res.headers().add("Vary", "Accept-Language");
    if (f.category().status() == 503) {
      // A dependency away for a moment (the database, most often): say when to come back.
      res.putHeader("Retry-After", String.valueOf(Readiness.RETRY_AFTER_SECONDS));
    }
    res.setStatusCode(f.category().status()).putHeader("Content-Type", CONTENT_TYPE)
        .putHeader("Content-Language", language).end(body.encode());
  }

  static Failure classify(Throwable t, int status) {
    if (t instanceof Failure.Carrier c) {
      return c.failure();
    }
    if (t instanceof ReplyException) {
      return ErrorCode.of(t);
    }
    ValidatorException invalid = t instanceof ValidatorException ve ? ve
        : t != null && t.getCause() instanceof ValidatorException ve ? ve : null;
    if (invalid != null) {
      return invalid(invalid);
    }
    int code = t instanceof HttpException he ? he.getStatusCode() : status;
    return switch (code) {
      // Only vertx-web's own HttpException carries a message meant for clients; anything else here is
      // a body decoder's failure, whose message names internals (a multipart part with no name is a
      // NullPointerException about "nameAttribute").
      case 400 -> t != null && !(t instanceof HttpException)
          ? Failure.with(ErrorCode.BAD_REQUEST, "malformed_body", Map.of())
          : Failure.of(ErrorCode.BAD_REQUEST, t == null ? null : t.getMessage());
      case 401 -> Failure.of(ErrorCode.UNAUTHORIZED, null);
      case 404 -> Failure.with(ErrorCode.NOT_FOUND, "route", Map.of());
      case 405 -> Failure.of(ErrorCode.METHOD_NOT_ALLOWED, null);
      case 413 -> Failure.of(ErrorCode.PAYLOAD_TOO_LARGE, null);
      case 415 -> Failure.of(ErrorCode.NOT_A_SPREADSHEET, null);
      case 429 -> Failure.of(ErrorCode.RATE_LIMITED, null);
      case 503 -> Failure.of(ErrorCode.SERVICE_UNAVAILABLE, null);
      default -> Failure.of(ErrorCode.INTERNAL_ERROR, null);
    };
  }

  /**
   * A request the contract refuses: which parameter (and where) when vertx-openapi names one, the
   * body otherwise. Its English message stays the detail for logs; people read the catalogue's.
   */
  private static Failure invalid(ValidatorException invalid) {
    String msg = invalid.getMessage() == null ? "" : invalid.getMessage();
    Matcher m = PARAMETER.matcher(msg);
    if (m.find()) {
      // The contract types the job id as a uuid; say so with the same code the handlers use.
      String location = m.group(1).toLowerCase(Locale.ROOT);
      if ("path".equals(location) && "id".equals(m.group(2))) {
        return Failure.of(ErrorCode.INVALID_ID, msg);
      }
      String variant = invalid.type() == ValidatorErrorType.MISSING_REQUIRED_PARAMETER
          ? "missing_parameter" : "invalid_parameter";
      return new Failure(ErrorCode.BAD_REQUEST, ErrorCode.BAD_REQUEST.code(), variant,
          Map.of("parameter", m.group(2), "location", location), msg);
    }
    return new Failure(ErrorCode.BAD_REQUEST, ErrorCode.BAD_REQUEST.code(), "invalid_body", Map.of(), msg);
  }
}
