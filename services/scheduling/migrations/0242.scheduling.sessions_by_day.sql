-- depends: 0201.scheduling.venues_and_sessions
-- Staff list a tenant's sessions between two days (the dashboard's week): the days are London days.
CREATE INDEX surgery_sessions_tenant_day ON surgery_sessions (tenant, day);
