-- depends: 0002.common.consumers
-- Citizens' assemblies: the quotas live with the assembly (jsonb: feature, value, min, max, min_flex,
-- max_flex); `selected` is the current panel (registrant ids).
CREATE TABLE assemblies (
    id                      uuid        PRIMARY KEY,
    tenant                  text        NOT NULL,
    title_en                text        NOT NULL,
    title_cy                text,
    remit_en                text        NOT NULL,
    remit_cy                text,
    areas                   text[]      NOT NULL,
    panel_size              integer     NOT NULL CHECK (panel_size > 0),
    quotas                  jsonb       NOT NULL,
    registration_closes_at  timestamptz NOT NULL,
    replacement_deadline    date        NOT NULL,
    status                  text        NOT NULL,
    selected                uuid[]      NOT NULL DEFAULT '{}',
    created_at              timestamptz NOT NULL,
    version                 integer     NOT NULL DEFAULT 1
);
CREATE INDEX assemblies_tenant ON assemblies (tenant, created_at);

-- One code per invited household, printed on its letter.
CREATE TABLE assembly_invitations (
    assembly_id  uuid        NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    code         text        NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (assembly_id, code)
);

-- Personal data (name, contact, address) stays here and never enters an event.
CREATE TABLE assembly_registrants (
    id               uuid        PRIMARY KEY,
    tenant           text        NOT NULL,
    assembly_id      uuid        NOT NULL,
    invitation_code  text        NOT NULL,
    features         jsonb       NOT NULL,
    name             text        NOT NULL,
    email            text,
    phone            text,
    address_line     text        NOT NULL,
    postcode         text        NOT NULL,
    status           text        NOT NULL,
    registered_at    timestamptz NOT NULL,
    withdrawn_at     timestamptz,
    FOREIGN KEY (assembly_id, invitation_code) REFERENCES assembly_invitations (assembly_id, code)
);
CREATE INDEX assembly_registrants_assembly ON assembly_registrants (assembly_id, registered_at);
CREATE UNIQUE INDEX assembly_registrants_one_email ON assembly_registrants (assembly_id, lower(email))
    WHERE email IS NOT NULL;
CREATE UNIQUE INDEX assembly_registrants_one_phone ON assembly_registrants (assembly_id, phone)
    WHERE phone IS NOT NULL;

-- Selection and replacement runs: requested by staff, carried out by a background worker.
CREATE TABLE assembly_selection_runs (
    id            uuid        PRIMARY KEY,
    tenant        text        NOT NULL,
    assembly_id   uuid        NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    kind          text        NOT NULL,
    algorithm     text        NOT NULL,
    seed          bigint      NOT NULL,
    dropouts      uuid[]      NOT NULL DEFAULT '{}',
    status        text        NOT NULL,
    requested_at  timestamptz NOT NULL,
    started_at    timestamptz,
    finished_at   timestamptz,
    error         text,
    selected      uuid[],
    summary       jsonb,
    distribution  jsonb
);
CREATE INDEX assembly_selection_runs_waiting ON assembly_selection_runs (requested_at) WHERE status = 'queued';
-- At most one run under way per assembly.
CREATE UNIQUE INDEX assembly_selection_runs_one_active ON assembly_selection_runs (assembly_id)
    WHERE status IN ('queued', 'running');
