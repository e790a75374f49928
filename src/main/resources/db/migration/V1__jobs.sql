-- Jobs and their files. The jobs table is the durable work queue (DESIGN.md).
CREATE TABLE jobs (
  id                uuid PRIMARY KEY,
  user_id           uuid,
  status            text        NOT NULL CHECK (status IN ('queued', 'processing', 'done', 'failed')),
  filename_original text        NOT NULL,
  size_bytes        bigint      NOT NULL,
  sha256            text        NOT NULL,
  options           jsonb       NOT NULL DEFAULT '{}'::jsonb,
  attempts          integer     NOT NULL DEFAULT 0,
  lease_until       timestamptz,
  worker_node       text,
  error_code        text,
  error_message     text,
  progress          bigint      NOT NULL DEFAULT 0,
  report            jsonb,
  preview           jsonb,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  started_at        timestamptz,
  finished_at       timestamptz
);

-- The claim query: oldest runnable job first.
CREATE INDEX jobs_runnable_idx ON jobs (created_at) WHERE status IN ('queued', 'processing');
-- A user's job list, newest first.
CREATE INDEX jobs_user_created_idx ON jobs (user_id, created_at DESC);

CREATE TABLE job_files (
  job_id     uuid   NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  kind       text   NOT NULL CHECK (kind IN ('upload', 'output', 'rejects')),
  content    bytea  NOT NULL,
  size_bytes bigint NOT NULL,
  PRIMARY KEY (job_id, kind)
);
