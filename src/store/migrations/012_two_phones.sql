-- Issue 22, "diubah di dua HP": 1 while two phones changed the same thing of the case (its
-- status, one checklist item, "Pesan masuk") to different values, neither having seen the
-- other's change, and nobody has looked since ("Sudah dicek"). Folded from the journal with
-- the rest of the case, so every phone holding the same operations has the same mark.
ALTER TABLE cases ADD COLUMN two_phones INTEGER NOT NULL DEFAULT 0;
