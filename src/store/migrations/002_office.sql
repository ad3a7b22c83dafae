-- Version 2: office settings, holidays, and the out-of-hours mark on cases.

-- Whether the case arrived outside office hours, decided once when it is received (the hours
-- may change later; the mark must not).
ALTER TABLE cases ADD COLUMN out_of_hours INTEGER NOT NULL DEFAULT 0;
CREATE INDEX cases_by_received ON cases (received_at);

-- The office profile and other settings of this phone, one text value per key.
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

-- Days the office is closed although the weekly schedule says open (ISO dates, WIB).
CREATE TABLE holidays (
  date TEXT PRIMARY KEY,
  name TEXT NOT NULL
);
