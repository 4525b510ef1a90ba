-- How often a message arrived again after it was applied (a redelivery, a republish after a lost
-- confirm): the inbox absorbed it, and operators and the reliability suite can see that it did.
ALTER TABLE inbox_messages
    ADD COLUMN duplicates        integer NOT NULL DEFAULT 0,
    ADD COLUMN last_duplicate_at timestamptz;
