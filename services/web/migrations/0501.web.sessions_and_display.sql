-- depends: 0002.common.consumers
-- A resident's web session: the CSRF secret and the answers in progress, nothing else.
CREATE TABLE web_sessions (
    id          text PRIMARY KEY,
    data        jsonb NOT NULL DEFAULT '{}'::jsonb,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);
CREATE INDEX web_sessions_expiry ON web_sessions (expires_at);

-- How each office's pages look: names, the title of its head, colours and links (set by an admin).
CREATE TABLE web_tenant_display (
    tenant      text PRIMARY KEY,
    display     jsonb NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
