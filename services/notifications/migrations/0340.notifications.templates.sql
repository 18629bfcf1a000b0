-- depends: 0309.notifications.digest_entries
-- Each tenant's template versions, never changed once written: a new wording is a new version. Built-in
-- templates (the consultation receipt, the scheduling emails) are version 1 of every tenant's template of their
-- key without a row here; a tenant's later versions of them are stored from version 2.
CREATE TABLE template_versions (
    tenant        text        NOT NULL,
    key           text        NOT NULL,
    version       integer     NOT NULL CHECK (version >= 1),
    kind          text        NOT NULL CHECK (kind IN ('email', 'sms', 'letter')),
    category      text        NOT NULL CHECK (category IN ('service', 'subscription', 'stakeholder')),
    subject_en    text        NOT NULL,
    subject_cy    text        NOT NULL,
    body_en       text        NOT NULL,
    body_cy       text        NOT NULL,
    placeholders  jsonb       NOT NULL,
    created_at    timestamptz NOT NULL,
    created_by    text        NOT NULL,
    PRIMARY KEY (tenant, key, version)
);
-- How an office shows Welsh and English; an office without a row has English first.
CREATE TABLE template_layouts (
    tenant      text        PRIMARY KEY,
    layout      text        NOT NULL CHECK (layout IN ('cy_first', 'en_first', 'side_by_side', 'separate')),
    changed_at  timestamptz NOT NULL,
    changed_by  text        NOT NULL
);
