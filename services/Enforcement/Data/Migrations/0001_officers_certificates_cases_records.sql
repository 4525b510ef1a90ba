CREATE TABLE officers (
    id               uuid PRIMARY KEY,
    town_code        char(12) NOT NULL,
    department       text NOT NULL,
    name             text NOT NULL,
    identity_cipher  bytea NOT NULL,
    person_key       text NOT NULL UNIQUE,
    identity_masked  text NOT NULL,
    registered_at    timestamptz NOT NULL
);

-- Passed law exams, from legal education's ExamResultRecorded (pseudonymous person keys).
CREATE TABLE passed_exams (
    person_key  text NOT NULL,
    year        integer NOT NULL,
    session_id  uuid NOT NULL,
    score       numeric(5,1) NOT NULL,
    PRIMARY KEY (person_key, year, session_id)
);

CREATE TABLE certificates (
    id                uuid PRIMARY KEY,
    officer_id        uuid NOT NULL REFERENCES officers (id),
    number            text NOT NULL UNIQUE,
    issued_on         date NOT NULL,
    valid_until       date NOT NULL,
    status            text NOT NULL,
    last_review_year  integer
);
-- One certificate in force per officer.
CREATE UNIQUE INDEX certificates_one_active ON certificates (officer_id) WHERE status <> 'Revoked';

CREATE TABLE cases (
    id                        uuid PRIMARY KEY,
    town_code                 char(12) NOT NULL,
    department                text NOT NULL,
    kind                      text NOT NULL,
    party_name                text NOT NULL,
    party_credit_code         text,
    party_identity_cipher     bytea,
    party_identity_masked     text,
    legal_basis               text NOT NULL,
    status                    text NOT NULL,
    explain_law_through_case  boolean NOT NULL DEFAULT false,
    laws_applied              text[] NOT NULL DEFAULT '{}',
    opened_at                 timestamptz NOT NULL,
    closed_at                 timestamptz
);

CREATE TABLE case_officers (
    case_id     uuid NOT NULL REFERENCES cases (id),
    officer_id  uuid NOT NULL REFERENCES officers (id),
    PRIMARY KEY (case_id, officer_id)
);

-- 执法全过程记录: append-only; no API updates or deletes a row.
CREATE TABLE case_records (
    case_id           uuid NOT NULL REFERENCES cases (id),
    sequence          integer NOT NULL,
    step              text NOT NULL,
    actor             text NOT NULL,
    recorded_at       timestamptz NOT NULL,
    content           text NOT NULL,
    attachment_hashes text[] NOT NULL,
    previous_hash     char(64) NOT NULL,
    hash              char(64) NOT NULL,
    PRIMARY KEY (case_id, sequence)
);
