-- Licenses, their activations (seats) and the replay cache.
-- Times are unix seconds (UTC).

CREATE TABLE licenses (
    id              INTEGER PRIMARY KEY,
    key             TEXT    NOT NULL UNIQUE,
    state           TEXT    NOT NULL CHECK (state IN ('ACTIVE', 'SUSPENDED', 'EXPIRED', 'REVOKED')),
    max_activations INTEGER NOT NULL CHECK (max_activations >= 0),
    expires_at      INTEGER,
    created_at      INTEGER NOT NULL,
    deleted_at      INTEGER              -- soft delete: the key then answers 1703
);

-- A row per seat ever taken. A freed seat keeps its row with `deactivated_at`
-- set: it is the history support reads and what the deactivation budget counts.
CREATE TABLE activations (
    id             TEXT    PRIMARY KEY,
    license_id     INTEGER NOT NULL REFERENCES licenses (id),
    fingerprint    TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    platform       TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    last_seen_at   INTEGER NOT NULL,
    deactivated_at INTEGER
);

-- At most one live seat per machine and license.
CREATE UNIQUE INDEX activations_live ON activations (license_id, fingerprint)
    WHERE deactivated_at IS NULL;
CREATE INDEX activations_freed ON activations (license_id, deactivated_at)
    WHERE deactivated_at IS NOT NULL;

-- Nonces seen in the last 10 minutes (a 128-bit hash of each), so a restart
-- does not reopen the replay window.
CREATE TABLE nonces (
    hash    BLOB    PRIMARY KEY,
    seen_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX nonces_seen_at ON nonces (seen_at);
