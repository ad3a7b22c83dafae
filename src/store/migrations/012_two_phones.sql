-- Issue 22, "diubah di dua HP": 1 while two phones changed the same thing of the case (its
-- status, one checklist item, "Pesan masuk") to different values, neither having seen the
-- other's change, and nobody has looked since ("Sudah dicek"). Folded from the journal with
-- the rest of the case, so every phone holding the same operations has the same mark.
ALTER TABLE cases ADD COLUMN two_phones INTEGER NOT NULL DEFAULT 0;

-- Changes written before this kept no `field` (only settings and the form of address had
-- one): status moves, item states and "Pesan masuk" get theirs, so a change made now finds
-- the change it follows (`journal::value_before`), as `Entry::field` names them.
UPDATE operations SET field = CASE
    WHEN json_extract(body, '$.event.kind') IN ('status', 'message-time')
      THEN json_extract(body, '$.event.kind')
    WHEN json_extract(body, '$.event.kind') LIKE 'item-%'
      THEN 'item:' || COALESCE(json_extract(body, '$.event.position'), -1)
  END
WHERE field IS NULL AND json_extract(body, '$.kind') = 'event';

-- The newest stamp at start is found phone by phone through (phone, place)
-- (`journal::newest_stamp`); nothing else reads the stamps alone, and the index cost 36 MB
-- and a write per operation on a 50,000-case book.
DROP INDEX operations_by_stamp;
