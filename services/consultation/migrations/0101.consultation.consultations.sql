-- depends: 0002.common.consumers
CREATE TABLE consultations (
    id          uuid        PRIMARY KEY,
    tenant      text        NOT NULL,
    title       jsonb       NOT NULL,
    kind        text        NOT NULL,
    status      text        NOT NULL,
    questions   jsonb       NOT NULL,
    closes_at   timestamptz NOT NULL,
    opens_at    timestamptz,
    created_at  timestamptz NOT NULL,
    version     integer     NOT NULL DEFAULT 1
);
CREATE INDEX consultations_tenant ON consultations (tenant, created_at DESC);

CREATE TABLE responses (
    id               uuid        PRIMARY KEY,
    consultation_id  uuid        NOT NULL REFERENCES consultations (id),
    tenant           text        NOT NULL,
    answers          jsonb       NOT NULL,
    submitted_at     timestamptz NOT NULL
);
CREATE INDEX responses_consultation ON responses (consultation_id, submitted_at);
