-- Machine search by key: a machine's name folded to upper case (ASCII letters, as SQLite's UPPER does) in an indexed
-- column, so "machines whose name starts with …" is an index range, not a scan of the fleet (MachineSearchKey).
-- PostgreSQL has its own script (byte order, the same folding).

ALTER TABLE machines ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
UPDATE machines SET name_key = UPPER(name);
CREATE INDEX ix_machines_name_key ON machines(name_key, id);
