-- Random keys the server makes for itself, once. `request_log` keys the
-- HMACs by which the request log (DB_FILE.requests) finds a license's calls:
-- kept here, not in the log's file, so the log alone reveals no key, however
-- short.
CREATE TABLE server_keys (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
) WITHOUT ROWID;
