-- depends: 0002.common.consumers
-- Read model: each published consultation with its questions, and the tallies of its responses.
CREATE TABLE consultation_results (
    consultation_id  uuid        PRIMARY KEY,
    tenant           text        NOT NULL,
    title            jsonb       NOT NULL,
    kind             text        NOT NULL,
    questions        jsonb       NOT NULL,
    opens_at         timestamptz NOT NULL,
    closes_at        timestamptz NOT NULL
);

-- Keyed by consultation alone: a response may arrive before its consultation's published event.
CREATE TABLE consultation_response_counts (
    consultation_id    uuid        PRIMARY KEY,
    tenant             text        NOT NULL,
    responses          bigint      NOT NULL,
    last_response_at   timestamptz NOT NULL
);

CREATE TABLE consultation_answer_counts (
    consultation_id  uuid    NOT NULL,
    question_key     text    NOT NULL,
    option_key       text    NOT NULL,  -- '' counts the free-text answers given
    answers          bigint  NOT NULL,
    PRIMARY KEY (consultation_id, question_key, option_key)
);
