-- jsonb sorts object keys; clients show the report's fill rates and the preview in the engine's
-- column order, so keep the documents as written.
ALTER TABLE jobs ALTER COLUMN report TYPE json USING report::json;
ALTER TABLE jobs ALTER COLUMN preview TYPE json USING preview::json;
