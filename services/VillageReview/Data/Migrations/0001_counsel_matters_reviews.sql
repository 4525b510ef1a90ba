-- The village directory, kept from governance's VillageRegistered events.
CREATE TABLE villages (
    code        char(12) PRIMARY KEY,
    town_code   char(12) NOT NULL,
    name        text NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE TABLE legal_counsel (
    id              uuid PRIMARY KEY,
    village_code    char(12) NOT NULL,
    lawyer_name     text NOT NULL,
    law_firm        text NOT NULL,
    licence_number  char(17) NOT NULL,
    contract_from   date NOT NULL,
    contract_to     date NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX legal_counsel_village ON legal_counsel (village_code, contract_to);

-- The State Council's holiday schedule: holidays on weekdays (working = false), make-up days on weekends (working = true).
CREATE TABLE calendar_days (
    day      date PRIMARY KEY,
    working  boolean NOT NULL
);

CREATE TABLE campaigns (
    id          uuid PRIMARY KEY,
    town_code   char(12) NOT NULL,
    name        text NOT NULL,
    year        integer NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE TABLE matters (
    id                            uuid PRIMARY KEY,
    village_code                  char(12) NOT NULL,
    town_code                     char(12) NOT NULL,
    kind                          text NOT NULL,
    campaign_id                   uuid REFERENCES campaigns (id),
    submitted_at                  timestamptz NOT NULL,
    title                         text NOT NULL,
    counterparty_name             text,
    counterparty_credit_code      text,
    counterparty_identity_cipher  bytea,
    counterparty_identity_masked  text,
    amount                        numeric(16,2),
    term_start                    date,
    term_end                      date,
    leases_collective_land        boolean NOT NULL DEFAULT false,
    version                       integer NOT NULL,
    version_submitted_at          timestamptz NOT NULL,
    review_due_on                 date NOT NULL,
    status                        text NOT NULL,
    filing_number                 text UNIQUE,
    filed_at                      timestamptz
);
CREATE INDEX matters_village_status ON matters (village_code, status);
CREATE INDEX matters_campaign ON matters (campaign_id);

-- Every version as submitted, and every document with its hash: the chain of resubmissions.
CREATE TABLE matter_versions (
    matter_id     uuid NOT NULL REFERENCES matters (id),
    version       integer NOT NULL,
    title         text NOT NULL,
    contract      jsonb,
    submitted_at  timestamptz NOT NULL,
    PRIMARY KEY (matter_id, version)
);

CREATE TABLE matter_documents (
    id          uuid PRIMARY KEY,
    matter_id   uuid NOT NULL,
    version     integer NOT NULL,
    file_name   text NOT NULL,
    sha256      char(64) NOT NULL,
    size        integer NOT NULL,
    content     bytea NOT NULL,
    FOREIGN KEY (matter_id, version) REFERENCES matter_versions (matter_id, version)
);

CREATE TABLE matter_reviews (
    id            uuid PRIMARY KEY,
    matter_id     uuid NOT NULL REFERENCES matters (id),
    version       integer NOT NULL,
    counsel_id    uuid NOT NULL REFERENCES legal_counsel (id),
    opinion       text NOT NULL,
    reasons       text NOT NULL,
    provisions    text[] NOT NULL,
    working_days  integer NOT NULL,
    reviewed_at   timestamptz NOT NULL,
    UNIQUE (matter_id, version)
);

CREATE TABLE filing_sequences (
    town_code  char(12) NOT NULL,
    year       integer NOT NULL,
    last       integer NOT NULL,
    PRIMARY KEY (town_code, year)
);
