-- The code of the phone that gave out a case's number (issue 22): '' for every number made
-- before, and on a phone without a code. Numbers stay unique in the book (year, seq).
ALTER TABLE cases ADD COLUMN phone_code TEXT NOT NULL DEFAULT '';

-- The Laporan reads the number with its code from the covering index, as before.
DROP INDEX cases_report;
CREATE INDEX cases_report ON cases (message_at, id, year, seq, service_id, service_name,
  out_of_hours, status, first_reply_at, ready_at, done_at, cancelled_at, left_village_at,
  incomplete_spans, phone_code);
