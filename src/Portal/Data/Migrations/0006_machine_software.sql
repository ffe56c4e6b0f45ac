-- The external-software list of an inventory (the 1,000–2,000 system packages that make up most of its size) in a
-- table of its own with a digest of the list. An agent reports its whole inventory on every connect; when the list is
-- unchanged the portal now writes only the small rest of the inventory, and reading a report reads only that rest
-- (docs/performance.md, finding 5). A machine stored before this keeps its list inside machines.inventory until its
-- next report. Portable SQL: the same script runs on SQLite and PostgreSQL.

CREATE TABLE machine_software (
    machine_id TEXT PRIMARY KEY REFERENCES machines(id) ON DELETE CASCADE,
    digest     TEXT NOT NULL,  -- SHA-256 of the list (InventoryDocument.Digest)
    document   TEXT NOT NULL   -- the list as CatalogJson
);
