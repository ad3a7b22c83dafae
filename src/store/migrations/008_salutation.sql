-- How the replies of a case address the resident (issue 21): 'bapak', 'ibu', or NULL for
-- "Bapak/Ibu" until the official chooses.
ALTER TABLE cases ADD COLUMN salutation TEXT;
