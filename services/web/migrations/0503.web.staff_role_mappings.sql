-- depends: 0502.web.staff_sessions
-- An office's mapping of its identity provider's groups to Peel roles, as an admin saved it (it replaces the
-- configured default). One row per office: saving replaces the whole mapping.
CREATE TABLE web_staff_role_mappings (
    tenant      text PRIMARY KEY,
    mapping     jsonb NOT NULL CHECK (jsonb_typeof(mapping) = 'object'),
    updated_by  text NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
