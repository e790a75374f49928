package com.ghldata.jobs;

/** Every SQL statement of the job store; $n prepared statements only. */
final class JobSql {
  private JobSql() {}

  static final String JOB_COLUMNS = "id, user_id, status, filename_original, size_bytes, options, attempts, progress, "
      + "error_code, error_message, error_variant, error_params, retry_helps, report, created_at, updated_at, started_at, "
      + "finished_at";

  /** A job whose upload came whole (one chunk): queued at once, in one transaction with its chunk. */
  static final String INSERT_JOB = "INSERT INTO jobs (id, user_id, status, filename_original, size_bytes, sha256, options) "
      + "VALUES ($1, $2, $7, $3, $4, $5, $6) RETURNING " + JOB_COLUMNS;

  /** A chunk row holds its content, or (STORAGE=s3) the key of the object that does. */
  static final String INSERT_UPLOAD_CHUNK = "INSERT INTO job_files (job_id, kind, seq, content, size_bytes, object_key) "
      + "VALUES ($1, 'upload', $2, $3, $4, $5)";

  /** A chunk of a large upload, only while its job is still receiving (not after an abort or the sweep). */
  static final String WRITE_UPLOAD_CHUNK = "WITH old AS (SELECT object_key FROM job_files WHERE job_id = $1 "
      + "AND kind = 'upload' AND seq = $2), written AS ("
      + "INSERT INTO job_files (job_id, kind, seq, content, size_bytes, object_key) "
      + "SELECT id, 'upload', $2, $3, $4, $5 FROM jobs WHERE id = $1 AND status = 'receiving' FOR SHARE "
      + "ON CONFLICT (job_id, kind, seq) DO UPDATE SET content = EXCLUDED.content, size_bytes = EXCLUDED.size_bytes, "
      + "object_key = EXCLUDED.object_key RETURNING 1) "
      + "SELECT (SELECT object_key FROM old) AS replaced_key FROM written";

  /**
   * A chunk of a result, only from the worker holding the job. FOR SHARE waits for a claim of the
   * same job that is under way, then sees its new worker_node: a worker whose lease passed writes nothing.
   */
  static final String WRITE_RESULT_CHUNK = "WITH old AS (SELECT object_key FROM job_files WHERE job_id = $1 "
      + "AND kind = $2 AND seq = $3), written AS ("
      + "INSERT INTO job_files (job_id, kind, seq, content, size_bytes, object_key) "
      + "SELECT id, $2, $3, $4, $5, $7 FROM jobs WHERE id = $1 AND worker_node = $6 AND status = 'processing' FOR SHARE "
      + "ON CONFLICT (job_id, kind, seq) DO UPDATE SET content = EXCLUDED.content, size_bytes = EXCLUDED.size_bytes, "
      + "object_key = EXCLUDED.object_key RETURNING 1) "
      + "SELECT (SELECT object_key FROM old) AS replaced_key FROM written";

  /** The upload is whole when its chunks add up to the size announced: then it is queued. */
  static final String FINISH_UPLOAD = "UPDATE jobs SET status = 'queued', sha256 = $3, created_at = now(), "
      + "updated_at = now() WHERE id = $1 AND status = 'receiving' AND size_bytes = $2 "
      + "AND (SELECT coalesce(sum(size_bytes), 0) FROM job_files WHERE job_id = $1 AND kind = 'upload') = $2 "
      + "RETURNING " + JOB_COLUMNS;

  static final String ABORT_UPLOAD = "DELETE FROM jobs WHERE id = $1 AND status = 'receiving'";

  /** Uploads never finished (their HTTP node stopped half way): gone with their chunks. */
  static final String SWEEP_RECEIVING = "DELETE FROM jobs WHERE status = 'receiving' "
      + "AND created_at < now() - make_interval(secs => $1) RETURNING id";

  static final String GET_JOB = "SELECT " + JOB_COLUMNS + " FROM jobs WHERE id = $1 AND user_id = $2 "
      + "AND status <> 'receiving'";

  static final String GET_JOB_BY_ID = "SELECT " + JOB_COLUMNS + " FROM jobs WHERE id = $1";

  static final String LIST_JOBS = "SELECT " + JOB_COLUMNS + ", count(*) OVER () AS total FROM jobs "
      + "WHERE user_id = $1 AND status <> 'receiving' AND ($2::text IS NULL OR status = $2) "
      + "ORDER BY created_at DESC, id LIMIT $3 OFFSET $4";

  static final String COUNT_JOBS = "SELECT count(*) FROM jobs WHERE user_id = $1 AND status <> 'receiving' "
      + "AND ($2::text IS NULL OR status = $2)";

  static final String DELETE_JOB = "DELETE FROM jobs WHERE id = $1 AND user_id = $2 AND status <> 'receiving' "
      + "RETURNING id";

  /** A failed job goes back to the queue; what its last attempt left of a result goes. */
  static final String RETRY_JOB = "WITH retried AS (UPDATE jobs SET status = 'queued', attempts = 0, progress = 0, "
      + "error_code = NULL, error_message = NULL, error_variant = NULL, error_params = NULL, lease_until = NULL, "
      + "worker_node = NULL, started_at = NULL, retry_helps = NULL, finished_at = NULL, updated_at = now() "
      + "WHERE id = $1 AND user_id = $2 AND status = 'failed' AND retry_helps IS NOT FALSE "
      + "RETURNING " + JOB_COLUMNS + "), "
      + "cleared AS (DELETE FROM job_files f USING retried r WHERE f.job_id = r.id AND f.kind <> 'upload' "
      + "RETURNING f.object_key) SELECT *, (SELECT array_agg(object_key) FROM cleared) AS cleared_keys FROM retried";

  static final String GET_RESULT_JSON = "SELECT status, report, preview FROM jobs WHERE id = $1 AND user_id = $2 "
      + "AND status <> 'receiving'";

  /** A user's file: the job's state, its name, and the file's chunks and bytes. */
  static final String FILE_INFO = "SELECT j.status, j.filename_original, count(f.seq) AS chunks, "
      + "coalesce(sum(f.size_bytes), 0) AS size FROM jobs j "
      + "LEFT JOIN job_files f ON f.job_id = j.id AND f.kind = $3 "
      + "WHERE j.id = $1 AND j.user_id = $2 AND j.status <> 'receiving' GROUP BY j.id";

  /** A chunk for the job's user: results once done, the upload any time. */
  static final String READ_CHUNK_FOR_USER = "SELECT f.content, f.object_key FROM job_files f "
      + "JOIN jobs j ON j.id = f.job_id WHERE f.job_id = $1 AND f.kind = $2 AND f.seq = $3 AND j.user_id = $4 "
      + "AND (j.status = 'done' OR f.kind = 'upload')";

  /** A chunk of the upload for the worker holding the job. */
  static final String READ_CHUNK_FOR_WORKER = "SELECT f.content, f.object_key FROM job_files f "
      + "JOIN jobs j ON j.id = f.job_id WHERE f.job_id = $1 AND f.kind = $2 AND f.seq = $3 AND j.worker_node = $4 "
      + "AND j.status = 'processing'";

  /** Jobs whose worker vanished and that have used up their attempts: failed, with a clear message. */
  static final String FAIL_EXHAUSTED = "UPDATE jobs SET status = 'failed', error_code = 'worker_lost', retry_helps = true, "
      + "error_message = 'The conversion was interrupted ' || attempts || ' times (a worker stopped); retry the job.', "
      + "error_variant = NULL, error_params = jsonb_build_object('attempts', attempts), "
      + "finished_at = now(), updated_at = now(), lease_until = NULL "
      + "WHERE status = 'processing' AND lease_until < now() AND attempts >= $1 RETURNING " + JOB_COLUMNS;

  /**
   * The oldest runnable job of at most $4 bytes, skipping rows other workers hold: queued, or
   * processing with an expired lease. In the same statement: what an earlier attempt left of a result is deleted, the upload's
   * chunks are counted, and whether another job waits (the snapshot still shows this one queued); an
   * upload of at most $5 bytes (one chunk) comes with the reply.
   */
  static final String CLAIM = "WITH claimed AS (UPDATE jobs SET status = 'processing', attempts = attempts + 1, "
      + "progress = 0, lease_until = now() + make_interval(secs => $1), worker_node = $2, "
      + "started_at = coalesce(started_at, now()), updated_at = now() "
      + "WHERE id = (SELECT id FROM jobs WHERE (status = 'queued' OR (status = 'processing' AND lease_until < now())) "
      + "AND attempts < $3 AND size_bytes <= $4 ORDER BY created_at, id FOR UPDATE SKIP LOCKED LIMIT 1) "
      + "RETURNING id, user_id, filename_original, options, attempts, size_bytes), "
      + "cleared AS (DELETE FROM job_files f USING claimed c WHERE f.job_id = c.id AND f.kind <> 'upload' "
      + "RETURNING f.object_key) "
      + "SELECT c.id, c.user_id, c.filename_original, c.options, c.attempts, (SELECT array_agg(object_key) FROM cleared) AS cleared_keys, "
      + "(SELECT count(*) FROM job_files u WHERE u.job_id = c.id AND u.kind = 'upload') AS upload_chunks, "
      + "(SELECT coalesce(sum(u.size_bytes), 0) FROM job_files u WHERE u.job_id = c.id AND u.kind = 'upload') "
      + "AS upload_bytes, "
      + "EXISTS (SELECT 1 FROM jobs q WHERE q.status = 'queued' AND q.id <> c.id) AS more_queued, "
      + "CASE WHEN c.size_bytes <= $5 THEN (SELECT u.content FROM job_files u WHERE u.job_id = c.id "
      + "AND u.kind = 'upload' AND u.seq = 0) END AS upload_inline, "
      + "CASE WHEN c.size_bytes <= $5 THEN (SELECT u.object_key FROM job_files u WHERE u.job_id = c.id "
      + "AND u.kind = 'upload' AND u.seq = 0) END AS upload_inline_key FROM claimed c";

  static final String PROGRESS = "UPDATE jobs SET progress = $3, lease_until = now() + make_interval(secs => $4), "
      + "updated_at = now() WHERE id = $1 AND worker_node = $2 AND status = 'processing' RETURNING " + JOB_COLUMNS;

  /** Done, if the worker still holds the job and every chunk it says it wrote is stored. */
  static final String COMPLETE = "UPDATE jobs SET status = 'done', report = $3, preview = $4, progress = $5, "
      + "lease_until = NULL, finished_at = now(), updated_at = now() "
      + "WHERE id = $1 AND worker_node = $2 AND status = 'processing' "
      + "AND (SELECT count(*) FROM job_files WHERE job_id = $1 AND kind = 'output') = $6 "
      + "AND (SELECT count(*) FROM job_files WHERE job_id = $1 AND kind = 'rejects') = $7 "
      + "AND (SELECT count(*) FROM job_files WHERE job_id = $1 AND kind = 'issues') = $8 "
      + "RETURNING " + JOB_COLUMNS;

  /** Failed for good; what the attempt wrote of a result goes. */
  static final String FAIL = "WITH failed AS (UPDATE jobs SET status = 'failed', error_code = $3, error_message = $4, "
      + "error_variant = $5, error_params = $6, retry_helps = false, "
      + "lease_until = NULL, finished_at = now(), updated_at = now() "
      + "WHERE id = $1 AND worker_node = $2 AND status = 'processing' RETURNING " + JOB_COLUMNS + "), "
      + "cleared AS (DELETE FROM job_files f USING failed j WHERE f.job_id = j.id AND f.kind <> 'upload' "
      + "RETURNING f.object_key) SELECT *, (SELECT array_agg(object_key) FROM cleared) AS cleared_keys FROM failed";

  /** A retryable failure: back to the queue unless the attempts are used up. */
  static final String REQUEUE = "WITH requeued AS (UPDATE jobs SET "
      + "status = CASE WHEN attempts >= $5 THEN 'failed' ELSE 'queued' END, "
      + "error_code = CASE WHEN attempts >= $5 THEN $3 END, error_message = CASE WHEN attempts >= $5 THEN $4 END, "
      + "error_variant = CASE WHEN attempts >= $5 THEN $6 END, error_params = CASE WHEN attempts >= $5 THEN $7 END, "
      + "retry_helps = CASE WHEN attempts >= $5 THEN true END, "
      + "finished_at = CASE WHEN attempts >= $5 THEN now() END, lease_until = NULL, worker_node = NULL, updated_at = now() "
      + "WHERE id = $1 AND worker_node = $2 AND status = 'processing' RETURNING " + JOB_COLUMNS + "), "
      + "cleared AS (DELETE FROM job_files f USING requeued j WHERE f.job_id = j.id AND f.kind <> 'upload' "
      + "RETURNING f.object_key) SELECT *, (SELECT array_agg(object_key) FROM cleared) AS cleared_keys FROM requeued";

  /** Back to the queue from a worker that stops: the attempt it made does not count, what it wrote goes. */
  static final String RELEASE = "WITH released AS (UPDATE jobs SET status = 'queued', attempts = greatest(attempts - 1, 0), "
      + "progress = 0, lease_until = NULL, worker_node = NULL, started_at = NULL, updated_at = now() "
      + "WHERE id = $1 AND worker_node = $2 AND status = 'processing' RETURNING " + JOB_COLUMNS + "), "
      + "cleared AS (DELETE FROM job_files f USING released j WHERE f.job_id = j.id AND f.kind <> 'upload' "
      + "RETURNING f.object_key) SELECT *, (SELECT array_agg(object_key) FROM cleared) AS cleared_keys FROM released";

  /** For readiness: the age in seconds of the oldest job still waiting. */
  static final String OLDEST_QUEUED_SECONDS = "SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0) "
      + "FROM jobs WHERE status = 'queued'";

  /** The ghl_jobs gauge: every job by status (a scan of jobs every few seconds on one store node). */
  static final String COUNT_BY_STATUS = "SELECT status, count(*) AS n FROM jobs WHERE status <> 'receiving' GROUP BY status";

  /** /debug/db: one user's jobs by status, never anyone else's. */
  static final String DEBUG = "SELECT status, count(*) AS n FROM jobs WHERE user_id = $1 GROUP BY status";
}
