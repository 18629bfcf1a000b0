-- depends: 0101.consultation.consultations
ALTER TABLE consultations
    ADD COLUMN requires_welsh     boolean NOT NULL DEFAULT false,
    ADD COLUMN results_embargoed  boolean NOT NULL DEFAULT false,
    ADD COLUMN closed_at          timestamptz,
    ADD COLUMN outcome            jsonb;
-- The clock finds what is due to open or close.
CREATE INDEX consultations_due_to_open ON consultations (opens_at) WHERE status = 'scheduled';
CREATE INDEX consultations_due_to_close ON consultations (closes_at) WHERE status IN ('scheduled', 'open');

ALTER TABLE responses
    ADD COLUMN area                   text  NOT NULL DEFAULT 'unknown',
    ADD COLUMN postcode_district      text,
    ADD COLUMN withdrawal_token_hash  bytea;

-- Kept apart from the answers: equality monitoring (given with its own consent) and receipts.
CREATE TABLE response_equality (
    response_id  uuid  PRIMARY KEY REFERENCES responses (id) ON DELETE CASCADE,
    bands        jsonb NOT NULL
);
CREATE TABLE response_contacts (
    response_id  uuid        PRIMARY KEY REFERENCES responses (id) ON DELETE CASCADE,
    email        text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- A retried submission (same Idempotency-Key) gets the first response back.
CREATE TABLE response_idempotency (
    consultation_id   uuid        NOT NULL,
    idempotency_key   text        NOT NULL,
    fingerprint       bytea       NOT NULL,
    response_id       uuid        NOT NULL,
    submitted_at      timestamptz NOT NULL,
    withdrawal_token  text        NOT NULL,
    PRIMARY KEY (consultation_id, idempotency_key)
);

-- What was erased, and why: no answers, only the fact.
CREATE TABLE erased_responses (
    response_id      uuid        PRIMARY KEY,
    consultation_id  uuid        NOT NULL,
    tenant           text        NOT NULL,
    reason           text        NOT NULL,
    erased_at        timestamptz NOT NULL
);

CREATE TABLE area_postcodes (
    tenant             text NOT NULL,
    postcode_district  text NOT NULL,
    area_key           text NOT NULL,
    area_name          text NOT NULL,
    PRIMARY KEY (tenant, postcode_district)
);

CREATE TABLE moderation_log (
    response_id      uuid        NOT NULL,
    consultation_id  uuid        NOT NULL,
    tenant           text        NOT NULL,
    question_key     text        NOT NULL,
    decision         text        NOT NULL,
    reason           text        NOT NULL,
    moderator        text        NOT NULL,
    moderated_at     timestamptz NOT NULL,
    PRIMARY KEY (response_id, question_key, moderated_at)
);

CREATE TABLE consultation_corrections (
    consultation_id  uuid        NOT NULL REFERENCES consultations (id),
    version          integer     NOT NULL,
    field            text        NOT NULL,
    before           jsonb       NOT NULL,
    after            jsonb       NOT NULL,
    editor           text        NOT NULL,
    corrected_at     timestamptz NOT NULL,
    PRIMARY KEY (consultation_id, version, field)
);
