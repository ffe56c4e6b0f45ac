-- Several portal nodes on one database (PostgreSQL): which node holds which agent connection, each node's heartbeat
-- (a node whose heartbeat stopped is dead and its connections are gone), and the shared data-protection key ring, so
-- a sign-in cookie or bearer token issued by one node is accepted by every other. A single SQLite node keeps its
-- connections in memory and its keys in the data directory; the tables stay empty there.

CREATE TABLE portal_nodes (
    node_id      TEXT PRIMARY KEY,
    started_at   TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL
);

CREATE TABLE agent_connections (
    connection_id TEXT PRIMARY KEY,
    machine_id    TEXT NOT NULL,
    node_id       TEXT NOT NULL,
    connected_at  TEXT NOT NULL
);

CREATE INDEX ix_agent_connections_machine ON agent_connections(machine_id);
CREATE INDEX ix_agent_connections_node ON agent_connections(node_id);

CREATE TABLE data_protection_keys (
    name       TEXT PRIMARY KEY,
    xml        TEXT NOT NULL,
    created_at TEXT NOT NULL
);
