-- Accounts. Every job belongs to a user; jobs from before accounts (user_id NULL) stay unreachable.
CREATE TABLE users (
  id            uuid PRIMARY KEY,
  email         text        NOT NULL,
  password_hash text        NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Emails are stored lower-cased; the index makes the rule hold whatever writes the row.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

ALTER TABLE jobs ADD CONSTRAINT jobs_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;
