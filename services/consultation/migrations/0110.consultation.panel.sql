-- depends: 0101.consultation.consultations
CREATE TABLE panel_meetings (
    id                    uuid        PRIMARY KEY,
    tenant                text        NOT NULL,
    starts_at             timestamptz NOT NULL,
    title                 jsonb       NOT NULL,
    venue                 jsonb       NOT NULL,
    notice_working_days   integer     NOT NULL CHECK (notice_working_days >= 0),
    word_limit            integer     NOT NULL CHECK (word_limit > 0),
    answer_working_days   integer     NOT NULL CHECK (answer_working_days > 0),
    submissions_close_on  date        NOT NULL,
    created_at            timestamptz NOT NULL
);
CREATE INDEX panel_meetings_tenant ON panel_meetings (tenant, starts_at);

CREATE TABLE panel_questions (
    id                uuid        PRIMARY KEY,
    meeting_id        uuid        NOT NULL REFERENCES panel_meetings (id),
    tenant            text        NOT NULL,
    meeting_date      date        NOT NULL,
    text              text        NOT NULL,
    word_count        integer     NOT NULL,
    status            text        NOT NULL,
    submitted_at      timestamptz NOT NULL,
    accepted_at       timestamptz,
    answer_due        date,
    rejected_at       timestamptz,
    rejection_reason  text,
    response          jsonb,
    answered_on       date,
    answered_at       timestamptz,
    published_at      timestamptz,
    version           integer     NOT NULL DEFAULT 1
);
CREATE INDEX panel_questions_meeting ON panel_questions (meeting_id, submitted_at);

-- Who asked: personal data, apart from the questions and never in events.
-- "person" is the normalised email address: one question per person per meeting.
CREATE TABLE panel_askers (
    question_id  uuid PRIMARY KEY REFERENCES panel_questions (id) ON DELETE CASCADE,
    meeting_id   uuid NOT NULL REFERENCES panel_meetings (id),
    person       text NOT NULL,
    name         text NOT NULL,
    email        text NOT NULL,
    area         text,
    CONSTRAINT panel_askers_one_per_person UNIQUE (meeting_id, person)
);

CREATE TABLE panel_rejection_reasons (
    tenant      text        NOT NULL,
    key         text        NOT NULL,
    label       jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, key)
);

CREATE TABLE panel_closures (
    tenant     text NOT NULL,
    closed_on  date NOT NULL,
    label      text NOT NULL,
    PRIMARY KEY (tenant, closed_on)
);
