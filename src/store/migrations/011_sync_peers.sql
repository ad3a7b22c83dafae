-- Issue 22: what this phone knows of the office's other phones, from the sync files they
-- sent: their code and official, how many operations of each phone they held then (`have`,
-- JSON: what "Kirim ke HP lain" may leave out), and when their file was opened here (this
-- phone's clock). Never travels: each phone keeps its own view.
CREATE TABLE sync_peers (
  phone    TEXT PRIMARY KEY,
  code     TEXT NOT NULL,
  official TEXT NOT NULL,
  have     TEXT NOT NULL,
  heard_at INTEGER NOT NULL
);
