-- 行政执法公示（事前）: who may enforce what, on which legal basis.
CREATE TABLE powers (
    id           uuid PRIMARY KEY,
    town_code    char(12) NOT NULL,
    department   text NOT NULL,
    name         text NOT NULL,
    kind         text NOT NULL,
    legal_basis  text NOT NULL,
    UNIQUE (town_code, department, name)
);
