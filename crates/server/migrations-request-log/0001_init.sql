-- The request log (DB_FILE.requests, beside the license database): one row
-- per license call, for support (see src/request_log.rs). `key_hash` is the
-- first 16 bytes of the key's HMAC-SHA-256 under the database's `request_log`
-- server key; `key_hint` its last four characters as the server's logs mask
-- it (none below 16 characters). The key itself is never stored here.
-- `request_id` is the ULID's 16 bytes. Times are unix seconds (UTC); ids
-- follow insertion, so time.
CREATE TABLE request_log (
    id            INTEGER PRIMARY KEY,
    request_id    BLOB    NOT NULL,
    at            INTEGER NOT NULL,
    endpoint      TEXT    NOT NULL,
    status        INTEGER NOT NULL,
    code          INTEGER,
    key_hash      BLOB,
    key_hint      TEXT,
    activation_id TEXT,
    client_ip     TEXT    NOT NULL,
    latency_us    INTEGER NOT NULL
);
CREATE INDEX request_log_request_id ON request_log (request_id);
CREATE INDEX request_log_key ON request_log (key_hash, id) WHERE key_hash IS NOT NULL;
