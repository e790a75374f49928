-- A failed job keeps its error as code + variant + parameters, so that each reader sees the message
-- in their own language; error_message stays the English sentence for logs and older readers.
ALTER TABLE jobs ADD COLUMN error_variant text;
ALTER TABLE jobs ADD COLUMN error_params jsonb;
