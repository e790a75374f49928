package com.ghldata.bus;

/** Every event-bus address of the application, in one place. */
public final class Addresses {
  private Addresses() {}

  // Requests to the job store (JobStoreVerticle).
  public static final String JOBS_CREATE = "jobs.create";
  public static final String JOBS_GET = "jobs.get";
  public static final String JOBS_LIST = "jobs.list";
  public static final String JOBS_DELETE = "jobs.delete";
  public static final String JOBS_RETRY = "jobs.retry";
  /** A finished job's preview or report. */
  public static final String JOBS_RESULT = "jobs.result";
  /** A stored file's size and chunk count (a user's finished job's output or rejects). */
  public static final String JOBS_FILE_INFO = "jobs.file.info";
  /** One chunk of a stored file ({@link FileChunk}); the reply's body is the chunk. */
  public static final String JOBS_FILE_READ = "jobs.file.read";
  /** Stores one chunk ({@link FileChunk} in the META header, the chunk as the body). */
  public static final String JOBS_FILE_WRITE = "jobs.file.write";
  /** An upload whose chunks are all stored: the job is queued. */
  public static final String JOBS_UPLOAD_FINISH = "jobs.upload.finish";
  /** An upload that will not be finished: its job and chunks are deleted. */
  public static final String JOBS_UPLOAD_ABORT = "jobs.upload.abort";
  public static final String JOBS_PING = "jobs.ping";
  public static final String JOBS_DEBUG = "jobs.debug";

  // Accounts (AccountsVerticle): register, check a password, look a user up.
  public static final String ACCOUNTS_REGISTER = "accounts.register";
  public static final String ACCOUNTS_LOGIN = "accounts.login";
  public static final String ACCOUNTS_GET = "accounts.get";
  /** A reset link for an email: answers {email, token} when the account exists, {} when not. */
  public static final String ACCOUNTS_RESET_REQUEST = "accounts.reset.request";
  /** A reset link's token and the new password: sets it, burns the token, answers {id}. */
  public static final String ACCOUNTS_RESET_CONFIRM = "accounts.reset.confirm";

  // The pull queue, between the store and the conversion workers.
  public static final String JOBS_CLAIM = "jobs.claim";
  public static final String JOBS_PROGRESS = "jobs.progress";
  public static final String JOBS_COMPLETE = "jobs.complete";
  public static final String JOBS_FAIL = "jobs.fail";
  /** {id, node}: a stopping worker hands its job back to the queue, the attempt not counted. */
  public static final String JOBS_RELEASE = "jobs.release";

  /** Published when work is queued, so idle workers pull at once instead of at their next poll. */
  public static final String JOBS_AVAILABLE = "jobs.available";
  /** Published on every change of a job (progress, status): the body is the job's JSON. */
  public static final String JOBS_EVENTS = "jobs.events";
  /** Published by every worker node every few seconds (and once as it leaves): {node, leaving}. */
  public static final String WORKERS_HEARTBEAT = "workers.heartbeat";

  // CPU work served by the conversion workers.
  /** Checks an upload (a file on this node's disk) is a usable spreadsheet before it is stored. */
  public static final String CONVERSION_INSPECT = "conversion.inspect";
  /** Splits a finished job's GHL CSV into a ZIP of parts, streamed in chunks to a reply address. */
  public static final String CONVERSION_SPLIT = "conversion.split";
  /** Renders a finished job's file for a spreadsheet (BOM, language), streamed like a split. */
  public static final String CONVERSION_RENDER = "conversion.render";
  /** One page of a finished job's issues list, filtered by reason. */
  public static final String CONVERSION_ISSUES = "conversion.issues";
}
