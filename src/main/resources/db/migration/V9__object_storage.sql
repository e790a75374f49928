-- STORAGE=s3: a chunk's bytes live in the bucket under object_key, and its row keeps the size (the
-- queue's checks count and add up rows, whatever holds the bytes). Exactly one of content and
-- object_key is set: the default, PostgreSQL, stores the content as before.
ALTER TABLE job_files ALTER COLUMN content DROP NOT NULL;
ALTER TABLE job_files ADD COLUMN object_key text;
ALTER TABLE job_files ADD CONSTRAINT job_files_content_or_object
  CHECK ((content IS NULL) <> (object_key IS NULL));
