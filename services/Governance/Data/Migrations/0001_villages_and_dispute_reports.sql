CREATE TABLE villages (
    code        char(12) PRIMARY KEY,
    town_code   char(12) NOT NULL,
    name        text     NOT NULL,
    is_pilot    boolean  NOT NULL DEFAULT false,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX villages_town ON villages (town_code);

CREATE TABLE dispute_reports (
    id                 uuid PRIMARY KEY,
    village_code       char(12) NOT NULL REFERENCES villages (code),
    town_code          char(12) NOT NULL,
    household_count    integer  NOT NULL CHECK (household_count > 0),
    category           text     NOT NULL,
    summary            text     NOT NULL,
    reported_by        text     NOT NULL,
    reported_at        timestamptz NOT NULL,
    status             text     NOT NULL,
    mediation_case_id  uuid,
    mediation_node     text,
    mediation_level    text,
    outcome            text,
    resolved_at        timestamptz,
    updated_at         timestamptz NOT NULL
);
CREATE INDEX dispute_reports_village ON dispute_reports (village_code, reported_at DESC);
CREATE INDEX dispute_reports_status ON dispute_reports (town_code, status);
