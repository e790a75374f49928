package com.ghldata.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/** The records that travel on the job addresses, each with toJson / fromJson. */
public final class JobMessages {
  private JobMessages() {}

  /** Header that carries a message's JSON metadata when the body is binary. */
  public static final String META = "meta";

  /** jobs.create: metadata of an upload whose bytes are the message body. */
  public record NewJob(String userId, String filename, JobOptions options) {
    public JsonObject toJson() {
      return new JsonObject().put("user_id", userId).put("filename", filename).put("options", options.toJson());
    }

    public static NewJob fromJson(JsonObject j) {
      return new NewJob(j.getString("user_id"), j.getString("filename"), JobOptions.fromJson(j.getJsonObject("options")));
    }
  }

  /** jobs.get, jobs.delete, jobs.retry, jobs.result: one job of one user (kind only for results). */
  public record JobRef(String id, String userId, String kind) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("user_id", userId).put("kind", kind);
    }

    public static JobRef fromJson(JsonObject j) {
      return new JobRef(j.getString("id"), j.getString("user_id"), j.getString("kind"));
    }
  }

  /** jobs.list: a page of a user's jobs, newest first. */
  public record JobListQuery(String userId, int limit, int offset, String status) {
    public JsonObject toJson() {
      return new JsonObject().put("user_id", userId).put("limit", limit).put("offset", offset).put("status", status);
    }

    public static JobListQuery fromJson(JsonObject j) {
      return new JobListQuery(j.getString("user_id"), j.getInteger("limit", 20), j.getInteger("offset", 0),
          j.getString("status"));
    }
  }

  /** jobs.claim reply metadata; the upload's bytes are the body. */
  public record ClaimedJob(String id, String filename, JobOptions options, int attempts) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("filename", filename).put("options", options.toJson())
          .put("attempts", attempts);
    }

    public static ClaimedJob fromJson(JsonObject j) {
      return new ClaimedJob(j.getString("id"), j.getString("filename"), JobOptions.fromJson(j.getJsonObject("options")),
          j.getInteger("attempts", 1));
    }
  }

  /** jobs.progress: rows read so far; also renews the worker's lease. */
  public record JobProgress(String id, String node, long rows) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("node", node).put("rows", rows);
    }

    public static JobProgress fromJson(JsonObject j) {
      return new JobProgress(j.getString("id"), j.getString("node"), j.getLong("rows", 0L));
    }
  }

  /** jobs.complete metadata; the body is {@link #pack(Buffer, Buffer)} of output and rejects. */
  public record JobCompletion(String id, String node, JsonObject report, JsonObject preview) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("node", node).put("report", report).put("preview", preview);
    }

    public static JobCompletion fromJson(JsonObject j) {
      return new JobCompletion(j.getString("id"), j.getString("node"), j.getJsonObject("report"),
          j.getJsonObject("preview"));
    }
  }

  /** jobs.fail: a conversion that did not finish; retryable ones go back to the queue. */
  public record JobFailure(String id, String node, String code, String message, boolean retryable) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("node", node).put("code", code).put("message", message)
          .put("retryable", retryable);
    }

    public static JobFailure fromJson(JsonObject j) {
      return new JobFailure(j.getString("id"), j.getString("node"), j.getString("code"), j.getString("message"),
          j.getBoolean("retryable", false));
    }
  }

  /** Two binaries in one body: a 4-byte length of the first, the first, the second. */
  public static Buffer pack(Buffer first, Buffer second) {
    return Buffer.buffer(4 + first.length() + second.length()).appendInt(first.length()).appendBuffer(first)
        .appendBuffer(second);
  }

  public static Buffer[] unpack(Buffer body) {
    int n = body.getInt(0);
    return new Buffer[] {body.slice(4, 4 + n), body.slice(4 + n, body.length())};
  }
}
