package com.ghldata.jobs;

/** Every SQL statement of the job store; $n prepared statements only. */
final class JobSql {
  private JobSql() {}

  static final String JOB_COLUMNS = "id, user_id, status, filename_original, size_bytes, options, attempts, progress, "
      + "error_code, error_message, report, created_at, updated_at, started_at, finished_at";

  static final String INSERT_JOB = "INSERT INTO jobs (id, user_id, status, filename_original, size_bytes, sha256, options) "
      + "VALUES ($1, $2, 'queued', $3, $4, $5, $6) RETURNING " + JOB_COLUMNS;

  static final String INSERT_FILE = "INSERT INTO job_files (job_id, kind, content, size_bytes) VALUES ($1, $2, $3, $4) "
      + "ON CONFLICT (job_id, kind) DO UPDATE SET content = EXCLUDED.content, size_bytes = EXCLUDED.size_bytes";

  static final String GET_JOB = "SELECT " + JOB_COLUMNS + " FROM jobs WHERE id = $1 AND user_id = $2";

  static final String GET_JOB_BY_ID = "SELECT " + JOB_COLUMNS + " FROM jobs WHERE id = $1";

  static final String LIST_JOBS = "SELECT " + JOB_COLUMNS + ", count(*) OVER () AS total FROM jobs "
      + "WHERE user_id = $1 AND ($2::text IS NULL OR status = $2) "
      + "ORDER BY created_at DESC, id LIMIT $3 OFFSET $4";

  static final String COUNT_JOBS = "SELECT count(*) FROM jobs WHERE user_id = $1 "
      + "AND ($2::text IS NULL OR status = $2)";

  static final String DELETE_JOB = "DELETE FROM jobs WHERE id = $1 AND user_id = $2 RETURNING id";

  static final String RETRY_JOB = "UPDATE jobs SET status = 'queued', attempts = 0, progress = 0, error_code = NULL, "
      + "error_message = NULL, lease_until = NULL, worker_node = NULL, started_at = NULL, finished_at = NULL, "
      + "updated_at = now() WHERE id = $1 AND user_id = $2 AND status = 'failed' RETURNING " + JOB_COLUMNS;

  static final String GET_RESULT_JSON = "SELECT status, report, preview FROM jobs WHERE id = $1 AND user_id = $2";

  static final String GET_FILE = "SELECT j.status, j.filename_original, f.content FROM jobs j "
      + "LEFT JOIN job_files f ON f.job_id = j.id AND f.kind = $3 WHERE j.id = $1 AND j.user_id = $2";

  /** Jobs whose worker vanished and that have used up their attempts: failed, with a clear message. */
  static final String FAIL_EXHAUSTED = "UPDATE jobs SET status = 'failed', error_code = 'worker_lost', "
      + "error_message = 'The conversion was interrupted ' || attempts || ' times (a worker stopped); retry the job.', "
      + "finished_at = now(), updated_at = now(), lease_until = NULL "
      + "WHERE status = 'processing' AND lease_until < now() AND attempts >= $1 RETURNING " + JOB_COLUMNS;

  /** The oldest runnable job, skipping rows other workers hold: queued, or processing with an expired lease. */
  static final String CLAIM = "UPDATE jobs SET status = 'processing', attempts = attempts + 1, progress = 0, "
      + "lease_until = now() + make_interval(secs => $1), worker_node = $2, "
      + "started_at = coalesce(started_at, now()), updated_at = now() "
      + "WHERE id = (SELECT id FROM jobs WHERE (status = 'queued' OR (status = 'processing' AND lease_until < now())) "
      + "AND attempts < $3 ORDER BY created_at, id FOR UPDATE SKIP LOCKED LIMIT 1) "
      + "RETURNING id, filename_original, options, attempts";

  static final String GET_UPLOAD = "SELECT content FROM job_files WHERE job_id = $1 AND kind = 'upload'";

  static final String PROGRESS = "UPDATE jobs SET progress = $3, lease_until = now() + make_interval(secs => $4), "
      + "updated_at = now() WHERE id = $1 AND worker_node = $2 AND status = 'processing' RETURNING " + JOB_COLUMNS;

  static final String COMPLETE = "UPDATE jobs SET status = 'done', report = $3, preview = $4, progress = $5, "
      + "lease_until = NULL, finished_at = now(), updated_at = now() "
      + "WHERE id = $1 AND worker_node = $2 AND status = 'processing' RETURNING " + JOB_COLUMNS;

  static final String FAIL = "UPDATE jobs SET status = 'failed', error_code = $3, error_message = $4, lease_until = NULL, "
      + "finished_at = now(), updated_at = now() WHERE id = $1 AND worker_node = $2 AND status = 'processing' "
      + "RETURNING " + JOB_COLUMNS;

  /** A retryable failure: back to the queue unless the attempts are used up. */
  static final String REQUEUE = "UPDATE jobs SET status = CASE WHEN attempts >= $5 THEN 'failed' ELSE 'queued' END, "
      + "error_code = CASE WHEN attempts >= $5 THEN $3 END, error_message = CASE WHEN attempts >= $5 THEN $4 END, "
      + "finished_at = CASE WHEN attempts >= $5 THEN now() END, lease_until = NULL, worker_node = NULL, updated_at = now() "
      + "WHERE id = $1 AND worker_node = $2 AND status = 'processing' RETURNING " + JOB_COLUMNS;

  /** For readiness: the age in seconds of the oldest job still waiting. */
  static final String OLDEST_QUEUED_SECONDS = "SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0) "
      + "FROM jobs WHERE status = 'queued'";

  static final String DEBUG = "SELECT status, count(*) AS n FROM jobs GROUP BY status";
}
