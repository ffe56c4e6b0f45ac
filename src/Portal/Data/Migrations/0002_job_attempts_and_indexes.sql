-- A retry is a new attempt (a new job row the agent runs afresh); the attempt it replaced is marked superseded and
-- leaves its chain. Indexes so every page and API request reads by key, whatever the size of the fleet.

ALTER TABLE jobs ADD COLUMN attempt INTEGER NOT NULL DEFAULT 1;
ALTER TABLE jobs ADD COLUMN retry_of TEXT NULL;
ALTER TABLE jobs ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0;

CREATE INDEX ix_jobs_machine_application ON jobs(machine_id, application_id, created_at);
CREATE INDEX ix_jobs_created ON jobs(created_at);
CREATE INDEX ix_jobs_state_created ON jobs(state, created_at);
CREATE INDEX ix_jobs_requested_by ON jobs(requested_by, created_at);
CREATE INDEX ix_machines_name ON machines(name, id);
CREATE INDEX ix_uninstall_requests_machine ON uninstall_requests(machine_id, created_at);
CREATE INDEX ix_uninstall_requests_state_created ON uninstall_requests(state, created_at);
CREATE INDEX ix_reported_events_machine ON reported_events(machine_id, at);
CREATE INDEX ix_reported_events_application ON reported_events(application_id, at);
CREATE INDEX ix_reported_events_job ON reported_events(job_id);
CREATE INDEX ix_xml_outbox_due ON xml_outbox(next_attempt_at);
CREATE INDEX ix_audit_entries_at ON audit_entries(at);
