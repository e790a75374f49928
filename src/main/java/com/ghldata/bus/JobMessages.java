package com.ghldata.bus;

import io.vertx.core.json.JsonObject;

/** The records that travel on the job addresses, each with toJson / fromJson. */
public final class JobMessages {
  private JobMessages() {}

  /** Header that carries a message's JSON metadata when the body is binary. */
  public static final String META = "meta";

  /**
   * jobs.create: metadata of an upload of {@code sizeBytes}. A file of one chunk comes whole as the
   * body, with its {@code sha256}, and is queued at once; a larger one comes with no body, is stored
   * as 'receiving' and is sent with jobs.file.write, then jobs.upload.finish.
   */
  public record NewJob(String userId, String filename, JobOptions options, long sizeBytes, String sha256) {
    public JsonObject toJson() {
      return new JsonObject().put("user_id", userId).put("filename", filename).put("options", options.toJson())
          .put("size_bytes", sizeBytes).put("sha256", sha256);
    }

    public static NewJob fromJson(JsonObject j) {
      return new NewJob(j.getString("user_id"), j.getString("filename"), JobOptions.fromJson(j.getJsonObject("options")),
          j.getLong("size_bytes", 0L), j.getString("sha256"));
    }
  }

  /** jobs.upload.finish: every chunk of the upload is stored; the store checks the size adds up. */
  public record UploadDone(String id, long sizeBytes, String sha256) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("size_bytes", sizeBytes).put("sha256", sha256);
    }

    public static UploadDone fromJson(JsonObject j) {
      return new UploadDone(j.getString("id"), j.getLong("size_bytes", -1L), j.getString("sha256"));
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

  /**
   * jobs.claim reply (null when nothing is runnable): the job, how its upload is stored (read it
   * with jobs.file.read), and whether other jobs are waiting (a lone job may use every core). An
   * upload of one chunk comes inline ({@code upload}, else null), so a small job costs no read. The
   * job's user travels for the worker's log lines only; the lease's length, so that the worker knows
   * how long it may keep trying to store its result while the database is away.
   */
  public record ClaimedJob(String id, String userId, String filename, JobOptions options, int attempts,
      int uploadChunks, long uploadBytes, boolean moreQueued, byte[] upload, int leaseSeconds) {
    /** What a store of an older release, which does not say, leases a job for (its default). */
    static final int DEFAULT_LEASE_SECONDS = 120;

    public JsonObject toJson() {
      JsonObject j = new JsonObject().put("id", id).put("user_id", userId).put("filename", filename)
          .put("options", options.toJson())
          .put("attempts", attempts).put("upload_chunks", uploadChunks).put("upload_bytes", uploadBytes)
          .put("more_queued", moreQueued).put("lease_seconds", leaseSeconds);
      return upload == null ? j : j.put("upload", upload);
    }

    public static ClaimedJob fromJson(JsonObject j) {
      return new ClaimedJob(j.getString("id"), j.getString("user_id"), j.getString("filename"),
          JobOptions.fromJson(j.getJsonObject("options")),
          j.getInteger("attempts", 1), j.getInteger("upload_chunks", 0), j.getLong("upload_bytes", 0L),
          j.getBoolean("more_queued", false), j.containsKey("upload") ? j.getBinary("upload") : null,
          j.getInteger("lease_seconds", DEFAULT_LEASE_SECONDS));
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

  /**
   * jobs.complete: the conversion's report and preview, and how many chunks of output, rejects and
   * issues the worker stored (with jobs.file.write), which the store checks before the job is done.
   */
  public record JobCompletion(String id, String node, JsonObject report, JsonObject preview, int outputChunks,
      int rejectsChunks, int issuesChunks) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("node", node).put("report", report).put("preview", preview)
          .put("output_chunks", outputChunks).put("rejects_chunks", rejectsChunks).put("issues_chunks", issuesChunks);
    }

    /** A worker of an older release writes no issues file: none is expected of it. */
    public static JobCompletion fromJson(JsonObject j) {
      return new JobCompletion(j.getString("id"), j.getString("node"), j.getJsonObject("report"),
          j.getJsonObject("preview"), j.getInteger("output_chunks", -1), j.getInteger("rejects_chunks", -1),
          j.getInteger("issues_chunks", 0));
    }
  }

  /**
   * jobs.fail: a conversion that did not finish; retryable ones go back to the queue. The code, the
   * variant of its message and the parameters are kept, so the message can be worded per reader;
   * {@code message} is the English sentence.
   */
  public record JobFailure(String id, String node, String code, String variant, JsonObject params, String message,
      boolean retryable) {
    public JobFailure(String id, String node, String code, String message, boolean retryable) {
      this(id, node, code, null, new JsonObject(), message, retryable);
    }

    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("node", node).put("code", code).put("variant", variant)
          .put("params", params).put("message", message).put("retryable", retryable);
    }

    public static JobFailure fromJson(JsonObject j) {
      return new JobFailure(j.getString("id"), j.getString("node"), j.getString("code"), j.getString("variant"),
          j.getJsonObject("params", new JsonObject()), j.getString("message"), j.getBoolean("retryable", false));
    }
  }
}
