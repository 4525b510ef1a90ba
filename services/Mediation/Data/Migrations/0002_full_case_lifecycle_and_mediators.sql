ALTER TABLE dispute_cases
    ADD COLUMN external_reference text,
    ADD COLUMN referred_to        text,
    ADD COLUMN referred_at        timestamptz,
    ADD COLUMN agreement_held     boolean;
-- A district referral is taken once per district reference.
CREATE UNIQUE INDEX dispute_cases_external_reference ON dispute_cases (source, external_reference) WHERE external_reference IS NOT NULL;
CREATE INDEX dispute_cases_category ON dispute_cases (town_code, category);

-- Parties of a case; identity numbers are encrypted and only their masked form is shown.
CREATE TABLE case_parties (
    id               uuid PRIMARY KEY,
    case_id          uuid NOT NULL REFERENCES dispute_cases (id),
    role             text NOT NULL,
    name             text NOT NULL,
    identity_cipher  bytea,
    identity_hash    text,
    identity_masked  text
);
CREATE INDEX case_parties_case ON case_parties (case_id);

-- Everything that happened to a case, in order: the timeline the console shows.
CREATE TABLE case_timeline (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id      uuid NOT NULL REFERENCES dispute_cases (id),
    kind         text NOT NULL,
    occurred_at  timestamptz NOT NULL,
    recorded_at  timestamptz NOT NULL,
    actor        text NOT NULL,
    node_code    text NOT NULL,
    details      jsonb NOT NULL
);
CREATE INDEX case_timeline_case ON case_timeline (case_id, id);

CREATE TABLE mediators (
    id               uuid PRIMARY KEY,
    node_code        text NOT NULL REFERENCES network_nodes (code),
    name             text NOT NULL,
    identity_cipher  bytea NOT NULL,
    identity_hash    text NOT NULL UNIQUE,
    identity_masked  text NOT NULL,
    phone_cipher     bytea NOT NULL,
    phone_masked     text NOT NULL,
    grade            text,
    active           boolean NOT NULL DEFAULT true,
    registered_at    timestamptz NOT NULL
);
CREATE INDEX mediators_node ON mediators (node_code);

CREATE TABLE case_mediators (
    case_id      uuid NOT NULL REFERENCES dispute_cases (id),
    mediator_id  uuid NOT NULL REFERENCES mediators (id),
    assigned_at  timestamptz NOT NULL,
    PRIMARY KEY (case_id, mediator_id)
);

CREATE TABLE mediator_trainings (
    id           uuid PRIMARY KEY,
    mediator_id  uuid NOT NULL REFERENCES mediators (id),
    held_on      date NOT NULL,
    title        text NOT NULL,
    hours        numeric(5,1) NOT NULL CHECK (hours > 0)
);
CREATE INDEX mediator_trainings_mediator ON mediator_trainings (mediator_id, held_on);

CREATE TABLE grade_applications (
    id               uuid PRIMARY KEY,
    mediator_id      uuid NOT NULL REFERENCES mediators (id),
    requested_grade  text NOT NULL,
    applied_at       timestamptz NOT NULL,
    status           text NOT NULL,
    evaluated_by     text,
    evaluated_at     timestamptz,
    reasons          text
);
-- One pending application per mediator.
CREATE UNIQUE INDEX grade_applications_pending ON grade_applications (mediator_id) WHERE status = 'Applied';
