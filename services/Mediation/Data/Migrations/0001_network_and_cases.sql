-- The four-level mediation network 镇—管区—片区—村居.
CREATE TABLE network_nodes (
    code          text PRIMARY KEY,
    name          text NOT NULL,
    level         text NOT NULL,
    parent_code   text REFERENCES network_nodes (code),
    village_code  char(12) UNIQUE,
    town_code     char(12) NOT NULL,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX network_nodes_parent ON network_nodes (parent_code);
CREATE INDEX network_nodes_town ON network_nodes (town_code);

CREATE TABLE dispute_cases (
    id                   uuid PRIMARY KEY,
    source               text NOT NULL,
    source_report_id     uuid UNIQUE,
    village_code         char(12) NOT NULL,
    town_code            char(12) NOT NULL,
    node_code            text NOT NULL REFERENCES network_nodes (code),
    level                text NOT NULL,
    category             text NOT NULL,
    summary              text NOT NULL,
    household_count      integer NOT NULL,
    status               text NOT NULL,
    opened_at            timestamptz NOT NULL,
    agreement_terms      text,
    agreement_signed_on  date,
    resolved_at          timestamptz,
    updated_at           timestamptz NOT NULL
);
CREATE INDEX dispute_cases_node_status ON dispute_cases (node_code, status);
CREATE INDEX dispute_cases_town_opened ON dispute_cases (town_code, opened_at);
