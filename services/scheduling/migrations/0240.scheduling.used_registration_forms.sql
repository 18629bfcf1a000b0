-- depends: 0210.scheduling.assemblies
-- Registration forms already sent back: a form's token names it alone, and registers one person only.
-- Two registrations racing with one form both insert its row; the second waits for the first's
-- transaction and is refused once it commits.
CREATE TABLE assembly_used_forms (
    form_token text PRIMARY KEY,
    issued_at timestamptz NOT NULL,
    used_at timestamptz NOT NULL
);
