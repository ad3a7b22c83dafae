-- Issue 19, speed: what the report needs of a case's status changes, kept on the case row as
-- the milestones are (005), so the Laporan reads no timeline. Both are recomputed from the
-- case's status events at every status event inserted by any path, so an event filed late
-- (older than the last one) still lands in order.
--   left_village_at:  the first Diproses at a place other than the village;
--   incomplete_spans: the spans in Belum lengkap as "start-end,start-" (UTC ms; an open span
--                     has no end; in any order, the reader sorts them), NULL when the case
--                     never was Belum lengkap.
-- Plain SQL of SQLite 3.25 (window functions), so older SQLite tools can still open the file.
ALTER TABLE cases ADD COLUMN left_village_at INTEGER;
ALTER TABLE cases ADD COLUMN incomplete_spans TEXT;

UPDATE cases SET
  left_village_at = (SELECT MIN(e.at) FROM events e WHERE e.case_id = cases.id AND e.kind = 'status'
                       AND e.status = 'diproses' AND e.stage IS NOT NULL AND e.stage <> 'desa'),
  incomplete_spans = (
    SELECT group_concat(w.at || '-' || coalesce(
             (SELECT MIN(n.at) FROM events n WHERE n.case_id = cases.id AND n.kind = 'status'
                AND n.status <> 'belum-lengkap' AND n.at > w.at), ''), ',')
    FROM (SELECT e.at, e.status, LAG(e.status) OVER (ORDER BY e.at, e.id) AS before
          FROM events e WHERE e.case_id = cases.id AND e.kind = 'status') w
    WHERE w.status = 'belum-lengkap' AND w.before IS NOT 'belum-lengkap');

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

-- The report reads them with the rest from the covering index.
DROP INDEX cases_report;
CREATE INDEX cases_report ON cases (message_at, id, year, seq, service_id, service_name,
  out_of_hours, status, first_reply_at, ready_at, done_at, cancelled_at, left_village_at,
  incomplete_spans);

-- The status changes are no longer read per case by the report.
DROP INDEX events_status;
