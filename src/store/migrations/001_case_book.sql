-- Version 1: the case book. Times are milliseconds since the Unix epoch, UTC.
CREATE TABLE cases (
  id              TEXT PRIMARY KEY,          -- UUID v7: unique across phones, sortable by time
  year            INTEGER NOT NULL,          -- case number, year part (WIB)
  seq             INTEGER NOT NULL,          -- case number, running part within the year
  resident_name   TEXT NOT NULL,
  phone           TEXT,                      -- wa.me digits, e.g. 6281234567890
  nik             TEXT,                      -- 16 digits, validated before insert
  dusun           TEXT,
  rt              TEXT,
  rw              TEXT,
  service_id      TEXT NOT NULL,
  service_name    TEXT NOT NULL,
  outcome         TEXT NOT NULL,             -- what the service ends in: decides the ready status
  catalog_version INTEGER NOT NULL,
  channel         TEXT NOT NULL,
  received_at     INTEGER NOT NULL,
  handler         TEXT,
  status          TEXT NOT NULL,
  stage           TEXT,
  status_reason   TEXT,
  updated_at      INTEGER NOT NULL,          -- last activity, for "newest activity first"
  UNIQUE (year, seq)
);
CREATE INDEX cases_by_activity ON cases (updated_at DESC, id DESC);
CREATE INDEX cases_by_status ON cases (status, updated_at DESC, id DESC);
CREATE INDEX cases_by_service ON cases (service_id, updated_at DESC, id DESC);
CREATE INDEX cases_by_name ON cases (resident_name COLLATE NOCASE);

-- The requirement list as it was when the case was opened (a snapshot, never the live catalog).
CREATE TABLE checklist_items (
  case_id      TEXT NOT NULL REFERENCES cases (id),
  position     INTEGER NOT NULL,
  label        TEXT NOT NULL,
  form         TEXT,
  count        INTEGER,
  detail       TEXT,
  need         TEXT NOT NULL,                -- always | optional | when
  need_when    TEXT,
  state        TEXT NOT NULL DEFAULT 'pending',  -- pending | received | not-applicable
  state_at     INTEGER,
  state_reason TEXT,
  PRIMARY KEY (case_id, position)
) WITHOUT ROWID;

-- The append-only timeline of every case.
CREATE TABLE events (
  id       TEXT PRIMARY KEY,                 -- UUID v7
  case_id  TEXT NOT NULL REFERENCES cases (id),
  at       INTEGER NOT NULL,
  actor    TEXT NOT NULL,
  kind     TEXT NOT NULL,
  status   TEXT,
  stage    TEXT,
  reason   TEXT,
  position INTEGER,
  template TEXT,
  body     TEXT
);
CREATE INDEX events_by_case ON events (case_id, at, id);
CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

-- Reply templates written or edited by the office (the defaults ship in assets/templates).
CREATE TABLE templates (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  body       TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

-- Unfinished forms, so nothing typed is lost when the app is closed mid-form.
CREATE TABLE drafts (
  form       TEXT PRIMARY KEY,
  body       TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
