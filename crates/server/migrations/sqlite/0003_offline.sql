-- Offline requests (docs/protocol.md, "Offline requests"): a request code
-- names its license by the SHA-256 of the key, never the key itself.
-- Rows made before this migration get theirs when the database is opened
-- (`Db::open`); `store::create_license` sets it for new ones.
ALTER TABLE licenses ADD COLUMN key_sha256 BLOB;
CREATE UNIQUE INDEX licenses_key_sha256 ON licenses (key_sha256);

-- Every request code answered, so that a code used again answers the same
-- (the same lease, or "freed" again) without taking a second seat or
-- spending the deactivation budget twice. Keyed by the SHA-256 of the
-- code's canonical form (its decoded bytes, tag included, re-encoded
-- without whitespace): only the very same code replays. A row is dropped
-- once its code is too old to be answered (`issued_at` more than
-- validity + future tolerance ago).
CREATE TABLE offline_requests (
    hash          BLOB    PRIMARY KEY,
    kind          TEXT    NOT NULL CHECK (kind IN ('activate', 'renew', 'deactivate')),
    license_id    INTEGER NOT NULL REFERENCES licenses (id),
    activation_id TEXT    NOT NULL REFERENCES activations (id),
    lease         TEXT,            -- the lease answered; NULL for a deactivation
    issued_at     INTEGER NOT NULL,
    answered_at   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX offline_requests_issued_at ON offline_requests (issued_at);
