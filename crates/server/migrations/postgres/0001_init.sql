-- The tables of migrations/sqlite (0001 to 0003) in PostgreSQL's types:
-- licenses, their activations (seats), the replay cache, the server's own
-- keys and the offline requests answered. Times are unix seconds (UTC).
-- The comments on each table are in the SQLite migrations.

CREATE TABLE licenses (
    id              BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key             TEXT    NOT NULL UNIQUE,
    key_sha256      BYTEA   NOT NULL UNIQUE,
    state           TEXT    NOT NULL CHECK (state IN ('ACTIVE', 'SUSPENDED', 'EXPIRED', 'REVOKED')),
    max_activations BIGINT  NOT NULL CHECK (max_activations >= 0),
    expires_at      BIGINT,
    created_at      BIGINT  NOT NULL,
    deleted_at      BIGINT
);

CREATE TABLE activations (
    id             TEXT    PRIMARY KEY,
    license_id     BIGINT  NOT NULL REFERENCES licenses (id),
    fingerprint    TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    platform       TEXT    NOT NULL,
    created_at     BIGINT  NOT NULL,
    last_seen_at   BIGINT  NOT NULL,
    deactivated_at BIGINT
);

-- At most one live seat per machine and license, whichever replica took it.
CREATE UNIQUE INDEX activations_live ON activations (license_id, fingerprint)
    WHERE deactivated_at IS NULL;
CREATE INDEX activations_freed ON activations (license_id, deactivated_at)
    WHERE deactivated_at IS NOT NULL;

-- The replay cache of a server without --shared-store (one at a time).
CREATE TABLE nonces (
    hash    BYTEA   PRIMARY KEY,
    seen_at BIGINT  NOT NULL
);
CREATE INDEX nonces_seen_at ON nonces (seen_at);

CREATE TABLE server_keys (
    name  TEXT  PRIMARY KEY,
    value BYTEA NOT NULL
);

CREATE TABLE offline_requests (
    hash          BYTEA   PRIMARY KEY,
    kind          TEXT    NOT NULL CHECK (kind IN ('activate', 'renew', 'deactivate')),
    license_id    BIGINT  NOT NULL REFERENCES licenses (id),
    activation_id TEXT    NOT NULL REFERENCES activations (id),
    lease         TEXT,
    issued_at     BIGINT  NOT NULL,
    answered_at   BIGINT  NOT NULL
);
CREATE INDEX offline_requests_issued_at ON offline_requests (issued_at);
