package com.ghldata.bus;

import io.vertx.core.eventbus.ReplyException;
import java.util.Arrays;

/**
 * Failures that cross the event bus and reach HTTP clients. The bus carries the ordinal-free
 * failure code {@link #failureCode()}; the HTTP status and the stable problem+json {@code code}
 * are decided here, in one place.
 */
public enum ErrorCode {
  BAD_REQUEST(400, "bad_request", "The request is not valid."),
  INVALID_ID(400, "invalid_id", "The job id is not a valid UUID."),
  UNAUTHORIZED(401, "unauthorized", "Sign in first."),
  FORBIDDEN(403, "forbidden", "This request is not allowed."),
  NOT_FOUND(404, "not_found", "No such job."),
  JOB_NOT_READY(409, "job_not_ready", "The job has not finished yet."),
  JOB_NOT_FAILED(409, "job_not_failed", "Only a failed job can be retried."),
  RETRY_WONT_HELP(409, "retry_wont_help", "The job failed because of the file itself; running it again would fail the same way."),
  /** On the bus only: the worker asking no longer holds the job (its lease passed, or it was deleted). */
  JOB_LOST(409, "job_lost", "This worker no longer holds the job."),
  UPLOAD_INCOMPLETE(400, "upload_incomplete", "The upload did not arrive whole; send it again."),
  EMAIL_TAKEN(409, "email_taken", "An account with this email already exists."),
  /** A password-reset link that is unknown, already used or expired. */
  RESET_TOKEN_INVALID(400, "reset_token_invalid", "This password reset link is invalid, used or expired."),
  URI_TOO_LONG(414, "uri_too_long", "The request line is too long."),
  HEADERS_TOO_LARGE(431, "headers_too_large", "The request headers are too large."),
  PAYLOAD_TOO_LARGE(413, "payload_too_large", "The request is larger than this endpoint accepts."),
  NOT_A_SPREADSHEET(415, "not_a_spreadsheet", "The file is not a spreadsheet (XLSX, XLS or CSV)."),
  UNUSABLE_FILE(422, "unusable_file", "The spreadsheet cannot be converted."),
  RATE_LIMITED(429, "rate_limited", "Too many requests; try again later."),
  INTERNAL_ERROR(500, "internal_error", "Something went wrong on our side."),
  SERVICE_UNAVAILABLE(503, "service_unavailable", "A service the app depends on is unavailable.");

  private final int status;
  private final String code;
  private final String title;

  ErrorCode(int status, String code, String title) {
    this.status = status;
    this.code = code;
    this.title = title;
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

  /** The failure code a bus reply carries: the HTTP status, stable across versions and nodes. */
  public int failureCode() {
    return status;
  }

  /**
   * Reads a bus failure. The message of a ReplyException is "code|detail" so that the specific
   * code (e.g. the engine's no_recognisable_column) travels with the general category.
   */
  public static Failure of(Throwable t) {
    if (t instanceof ReplyException re && re.failureCode() > 0) {
      String msg = re.getMessage() == null ? "" : re.getMessage();
      int bar = msg.indexOf('|');
      String code = bar > 0 ? msg.substring(0, bar) : null;
      String detail = bar > 0 ? msg.substring(bar + 1) : msg;
      // The specific code names its own category when it is one of ours (two share 409).
      ErrorCode category = Arrays.stream(values()).filter(e -> e.code.equals(code) && e.status == re.failureCode())
          .findFirst()
          .orElseGet(() -> Arrays.stream(values()).filter(e -> e.status == re.failureCode()).findFirst()
              .orElse(INTERNAL_ERROR));
      return new Failure(category, code == null ? category.code : code, detail.isEmpty() ? category.title : detail);
    }
    if (t instanceof ReplyException re) {
      // NO_HANDLERS or TIMEOUT: the part of the system that should answer is not there.
      return new Failure(SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE.code, "The job service did not answer ("
          + re.failureType().name().toLowerCase() + ").");
    }
    if (t instanceof Failure.Carrier c) {
      return c.failure();
    }
    return new Failure(INTERNAL_ERROR, INTERNAL_ERROR.code, INTERNAL_ERROR.title);
  }

  /** The message to fail a bus reply with. */
  public String replyMessage(String specificCode, String detail) {
    return (specificCode == null ? code : specificCode) + "|" + (detail == null ? title : detail);
  }

  public String replyMessage(String detail) {
    return replyMessage(null, detail);
  }

  /** A failure on its way to the client: category (HTTP status), specific code, detail for the user. */
  public record Failure(ErrorCode category, String code, String detail) {
    /** An exception carrying a failure through futures and rc.fail(...). */
    public static final class Carrier extends RuntimeException {
      private final Failure failure;

      public Carrier(Failure failure) {
        super(failure.code + ": " + failure.detail, null, false, false);
        this.failure = failure;
      }

      public Failure failure() {
        return failure;
      }
    }

    public Carrier exception() {
      return new Carrier(this);
    }

    public static Failure of(ErrorCode category, String detail) {
      return new Failure(category, category.code, detail == null ? category.title : detail);
    }
  }
}
