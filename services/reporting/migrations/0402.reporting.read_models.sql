-- depends: 0401.reporting.consultation_results
-- Read models keep each response and its answers, so that an erased response can be removed
-- and medians taken. They live in the schema read_models: `peel reporting rebuild` copies these
-- tables into read_models_next, replays every event into the copy and swaps the schemas.
-- Tables here have natural keys and no sequences or foreign keys, so that a copy made with
-- CREATE TABLE ... (LIKE ... INCLUDING ALL) is complete.
DROP TABLE consultation_results, consultation_response_counts, consultation_answer_counts;

-- The consumer is renamed (reporting.read-models.v2): a new consumer group starts from the
-- beginning of each topic and fills these tables; the old name's bookkeeping goes.
DELETE FROM consumer_positions WHERE consumer LIKE '%reporting.read-models';
DELETE FROM processed_events WHERE consumer LIKE '%reporting.read-models';

CREATE SCHEMA read_models;

CREATE TABLE read_models.consultations (
    consultation_id       uuid        PRIMARY KEY,
    tenant                text        NOT NULL,
    title                 jsonb       NOT NULL,
    kind                  text        NOT NULL,
    questions             jsonb       NOT NULL,
    areas                 text[]      NOT NULL,
    opens_at              timestamptz NOT NULL,
    closes_at             timestamptz NOT NULL,
    results_embargoed     boolean     NOT NULL,
    published_at          timestamptz NOT NULL,  -- when the publication event happened; a later one wins
    closed_at             timestamptz,
    results_published_at  timestamptz,
    outcome               jsonb,
    outcome_published_at  timestamptz
);
CREATE INDEX ON read_models.consultations (tenant);

-- Keyed by response alone: a response may arrive before its consultation's published event.
CREATE TABLE read_models.responses (
    response_id      uuid        PRIMARY KEY,
    consultation_id  uuid        NOT NULL,
    tenant           text        NOT NULL,
    area             text        NOT NULL,
    age_band         text,
    sex              text,
    ethnicity        text,
    disability       text,
    submitted_at     timestamptz NOT NULL
);
CREATE INDEX ON read_models.responses (consultation_id);

-- One row per answer (item '': a rating, a number, a precept change, or no value) and one per
-- option chosen (item: the option), option ranked (value: its rank) or budget line (value: % change).
CREATE TABLE read_models.answers (
    response_id      uuid             NOT NULL,
    consultation_id  uuid             NOT NULL,
    question_key     text             NOT NULL,
    item             text             NOT NULL,
    value            double precision,
    PRIMARY KEY (response_id, question_key, item)
);
CREATE INDEX ON read_models.answers (consultation_id, question_key);

-- Free-text answers and their moderation; the words are kept only when the respondent agreed
-- to their publication.
CREATE TABLE read_models.free_texts (
    response_id      uuid        NOT NULL,
    consultation_id  uuid        NOT NULL,
    question_key     text        NOT NULL,
    submitted_at     timestamptz NOT NULL,
    publishable      boolean     NOT NULL,
    text             text,
    moderation       text        NOT NULL DEFAULT 'pending'
                                 CHECK (moderation IN ('pending', 'approved', 'redacted')),
    moderated_at     timestamptz,
    PRIMARY KEY (response_id, question_key)
);
CREATE INDEX ON read_models.free_texts (consultation_id);

-- Erased responses: a submission that arrives after its erasure is ignored.
CREATE TABLE read_models.erased_responses (
    response_id      uuid        PRIMARY KEY,
    consultation_id  uuid        NOT NULL,
    erased_at        timestamptz NOT NULL
);
