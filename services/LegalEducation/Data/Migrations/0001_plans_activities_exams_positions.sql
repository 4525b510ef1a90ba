-- The village directory, kept from governance's VillageRegistered events (position coverage needs all villages).
CREATE TABLE villages (
    code        char(12) PRIMARY KEY,
    town_code   char(12) NOT NULL,
    name        text NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE TABLE laws (
    key   text PRIMARY KEY,
    name  text NOT NULL
);

-- 年度普法工作计划 and 普法责任清单: one per town, year and department.
CREATE TABLE plans (
    id              uuid PRIMARY KEY,
    town_code       char(12) NOT NULL,
    year            integer NOT NULL,
    department      text NOT NULL,
    responsibility  text NOT NULL,
    duties          text NOT NULL,
    UNIQUE (town_code, year, department)
);

CREATE TABLE plan_tasks (
    id            uuid PRIMARY KEY,
    plan_id       uuid NOT NULL REFERENCES plans (id),
    title         text NOT NULL,
    due_on        date NOT NULL,
    completed_on  date,
    evidence      text
);

CREATE TABLE activities (
    id              uuid PRIMARY KEY,
    town_code       char(12) NOT NULL,
    kind            text NOT NULL,
    six_into        text,
    held_on         date NOT NULL,
    title           text NOT NULL,
    departments     text[] NOT NULL,
    village_code    char(12),
    materials       integer NOT NULL,
    people_reached  integer NOT NULL,
    -- 以案释法 from an enforcement case: one activity per case.
    source_case_id  uuid UNIQUE,
    recorded_at     timestamptz NOT NULL
);
CREATE INDEX activities_town_day ON activities (town_code, held_on);

CREATE TABLE activity_laws (
    activity_id  uuid NOT NULL REFERENCES activities (id),
    law_key      text NOT NULL REFERENCES laws (key),
    PRIMARY KEY (activity_id, law_key)
);

CREATE TABLE exam_sessions (
    id         uuid PRIMARY KEY,
    town_code  char(12) NOT NULL,
    year       integer NOT NULL,
    kind       text NOT NULL,
    title      text NOT NULL,
    held_on    date NOT NULL,
    pass_mark  numeric(5,1) NOT NULL
);

-- The roster the rates are counted against; identity numbers encrypted, people named by their keyed hash.
CREATE TABLE exam_enrolments (
    session_id       uuid NOT NULL REFERENCES exam_sessions (id),
    person_key       text NOT NULL,
    name             text NOT NULL,
    "group"          text NOT NULL,
    department       text NOT NULL,
    identity_cipher  bytea NOT NULL,
    identity_masked  text NOT NULL,
    PRIMARY KEY (session_id, person_key)
);

CREATE TABLE exam_attempts (
    id           uuid PRIMARY KEY,
    session_id   uuid NOT NULL,
    person_key   text NOT NULL,
    score        numeric(5,1) NOT NULL,
    recorded_at  timestamptz NOT NULL,
    FOREIGN KEY (session_id, person_key) REFERENCES exam_enrolments (session_id, person_key)
);

-- 法治文化阵地: squares and bulletin boards, with their upgrades.
CREATE TABLE positions (
    id            uuid PRIMARY KEY,
    village_code  char(12) NOT NULL,
    kind          text NOT NULL,
    name          text NOT NULL,
    created_at    timestamptz NOT NULL
);

CREATE TABLE position_upgrades (
    id           uuid PRIMARY KEY,
    position_id  uuid NOT NULL REFERENCES positions (id),
    upgraded_on  date NOT NULL,
    amount       numeric(14,2) NOT NULL CHECK (amount >= 0),
    description  text NOT NULL
);
