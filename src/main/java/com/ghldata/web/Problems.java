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
import io.vertx.openapi.validation.ValidatorException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one failure handler: every error leaves as RFC 9457 application/problem+json with a stable code. */
final class Problems {
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  static final String CONTENT_TYPE = "application/problem+json";

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
    JsonObject body = new JsonObject()
        .put("type", "https://ghl-data.app/problems/" + f.code())
        .put("title", f.category().title())
        .put("status", f.category().status())
        .put("detail", f.detail())
        .put("code", f.code())
        .put("instance", request.path());
    res.setStatusCode(f.category().status()).putHeader("Content-Type", CONTENT_TYPE).end(body.encode());
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
      String msg = invalid.getMessage() == null ? "" : invalid.getMessage();
      // The contract types the job id as a uuid; say so with the same code the handlers use.
      return msg.contains("path parameter id")
          ? Failure.of(ErrorCode.INVALID_ID, "The job id is not a valid UUID.")
          : Failure.of(ErrorCode.BAD_REQUEST, msg);
    }
    int code = t instanceof HttpException he ? he.getStatusCode() : status;
    return switch (code) {
      // Only vertx-web's own HttpException carries a message meant for clients; anything else here is
      // a body decoder's failure, whose message names internals (a multipart part with no name is a
      // NullPointerException about "nameAttribute").
      case 400 -> Failure.of(ErrorCode.BAD_REQUEST, t instanceof HttpException ? t.getMessage()
          : t != null ? "The request body is malformed." : null);
      case 401 -> Failure.of(ErrorCode.UNAUTHORIZED, null);
      case 404 -> Failure.of(ErrorCode.NOT_FOUND, "Nothing here.");
      case 405 -> new Failure(ErrorCode.BAD_REQUEST, "method_not_allowed", "This method is not allowed here.");
      case 413 -> Failure.of(ErrorCode.PAYLOAD_TOO_LARGE, null);
      case 415 -> Failure.of(ErrorCode.NOT_A_SPREADSHEET, null);
      case 429 -> Failure.of(ErrorCode.RATE_LIMITED, null);
      case 503 -> Failure.of(ErrorCode.SERVICE_UNAVAILABLE, null);
      default -> Failure.of(ErrorCode.INTERNAL_ERROR, null);
    };
  }
}
