-- depends: 0501.web.sessions_and_display
-- A member of staff signed in on one browser. The cookie holds a random id; only its SHA-256 is kept here.
CREATE TABLE web_staff_sessions (
    id_hash       text PRIMARY KEY,
    tenant        text NOT NULL,
    subject       text NOT NULL,
    name          text NOT NULL,
    email         text NOT NULL DEFAULT '',
    roles         text[] NOT NULL,
    lang          text NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'cy')),
    started_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    ended_at      timestamptz
);
CREATE INDEX web_staff_sessions_user ON web_staff_sessions (tenant, subject) WHERE ended_at IS NULL;
CREATE INDEX web_staff_sessions_seen ON web_staff_sessions (last_seen_at);
