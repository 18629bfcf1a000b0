-- depends: 0002.common.consumers
-- The audit trail: one row per staff action a service accepted (who, what, to which resource, when),
-- written before the answer is sent. Kept by the service that owns the resource.
CREATE TABLE audit_log (
    id            bigserial   PRIMARY KEY,
    tenant        text        NOT NULL,
    subject       text        NOT NULL,
    roles         text[]      NOT NULL,
    method        text        NOT NULL,
    route         text        NOT NULL,
    action        text        NOT NULL,
    resource_ids  jsonb       NOT NULL DEFAULT '{}'::jsonb,
    resources     text[]      NOT NULL DEFAULT '{}',
    status        smallint    NOT NULL,
    at            timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- The office's entries newest first, by person, and by any id the action touched.
CREATE INDEX audit_log_by_office ON audit_log (tenant, at DESC, id DESC);
CREATE INDEX audit_log_by_person ON audit_log (tenant, subject, at DESC);
CREATE INDEX audit_log_by_resource ON audit_log USING gin (resources);
