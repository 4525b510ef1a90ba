-- Transactional outbox: integration events commit with the state change that causes them.
CREATE TABLE outbox_messages (
    id            uuid PRIMARY KEY,
    sequence      bigint GENERATED ALWAYS AS IDENTITY,
    message_type  text        NOT NULL,
    body          jsonb       NOT NULL,
    trace_parent  text,
    trace_state   text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    published_at  timestamptz,
    attempts      integer     NOT NULL DEFAULT 0,
    last_error    text
);
-- The relay only ever looks for what is not yet published, in order.
CREATE INDEX outbox_messages_unpublished ON outbox_messages (sequence) WHERE published_at IS NULL;

-- Inbox: a consumer records each message id it applied, in the same transaction as its writes.
CREATE TABLE inbox_messages (
    message_id   uuid        NOT NULL,
    consumer     text        NOT NULL,
    message_type text        NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, consumer)
);
