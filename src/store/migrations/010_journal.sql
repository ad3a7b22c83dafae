-- Issue 22: the office's phones share one case book.
--
-- 1. Case numbers carry the code of the phone that gave them out (009), and every phone
--    counts its own: 2026-A0001 and 2026-B0001 are two cases. The number is unique per
--    (year, phone code, running part). SQLite cannot drop a UNIQUE constraint, so the table
--    is built again with the same columns in the same order; the timeline's triggers that
--    name the table are dropped first and made again after, word for word. `Store::open`
--    runs the migrations with foreign keys off and checks them after (SQLite's way).
DROP TRIGGER events_keep_milestones;
DROP TRIGGER events_keep_waits;

CREATE TABLE cases_new (
  id              TEXT PRIMARY KEY,          -- UUID v7: unique across phones, sortable by time
  year            INTEGER NOT NULL,          -- case number, year part (WIB)
  seq             INTEGER NOT NULL,          -- case number, running part within year and phone
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
  out_of_hours    INTEGER NOT NULL DEFAULT 0,
  first_reply_at  INTEGER,
  ready_at        INTEGER,
  done_at         INTEGER,
  cancelled_at    INTEGER,
  message_at      INTEGER NOT NULL DEFAULT 0,
  left_village_at INTEGER,
  incomplete_spans TEXT,
  salutation      TEXT,
  phone_code      TEXT NOT NULL DEFAULT '',  -- '' for numbers made before codes
  UNIQUE (year, phone_code, seq)
);
INSERT INTO cases_new SELECT id, year, seq, resident_name, phone, nik, dusun, rt, rw, service_id,
  service_name, outcome, catalog_version, channel, received_at, handler, status, stage,
  status_reason, updated_at, out_of_hours, first_reply_at, ready_at, done_at, cancelled_at,
  message_at, left_village_at, incomplete_spans, salutation, phone_code FROM cases;
DROP TABLE cases;
ALTER TABLE cases_new RENAME TO cases;

CREATE INDEX cases_by_activity ON cases (updated_at DESC, id DESC);
CREATE INDEX cases_by_status ON cases (status, updated_at DESC, id DESC);
CREATE INDEX cases_by_service ON cases (service_id, updated_at DESC, id DESC);
CREATE INDEX cases_by_name ON cases (resident_name COLLATE NOCASE);
CREATE INDEX cases_by_ready ON cases (coalesce(min(ready_at, done_at), ready_at, done_at));
CREATE INDEX cases_report ON cases (message_at, id, year, seq, service_id, service_name,
  out_of_hours, status, first_reply_at, ready_at, done_at, cancelled_at, left_village_at,
  incomplete_spans, phone_code);

CREATE TRIGGER events_keep_milestones AFTER INSERT ON events
WHEN NEW.kind IN ('message', 'status')
BEGIN
  UPDATE cases SET
    first_reply_at = CASE WHEN NEW.kind = 'message' AND (first_reply_at IS NULL OR NEW.at < first_reply_at)
                          THEN NEW.at ELSE first_reply_at END,
    ready_at = CASE WHEN NEW.kind = 'status' AND NEW.status IN ('dokumen-terbit', 'siap-diambil')
                         AND (ready_at IS NULL OR NEW.at < ready_at)
                    THEN NEW.at ELSE ready_at END,
    done_at = CASE WHEN NEW.kind = 'status' AND NEW.status = 'selesai'
                        AND (done_at IS NULL OR NEW.at < done_at)
                   THEN NEW.at ELSE done_at END,
    cancelled_at = CASE WHEN NEW.kind = 'status' AND NEW.status = 'dibatalkan'
                             AND (cancelled_at IS NULL OR NEW.at < cancelled_at)
                        THEN NEW.at ELSE cancelled_at END
  WHERE id = NEW.case_id;
END;

CREATE TRIGGER events_keep_waits AFTER INSERT ON events
WHEN NEW.kind = 'status'
BEGIN
  UPDATE cases SET
    left_village_at = (SELECT MIN(e.at) FROM events e WHERE e.case_id = NEW.case_id AND e.kind = 'status'
                         AND e.status = 'diproses' AND e.stage IS NOT NULL AND e.stage <> 'desa'),
    incomplete_spans = (
      SELECT group_concat(w.at || '-' || coalesce(
               (SELECT MIN(n.at) FROM events n WHERE n.case_id = NEW.case_id AND n.kind = 'status'
                  AND n.status <> 'belum-lengkap' AND n.at > w.at), ''), ',')
      FROM (SELECT e.at, e.status, LAG(e.status) OVER (ORDER BY e.at, e.id) AS before
            FROM events e WHERE e.case_id = NEW.case_id AND e.kind = 'status') w
      WHERE w.status = 'belum-lengkap' AND w.before IS NOT 'belum-lengkap')
  WHERE id = NEW.case_id;
END;

-- 2. The journal: every change that travels to the office's other phones, as an operation.
--    `id` is "<phone>:<place>", unique across phones; `place` counts the phone's operations
--    1, 2, 3 ... without gaps; `stamp` is the hybrid logical clock's time (NTP64, 16 hex
--    digits, so text order is time order); `subject` is what it changes (a case id,
--    'setting:<key>', 'holiday:<date>', 'template:<id>'); `field` what of the subject it sets
--    (the newest stamp wins) or NULL for what is only ever added (the timeline); `body` the
--    operation as JSON (see src/store/journal.rs).
CREATE TABLE operations (
  id      TEXT PRIMARY KEY,
  phone   TEXT NOT NULL,
  place   INTEGER NOT NULL,
  stamp   TEXT NOT NULL,
  subject TEXT NOT NULL,
  field   TEXT,
  body    TEXT NOT NULL,
  UNIQUE (phone, place)
);
CREATE INDEX operations_by_subject ON operations (subject, stamp, phone);
CREATE INDEX operations_by_stamp ON operations (stamp, phone);
