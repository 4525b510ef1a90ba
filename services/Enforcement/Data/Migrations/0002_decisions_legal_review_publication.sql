ALTER TABLE cases
    ADD COLUMN major             boolean NOT NULL DEFAULT false,
    ADD COLUMN decision_content  text,
    ADD COLUMN decided_at        timestamptz,
    ADD COLUMN publish_due_on    date,
    ADD COLUMN published_at      timestamptz;
CREATE INDEX cases_publication ON cases (town_code, published_at, publish_due_on) WHERE decided_at IS NOT NULL;

-- 重大执法决定法制审核: the legal reviewer's opinions on a major decision, in order.
CREATE TABLE legal_reviews (
    id           uuid PRIMARY KEY,
    case_id      uuid NOT NULL REFERENCES cases (id),
    reviewer     text NOT NULL,
    opinion      text NOT NULL,
    reasons      text NOT NULL,
    reviewed_at  timestamptz NOT NULL
);
CREATE INDEX legal_reviews_case ON legal_reviews (case_id, reviewed_at);

CREATE TABLE calendar_days (
    day      date PRIMARY KEY,
    working  boolean NOT NULL
);
