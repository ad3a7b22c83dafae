-- Issue 19: when the resident wrote ("Pesan masuk"), apart from when the case was entered
-- (received_at, which also dates the "created" event). Waiting times, the period a case counts
-- in and the out-of-hours mark are measured from it. Cases entered before this version keep
-- their creation time: nothing else about them is known, so nothing is guessed.
ALTER TABLE cases ADD COLUMN message_at INTEGER NOT NULL DEFAULT 0;
UPDATE cases SET message_at = received_at;

-- The report now selects a period's cases by the message time; the covering index follows.
DROP INDEX cases_report;
CREATE INDEX cases_report ON cases (message_at, id, year, seq, service_id, service_name,
  out_of_hours, status, first_reply_at, ready_at, done_at, cancelled_at);

-- "Berkas yang siap bulan ini" selects by the first ready moment (Dokumen terbit, Siap
-- diambil or Selesai): the same expression in the index and in the query.
CREATE INDEX cases_by_ready ON cases (coalesce(min(ready_at, done_at), ready_at, done_at));

-- The status changes of a case (for the spans in Belum lengkap and the forwarding stages),
-- without reading its notes, messages and ticks.
CREATE INDEX events_status ON events (case_id, at, status, stage) WHERE kind = 'status';
