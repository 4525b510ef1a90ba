CREATE TABLE ten_household_groups (
    id                 uuid PRIMARY KEY,
    village_code       char(12) NOT NULL REFERENCES villages (code),
    name               text NOT NULL,
    head_household_id  uuid,
    head_name          text,
    head_chosen_at     timestamptz,
    created_at         timestamptz NOT NULL,
    UNIQUE (village_code, name)
);

-- A household belongs to at most one group: one column, not a link table.
CREATE TABLE households (
    id                uuid PRIMARY KEY,
    village_code      char(12) NOT NULL REFERENCES villages (code),
    householder_name  text NOT NULL,
    address           text NOT NULL,
    member_count      integer NOT NULL CHECK (member_count BETWEEN 1 AND 30),
    contact_cipher    bytea NOT NULL,
    contact_masked    text NOT NULL,
    group_id          uuid REFERENCES ten_household_groups (id),
    created_at        timestamptz NOT NULL
);
CREATE INDEX households_village ON households (village_code, group_id);

CREATE TABLE head_elections (
    id            uuid PRIMARY KEY,
    group_id      uuid NOT NULL REFERENCES ten_household_groups (id),
    winner        uuid NOT NULL,
    tally         jsonb NOT NULL,
    turnout       integer NOT NULL,
    held_at       timestamptz NOT NULL
);

CREATE TABLE visits (
    id            uuid PRIMARY KEY,
    group_id      uuid NOT NULL REFERENCES ten_household_groups (id),
    household_id  uuid NOT NULL REFERENCES households (id),
    village_code  char(12) NOT NULL,
    visited_on    date NOT NULL,
    findings      text NOT NULL,
    recorded_by   text NOT NULL,
    recorded_at   timestamptz NOT NULL
);
CREATE INDEX visits_village_day ON visits (village_code, visited_on);

CREATE TABLE early_warnings (
    id                 uuid PRIMARY KEY,
    village_code       char(12) NOT NULL REFERENCES villages (code),
    town_code          char(12) NOT NULL,
    group_id           uuid REFERENCES ten_household_groups (id),
    category           text NOT NULL,
    severity           integer NOT NULL CHECK (severity BETWEEN 1 AND 3),
    household_ids      uuid[] NOT NULL,
    description        text NOT NULL,
    raised_by          text NOT NULL,
    raised_at          timestamptz NOT NULL,
    dispute_report_id  uuid REFERENCES dispute_reports (id)
);
CREATE INDEX early_warnings_village ON early_warnings (village_code, raised_at);

CREATE TABLE appeals (
    id            uuid PRIMARY KEY,
    village_code  char(12) NOT NULL REFERENCES villages (code),
    town_code     char(12) NOT NULL,
    household_id  uuid REFERENCES households (id),
    need          text NOT NULL,
    collected_by  text NOT NULL,
    collected_at  timestamptz NOT NULL,
    status        text NOT NULL,
    department    text,
    assigned_at   timestamptz,
    resolution    text,
    closed_at     timestamptz
);
CREATE INDEX appeals_village ON appeals (village_code, collected_at);
