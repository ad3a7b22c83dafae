-- Signed catalog updates (issue 7): the last applied bundle, kept whole so it is verified again
-- at every start, and the office's own catalog files laid over the published catalog.
CREATE TABLE catalog_bundle (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    applied_at INTEGER NOT NULL
);

CREATE TABLE catalog_overlay (
    name TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
