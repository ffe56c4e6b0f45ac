-- Upgrades: an application is a line of versions. Every version an administrator saves is kept here (with the
-- package it had), and an upgrade job names the installed version it replaces, which the agent checks against its
-- receipt before it changes anything. The same SQL runs on SQLite and PostgreSQL.

ALTER TABLE jobs ADD COLUMN upgrade_from TEXT NULL;
ALTER TABLE jobs ADD COLUMN upgrade_from_application TEXT NULL;

CREATE TABLE application_versions (
    application_id TEXT NOT NULL,
    version        TEXT NOT NULL,
    package_sha256 TEXT NULL,
    first_saved_at TEXT NOT NULL,
    saved_at       TEXT NOT NULL,
    PRIMARY KEY (application_id, version)
);
