-- The request log: one row per license call, for support (see request_log.rs).
-- `key_hash` is the first 16 bytes of the key's SHA-256; the key itself is
-- never stored here. Times are unix seconds (UTC), in insertion (id) order.
CREATE TABLE request_log (
    id            INTEGER PRIMARY KEY,
    request_id    TEXT    NOT NULL,
    at            INTEGER NOT NULL,
    endpoint      TEXT    NOT NULL,
    status        INTEGER NOT NULL,
    code          INTEGER,
    key_hash      BLOB,
    key_last4     TEXT,
    activation_id TEXT,
    client_ip     TEXT    NOT NULL,
    latency_us    INTEGER NOT NULL
);
CREATE INDEX request_log_request_id ON request_log (request_id);
CREATE INDEX request_log_key ON request_log (key_hash, id) WHERE key_hash IS NOT NULL;
