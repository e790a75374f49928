-- "Esqueci minha senha": one row per reset link sent. Only the SHA-256 of the link's token is kept,
-- so a copy of the database holds no link that works. A link is used once (used_at) or lapses
-- (expires_at); the account's deletion takes its links with it.
CREATE TABLE password_resets (
  token_hash text        PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz
);

CREATE INDEX password_resets_user ON password_resets (user_id);
