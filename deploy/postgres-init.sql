-- One database per Peel service, owned by the server's superuser (POSTGRES_USER).
-- Run once by the postgres image on an empty data directory
-- (/docker-entrypoint-initdb.d); each service creates its tables itself
-- through its migrations at start-up.
--
-- CREATE DATABASE cannot run inside a function or a transaction block, so the
-- statements are generated and run with psql's \gexec; databases that already
-- exist (for example one named by POSTGRES_DB) are skipped.

SELECT format('CREATE DATABASE %I OWNER %I', name, current_user)
FROM unnest(ARRAY[
    'peel_consultation',
    'peel_scheduling',
    'peel_notifications',
    'peel_reporting'
]) AS name
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = name)
\gexec
