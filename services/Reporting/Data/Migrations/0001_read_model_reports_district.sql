-- Reporting's own copy of the village directory, for names in the report and checks on referrals.
CREATE TABLE villages (
    code        char(12) PRIMARY KEY,
    town_code   char(12) NOT NULL,
    name        text NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- Every event reporting received, numbered in the order it committed here: the district feed.
-- Positions are taken under one advisory lock held to commit, so a reader never sees position n+1
-- before n has committed; a cursor is the last position read.
CREATE TABLE event_log (
    position     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id   uuid NOT NULL UNIQUE,
    event_type   text NOT NULL,
    town_code    char(12),
    occurred_at  timestamptz NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    body         jsonb NOT NULL
);
CREATE INDEX event_log_town ON event_log (town_code, position);

-- The read model: which events were counted, and what each contributed to which figure.
CREATE TABLE projected_events (
    message_id   uuid PRIMARY KEY,
    event_type   text NOT NULL,
    town_code    char(12),
    occurred_at  timestamptz NOT NULL,
    projected_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE contributions (
    message_id   uuid NOT NULL REFERENCES projected_events (message_id) ON DELETE CASCADE,
    figure       text NOT NULL,
    town_code    char(12) NOT NULL,
    year         integer NOT NULL,
    village_code char(12),
    department   text,
    key          text,
    label        text,
    amount       numeric NOT NULL
);
CREATE INDEX contributions_by_figure ON contributions (town_code, figure, year);
CREATE INDEX contributions_by_message ON contributions (message_id);

CREATE TABLE rebuilds (
    id            uuid PRIMARY KEY,
    requested_by  text NOT NULL,
    started_at    timestamptz NOT NULL,
    finished_at   timestamptz,
    status        text NOT NULL,
    events        integer NOT NULL DEFAULT 0,
    error         text
);

CREATE TABLE annual_reports (
    id            uuid PRIMARY KEY,
    town_code     char(12) NOT NULL,
    town_name     text NOT NULL,
    issuer        text NOT NULL,
    year          integer NOT NULL,
    version       integer NOT NULL,
    status        text NOT NULL,
    figures       jsonb NOT NULL,
    narrative     jsonb NOT NULL,
    created_at    timestamptz NOT NULL,
    created_by    text NOT NULL,
    approved_by   text,
    approved_at   timestamptz,
    submitted_by  text,
    submitted_at  timestamptz,
    UNIQUE (town_code, year, version)
);
-- One version of a town's year is open at a time; the rest are submitted.
CREATE UNIQUE INDEX annual_reports_one_open ON annual_reports (town_code, year) WHERE status <> 'Submitted';

-- A submitted report is the town's word to the district: the database refuses to change it.
CREATE FUNCTION annual_reports_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'Submitted' THEN
        RAISE EXCEPTION 'annual report % was submitted and cannot change', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER annual_reports_frozen BEFORE UPDATE OR DELETE ON annual_reports FOR EACH ROW EXECUTE FUNCTION annual_reports_frozen();

-- District systems: authenticated by a client id and a secret shown once; only its hash is kept.
CREATE TABLE district_clients (
    id           text PRIMARY KEY,
    name         text NOT NULL,
    scope_code   text NOT NULL,
    secret_hash  bytea NOT NULL,
    created_at   timestamptz NOT NULL,
    revoked_at   timestamptz
);

CREATE TABLE district_referrals (
    id              uuid PRIMARY KEY,
    client_id       text NOT NULL REFERENCES district_clients (id),
    reference       text NOT NULL,
    village_code    char(12) NOT NULL,
    category        text NOT NULL,
    summary         text NOT NULL,
    household_count integer NOT NULL,
    content_hash    text NOT NULL,
    received_at     timestamptz NOT NULL,
    case_id         uuid,
    case_opened_at  timestamptz,
    resolved_at     timestamptz,
    outcome         text,
    UNIQUE (client_id, reference)
);

CREATE TABLE webhook_subscriptions (
    id            uuid PRIMARY KEY,
    client_id     text NOT NULL REFERENCES district_clients (id),
    url           text NOT NULL,
    secret_cipher bytea NOT NULL,
    event_types   text[],
    created_at    timestamptz NOT NULL,
    active        boolean NOT NULL DEFAULT true
);

CREATE TABLE webhook_deliveries (
    id               uuid PRIMARY KEY,
    subscription_id  uuid NOT NULL REFERENCES webhook_subscriptions (id),
    position         bigint NOT NULL REFERENCES event_log (position),
    status           text NOT NULL,
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    last_status_code integer,
    last_error       text,
    created_at       timestamptz NOT NULL,
    delivered_at     timestamptz,
    UNIQUE (subscription_id, position)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'Pending';
CREATE INDEX webhook_deliveries_dead ON webhook_deliveries (subscription_id) WHERE status = 'Dead';
