-- Required software on a schedule: maintenance windows (every machine, or one machine) and, per machine and required
-- application, the deferrals its user took and the claim of the node that queued the install (so several portal nodes
-- queue it once). Portable SQL: the same script runs on SQLite and PostgreSQL.

CREATE TABLE maintenance_windows (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    machine_id TEXT NULL REFERENCES machines(id) ON DELETE CASCADE, -- NULL = every machine
    document   TEXT NOT NULL,                                       -- the whole MaintenanceWindow as CatalogJson
    updated_at TEXT NOT NULL
);
CREATE INDEX ix_maintenance_windows_machine ON maintenance_windows(machine_id);

CREATE TABLE required_installs (
    machine_id     TEXT NOT NULL REFERENCES machines(id) ON DELETE CASCADE,
    application_id TEXT NOT NULL,
    deferrals_used INTEGER NOT NULL DEFAULT 0,
    claimed_at     TEXT NULL,      -- a node took it to queue the install
    job_id         TEXT NULL,      -- the install job it queued
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (machine_id, application_id)
);
