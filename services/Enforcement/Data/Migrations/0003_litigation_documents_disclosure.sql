CREATE TABLE lawsuits (
    id           uuid PRIMARY KEY,
    town_code    char(12) NOT NULL,
    case_number  text NOT NULL UNIQUE,
    cause        text NOT NULL,
    filed_on     date NOT NULL,
    outcome      text,
    decided_on   date
);

CREATE TABLE lawsuit_hearings (
    id             uuid PRIMARY KEY,
    lawsuit_id     uuid NOT NULL REFERENCES lawsuits (id),
    held_on        date NOT NULL,
    head_appeared  boolean NOT NULL
);

CREATE TABLE normative_documents (
    id                uuid PRIMARY KEY,
    town_code         char(12) NOT NULL,
    title             text NOT NULL,
    status            text NOT NULL,
    legality_opinion  text,
    published_on      date,
    filing_due_on     date,
    filed_on          date,
    review_result     text
);

CREATE TABLE disclosure_requests (
    id                uuid PRIMARY KEY,
    town_code         char(12) NOT NULL,
    subject           text NOT NULL,
    received_on       date NOT NULL,
    due_on            date NOT NULL,
    extended          boolean NOT NULL DEFAULT false,
    extension_reason  text,
    answered_on       date
);
