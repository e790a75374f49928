-- The issues file: every cell a conversion left out of the GHL file or changed in a way the user
-- should know (row, column, original value, reason), stored in chunks like the other results.
-- The kind check was named after the table V4 renamed: found by what it checks.
DO $$
DECLARE
  check_name text;
BEGIN
  SELECT conname INTO check_name FROM pg_constraint
  WHERE conrelid = 'job_files'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%kind%';
  EXECUTE format('ALTER TABLE job_files DROP CONSTRAINT %I', check_name);
END $$;
ALTER TABLE job_files ADD CONSTRAINT job_files_kind_check
  CHECK (kind IN ('upload', 'output', 'rejects', 'issues'));

-- Whether running a failed job again can help: not for a file the engine refused (the same bytes
-- fail the same way), yes for a worker lost or a service down. Jobs failed before this guessed by code.
ALTER TABLE jobs ADD COLUMN retry_helps boolean;
UPDATE jobs SET retry_helps = error_code IN ('worker_lost', 'internal_error', 'service_unavailable', 'incomplete_result')
WHERE status = 'failed';
