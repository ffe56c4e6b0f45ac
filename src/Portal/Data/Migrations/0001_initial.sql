-- Initial schema. Portable SQL: TEXT ids (GUID "D" format, lower case), ISO-8601 UTC timestamps as TEXT,
-- INTEGER booleans (0/1), JSON documents as TEXT. Applied once; recorded in schema_version.

CREATE TABLE users (
    id                   TEXT PRIMARY KEY,
    email                TEXT NOT NULL,
    normalized_email     TEXT NOT NULL UNIQUE,
    user_name            TEXT NOT NULL,
    normalized_user_name TEXT NOT NULL UNIQUE,
    display_name         TEXT NOT NULL DEFAULT '',
    password_hash        TEXT NULL,
    security_stamp       TEXT NOT NULL,
    concurrency_stamp    TEXT NOT NULL,
    email_confirmed      INTEGER NOT NULL DEFAULT 1,
    lockout_enabled      INTEGER NOT NULL DEFAULT 1,
    lockout_end          TEXT NULL,
    access_failed_count  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE roles (
    id                TEXT PRIMARY KEY,
    name              TEXT NOT NULL,
    normalized_name   TEXT NOT NULL UNIQUE,
    concurrency_stamp TEXT NOT NULL
);

CREATE TABLE user_roles (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role_id TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, role_id)
);

CREATE TABLE applications (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    version        TEXT NOT NULL,
    publisher      TEXT NOT NULL DEFAULT '',
    category       TEXT NOT NULL DEFAULT '',
    package_sha256 TEXT NULL,
    document       TEXT NOT NULL,          -- the whole Application as CatalogJson
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (name, version)
);

CREATE TABLE packages (
    sha256      TEXT PRIMARY KEY,          -- content address; the bytes live in the package store
    size        INTEGER NOT NULL,
    file_name   TEXT NOT NULL,
    manifest    TEXT NOT NULL,             -- PackageManifest as CatalogJson
    uploaded_at TEXT NOT NULL,
    uploaded_by TEXT NOT NULL DEFAULT ''
);

CREATE TABLE machines (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    owner_user_id   TEXT NULL REFERENCES users(id) ON DELETE SET NULL,
    credential_hash TEXT NOT NULL UNIQUE,
    enrolled_at     TEXT NOT NULL,
    last_seen_at    TEXT NULL,
    address         TEXT NOT NULL DEFAULT '',
    revoked         INTEGER NOT NULL DEFAULT 0,
    inventory       TEXT NULL              -- Inventory as CatalogJson
);
CREATE INDEX ix_machines_owner ON machines(owner_user_id);

CREATE TABLE enrollment_tokens (
    id            TEXT PRIMARY KEY,
    token_hash    TEXT NOT NULL UNIQUE,
    owner_user_id TEXT NULL REFERENCES users(id) ON DELETE SET NULL,
    expires_at    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL DEFAULT '',
    used_at       TEXT NULL,
    machine_id    TEXT NULL,
    revoked       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE jobs (
    id             TEXT PRIMARY KEY,
    machine_id     TEXT NOT NULL REFERENCES machines(id) ON DELETE CASCADE,
    application_id TEXT NOT NULL,
    kind           TEXT NOT NULL,          -- JobKind
    state          TEXT NOT NULL,          -- JobState
    phase          TEXT NULL,              -- JobPhase
    percent        INTEGER NOT NULL DEFAULT 0,
    message        TEXT NOT NULL DEFAULT '',
    answers        TEXT NOT NULL DEFAULT '{}',
    requested_by   TEXT NULL,
    chain_id       TEXT NOT NULL,
    chain_order    INTEGER NOT NULL DEFAULT 0,
    attempts       INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    delivered_at   TEXT NULL,
    completed_at   TEXT NULL
);
CREATE INDEX ix_jobs_machine_state ON jobs(machine_id, state);
CREATE INDEX ix_jobs_chain ON jobs(chain_id, chain_order);

CREATE TABLE job_events (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id  TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    at      TEXT NOT NULL,
    level   TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX ix_job_events_job ON job_events(job_id, id);

CREATE TABLE uninstall_requests (
    id              TEXT PRIMARY KEY,
    machine_id      TEXT NOT NULL REFERENCES machines(id) ON DELETE CASCADE,
    application_id  TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    reason          TEXT NOT NULL DEFAULT '',
    state           TEXT NOT NULL,         -- UninstallRequestState
    decided_by      TEXT NULL,
    decision_reason TEXT NOT NULL DEFAULT '',
    job_id          TEXT NULL,
    created_at      TEXT NOT NULL,
    decided_at      TEXT NULL
);
CREATE INDEX ix_uninstall_requests_state ON uninstall_requests(state);

CREATE TABLE audit_entries (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);

CREATE TABLE reported_events (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    type             TEXT NOT NULL,        -- EventType
    at               TEXT NOT NULL,
    user_name        TEXT NOT NULL DEFAULT '',
    machine          TEXT NOT NULL DEFAULT '',
    machine_id       TEXT NULL,
    machine_address  TEXT NOT NULL DEFAULT '',
    application_name TEXT NOT NULL DEFAULT '',
    application_id   TEXT NULL,
    version          TEXT NOT NULL DEFAULT '',
    job_id           TEXT NULL,
    message          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_reported_events_at ON reported_events(at);

CREATE TABLE external_software_revisions (
    revision     INTEGER PRIMARY KEY,      -- the published list is the highest revision
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL DEFAULT '',
    replaced     INTEGER NOT NULL DEFAULT 0, -- 1 when this revision replaced the list whole
    entries      TEXT NOT NULL             -- ExternalSoftwareEntry[] as CatalogJson
);

CREATE TABLE xml_outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    url             TEXT NOT NULL,
    body            TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
);
