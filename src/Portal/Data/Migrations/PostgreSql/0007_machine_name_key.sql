-- Machine search by key: a machine's name with ASCII letters folded to upper case in an indexed column compared in byte
-- order (COLLATE "C"), so "machines whose name starts with …" is an index range, not a scan of the fleet
-- (MachineSearchKey). The owner-email prefix uses an index of the Identity-normalized email in byte order.

ALTER TABLE machines ADD COLUMN name_key TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE machines SET name_key = translate(name, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
CREATE INDEX ix_machines_name_key ON machines(name_key, id);
CREATE INDEX ix_users_normalized_email_bytes ON users((normalized_email COLLATE "C"));
