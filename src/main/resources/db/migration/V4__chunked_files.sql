-- Files in chunks of at most 1 MiB (one row each), so that no step of a job holds a whole file:
-- uploads arrive, workers read and write, and downloads stream chunk by chunk. Chunks are plain
-- rows: pg_dump backs them up with everything else, and deleting a job deletes them (cascade);
-- large objects would need lo_unlink on every delete and vacuumlo for what a crash leaves behind.
CREATE TABLE job_file_chunks (
  job_id     uuid    NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  kind       text    NOT NULL CHECK (kind IN ('upload', 'output', 'rejects')),
  seq        integer NOT NULL CHECK (seq >= 0),
  content    bytea   NOT NULL,
  size_bytes integer NOT NULL,
  PRIMARY KEY (job_id, kind, seq)
);
-- Stored as written, not compressed by PostgreSQL: pglz on every 1 MiB chunk costs more CPU than
-- the job's conversion (workbooks are ZIPs already); pg_dump's own formats compress a backup.
ALTER TABLE job_file_chunks ALTER COLUMN content SET STORAGE EXTERNAL;

INSERT INTO job_file_chunks (job_id, kind, seq, content, size_bytes)
SELECT f.job_id, f.kind, s.i, substring(f.content FROM s.i * 1048576 + 1 FOR 1048576),
       length(substring(f.content FROM s.i * 1048576 + 1 FOR 1048576))
FROM job_files f
CROSS JOIN LATERAL generate_series(0, (length(f.content) - 1) / 1048576) AS s(i)
WHERE length(f.content) > 0;

DROP TABLE job_files;
ALTER TABLE job_file_chunks RENAME TO job_files;
ALTER TABLE job_files RENAME CONSTRAINT job_file_chunks_pkey TO job_files_pkey;

-- A large upload is stored chunk by chunk before its job is queued: 'receiving' until then,
-- invisible to its user, and swept away if the upload is never finished.
ALTER TABLE jobs DROP CONSTRAINT jobs_status_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_status_check
  CHECK (status IN ('receiving', 'queued', 'processing', 'done', 'failed'));
CREATE INDEX jobs_receiving_idx ON jobs (created_at) WHERE status = 'receiving';
