package com.ghldata.bus;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Failures that cross the event bus and reach HTTP clients. The bus carries the ordinal-free
 * failure code {@link #failureCode()}; the HTTP status and the stable problem+json {@code code}
 * are decided here, in one place.
 *
 * <p>Adding a code: a constant here, then a {@code title.<code>} and {@code detail.<code>} line in
 * each catalogue under webroot/i18n (MessageCatalogueTest fails until every language has them). The
 * English text here is what logs and the bus say; people read the catalogue's, in their language.
 */
public enum ErrorCode {
  BAD_REQUEST(400, "bad_request", "The request is not valid.", "credentials_body", "malformed_body", "not_http",
      "upload_cut_short", "one_file", "status_filter", "whole_number", "country", "text", "invalid_parameter",
      "missing_parameter", "invalid_body"),
  INVALID_ID(400, "invalid_id", "The job id is not a valid UUID."),
  INVALID_EMAIL(400, "invalid_email", "Enter a valid email address."),
  WEAK_PASSWORD(400, "weak_password", "The password is too weak.", "is_email"),
  UNAUTHORIZED(401, "unauthorized", "Sign in first.", "signed_out", "metrics_token"),
  INVALID_CREDENTIALS(401, "invalid_credentials", "Wrong email or password."),
  FORBIDDEN(403, "forbidden", "This request is not allowed.", "metrics_loopback"),
  ORIGIN_NOT_ALLOWED(403, "origin_not_allowed", "Requests from this origin are not allowed."),
  NOT_FOUND(404, "not_found", "No such job.", "route", "user"),
  METHOD_NOT_ALLOWED(405, "method_not_allowed", "This method is not allowed here."),
  JOB_NOT_READY(409, "job_not_ready", "The job has not finished yet.", "queued", "processing", "failed", "receiving"),
  JOB_NOT_FAILED(409, "job_not_failed", "Only a failed job can be retried.", "queued", "processing", "done",
      "receiving"),
  RETRY_WONT_HELP(409, "retry_wont_help", "The job failed because of the file itself; running it again would fail the same way."),
  /** On the bus only: the worker asking no longer holds the job (its lease passed, or it was deleted). */
  JOB_LOST(409, "job_lost", "This worker no longer holds the job."),
  UPLOAD_INCOMPLETE(400, "upload_incomplete", "The upload did not arrive whole; send it again."),
  EMAIL_TAKEN(409, "email_taken", "An account with this email already exists."),
  /** A password-reset link that is unknown, already used or expired. */
  RESET_TOKEN_INVALID(400, "reset_token_invalid", "This password reset link is invalid, used or expired."),
  URI_TOO_LONG(414, "uri_too_long", "The request line is too long."),
  HEADERS_TOO_LARGE(431, "headers_too_large", "The request headers are too large."),
  PAYLOAD_TOO_LARGE(413, "payload_too_large", "The request is larger than this endpoint accepts.", "upload"),
  NOT_A_SPREADSHEET(415, "not_a_spreadsheet", "The file is not a spreadsheet (XLSX, XLS or CSV)."),
  UNUSABLE_FILE(422, "unusable_file", "The spreadsheet cannot be converted."),
  RATE_LIMITED(429, "rate_limited", "Too many requests; try again later.", "retry_after"),
  INTERNAL_ERROR(500, "internal_error", "Something went wrong on our side.", "conversion"),
  SERVICE_UNAVAILABLE(503, "service_unavailable", "A service the app depends on is unavailable.", "no_answer",
      "transfer"),
  /**
   * The job store's database (jobs and accounts) is unreachable: a refused or dropped connection, a
   * pool that waited too long, a server shutting down. Answered with Retry-After.
   */
  STORE_UNAVAILABLE(503, "store_unavailable", "The database is unavailable; try again shortly.", "files"),
  /** A job's failure only (error.code): its worker stopped too often. */
  WORKER_LOST(503, "worker_lost", "The conversion was interrupted too often."),
  /** A job's failure only (error.code): its result did not arrive whole. */
  INCOMPLETE_RESULT(503, "incomplete_result", "The conversion's result did not arrive whole."),
  /** On the bus only: a download whose client went away. */
  DOWNLOAD_CANCELLED(400, "download_cancelled", "The download was cancelled.");

  /** Members of a problem+json document that a parameter must not shadow. */
  public static final Set<String> RESERVED_MEMBERS = Set.of("type", "title", "status", "detail", "instance", "code",
      "variant", "message");

  private final int status;
  private final String code;
  private final String title;
  private final List<String> variants;

  ErrorCode(int status, String code, String title, String... variants) {
    this.status = status;
    this.code = code;
    this.title = title;
    this.variants = List.of(variants);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  /** The named variants of this code's message, beside its own (catalogue keys detail.code.variant). */
  public List<String> variants() {
    return variants;
  }

  /** The failure code a bus reply carries: the HTTP status, stable across versions and nodes. */
  public int failureCode() {
    return status;
  }

  /**
   * Reads a bus failure. The message of a ReplyException is the JSON of {@link #replyMessage} so
   * that the specific code (e.g. the engine's no_recognisable_column), its variant and parameters
   * travel with the general category; a plain "code|detail" is still read.
   */
  public static Failure of(Throwable t) {
    if (t instanceof ReplyException re && re.failureCode() > 0) {
      String msg = re.getMessage() == null ? "" : re.getMessage();
      String code = null;
      String variant = null;
      Map<String, Object> params = Map.of();
      String detail = msg;
      JsonObject j = msg.startsWith("{") ? json(msg) : null;
      if (j != null) {
        code = j.getString("code");
        variant = j.getString("variant");
        params = j.getJsonObject("params", new JsonObject()).getMap();
        detail = j.getString("detail", "");
      } else {
        int bar = msg.indexOf('|');
        code = bar > 0 ? msg.substring(0, bar) : null;
        detail = bar > 0 ? msg.substring(bar + 1) : msg;
      }
      String specific = code;
      // The specific code names its own category when it is one of ours (two share 409).
      ErrorCode category = Arrays.stream(values()).filter(e -> e.code.equals(specific) && e.status == re.failureCode())
          .findFirst()
          .orElseGet(() -> Arrays.stream(values()).filter(e -> e.status == re.failureCode()).findFirst()
              .orElse(INTERNAL_ERROR));
      return new Failure(category, code == null ? category.code : code, variant, params,
          detail.isEmpty() ? category.title : detail);
    }
    if (t instanceof ReplyException re) {
      // NO_HANDLERS or TIMEOUT: the part of the system that should answer is not there.
      return new Failure(SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE.code, "no_answer",
          Map.of("reason", re.failureType().name().toLowerCase()), "The job service did not answer ("
          + re.failureType().name().toLowerCase() + ").");
    }
    if (t instanceof Failure.Carrier c) {
      return c.failure();
    }
    return new Failure(INTERNAL_ERROR, INTERNAL_ERROR.code, INTERNAL_ERROR.title);
  }

  private static JsonObject json(String msg) {
    try {
      return new JsonObject(msg);
    } catch (DecodeException notJson) {
      return null;
    }
  }

  /** The message to fail a bus reply with. */
  public String replyMessage(String specificCode, String detail) {
    return replyMessage(specificCode, null, Map.of(), detail);
  }

  public String replyMessage(String detail) {
    return replyMessage(null, detail);
  }

  /** The message to fail a bus reply with, parameters and all; {@link #of} reads it. */
  public String replyMessage(String specificCode, String variant, Map<String, ?> params, String detail) {
    return new JsonObject().put("code", specificCode == null ? code : specificCode).put("variant", variant)
        .put("params", new JsonObject(new LinkedHashMap<>(params))).put("detail", detail == null ? title : detail)
        .encode();
  }

  /**
   * A failure on its way to the client: category (HTTP status), specific code, the variant of its
   * message (null for the code's own), the message's parameters, and an English detail for logs
   * and clients that ask for no language.
   */
  public record Failure(ErrorCode category, String code, String variant, Map<String, Object> params, String detail) {
    public Failure {
      params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
      for (String name : params.keySet()) {
        if (RESERVED_MEMBERS.contains(name)) {
          throw new IllegalArgumentException("parameter " + name + " would hide the problem's own member");
        }
      }
    }

    public Failure(ErrorCode category, String code, String detail) {
      this(category, code, null, Map.of(), detail);
    }

    /** An exception carrying a failure through futures and rc.fail(...). */
    public static final class Carrier extends RuntimeException {
      private final Failure failure;

      public Carrier(Failure failure) {
        super(failure.code + (failure.variant == null ? "" : "." + failure.variant) + ": " + failure.detail
            + (failure.params.isEmpty() ? "" : " " + failure.params), null, false, false);
        this.failure = failure;
      }

      public Failure failure() {
        return failure;
      }
    }

    public Carrier exception() {
      return new Carrier(this);
    }

    /** The message key of the catalogues: the code, or code.variant. */
    public String messageKey() {
      return variant == null ? code : code + "." + variant;
    }

    public static Failure of(ErrorCode category, String detail) {
      return new Failure(category, category.code, detail == null ? category.title : detail);
    }

    /** The code's own failure, with the parameters its message names. */
    public static Failure with(ErrorCode code, Map<String, ?> params) {
      return with(code, null, params);
    }

    /** A variant of the code's message (catalogue key code.variant) with its parameters. */
    public static Failure with(ErrorCode code, String variant, Map<String, ?> params) {
      if (variant != null && !code.variants.contains(variant)) {
        throw new IllegalArgumentException(code.code + " has no message variant " + variant + "; declare it in ErrorCode");
      }
      return new Failure(code, code.code, variant, new LinkedHashMap<>(params), code.title);
    }
  }
}
