-- The feed's positions are given after commit by one sequencer at a time (FeedSequencer), in the order the
-- events were appended, instead of by an identity under a lock every consumer held until its commit: the
-- consumers no longer wait for each other. A row has no position until sequenced and no reader sees it
-- before; positions stay dense and become visible in order, so a cursor (the last position read) still
-- never skips one.
ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_position_fkey;
ALTER TABLE event_log DROP CONSTRAINT event_log_pkey;
ALTER TABLE event_log ALTER COLUMN position DROP IDENTITY;
ALTER TABLE event_log ALTER COLUMN position DROP NOT NULL;
ALTER TABLE event_log ADD CONSTRAINT event_log_position_key UNIQUE (position);
ALTER TABLE event_log DROP CONSTRAINT event_log_message_id_key, ADD PRIMARY KEY (message_id);
ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_position_fkey FOREIGN KEY (position) REFERENCES event_log (position);
-- Append order, for the sequencer; rows already in the feed keep their positions.
ALTER TABLE event_log ADD COLUMN appended bigint GENERATED ALWAYS AS IDENTITY;
CREATE INDEX event_log_unsequenced ON event_log (appended) WHERE position IS NULL;
