"""The assemblies read model's SQL: assemblies, their registrants (the pool), panels with members' replies,
selection runs, and recommendations with the response to each, their progress and the meetings held.

Each change fills its own columns, safe twice and in any order.
"""

PANEL_COLUMNS = frozenset({"added_at", "dropped_at"})
ASSEMBLIES = """
INSERT INTO {schema}.assemblies (assembly_id, tenant, title, areas, panel_size, quotas, registration_closes_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (assembly_id) DO UPDATE SET
    title = EXCLUDED.title, areas = EXCLUDED.areas, panel_size = EXCLUDED.panel_size, quotas = EXCLUDED.quotas,
    registration_closes_at = EXCLUDED.registration_closes_at
"""
REGISTRANTS_JOINED = """
INSERT INTO {schema}.assembly_registrants (registrant_id, assembly_id, tenant, features, joined_at)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[], $5::timestamptz[])
ON CONFLICT (registrant_id) DO UPDATE SET features = EXCLUDED.features, joined_at = EXCLUDED.joined_at
"""
REGISTRANTS_WITHDREW = """
INSERT INTO {schema}.assembly_registrants (registrant_id, assembly_id, tenant, withdrew_at)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[])
ON CONFLICT (registrant_id) DO UPDATE SET withdrew_at = EXCLUDED.withdrew_at
"""
PANEL_CHANGES = """
INSERT INTO {schema}.assembly_panel AS member (assembly_id, registrant_id, tenant, {column})
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[])
ON CONFLICT (assembly_id, registrant_id) DO UPDATE SET {column} = greatest(member.{column}, EXCLUDED.{column})
"""
ADD_RUNS = """
INSERT INTO {schema}.assembly_selection_runs (run_id, assembly_id, tenant, kind, ran_at, algorithm, seed, pool_size,
                                              min_probability, max_probability, gini, selected, dropouts, replacements)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::numeric[],
                     $8::integer[], $9::float8[], $10::float8[], $11::float8[], $12::integer[], $13::integer[],
                     $14::integer[])
ON CONFLICT (run_id) DO NOTHING
"""
# A member's reply to their place: the latest wins; of two at the same moment, the decline.
SET_REPLIES = """
INSERT INTO {schema}.assembly_panel AS member (assembly_id, registrant_id, tenant, replied_at, reply)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::text[])
ON CONFLICT (assembly_id, registrant_id) DO UPDATE SET replied_at = EXCLUDED.replied_at, reply = EXCLUDED.reply
WHERE member.replied_at IS NULL OR (member.replied_at, member.reply) < (EXCLUDED.replied_at, EXCLUDED.reply)
"""
RECOMMENDATIONS_MADE = """
INSERT INTO {schema}.assembly_recommendations (recommendation_id, assembly_id, tenant, number, text, support_share,
                                               made_at)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::integer[], $5::text[], $6::float8[], $7::timestamptz[])
ON CONFLICT (recommendation_id) DO UPDATE SET
    number = EXCLUDED.number, text = EXCLUDED.text, support_share = EXCLUDED.support_share, made_at = EXCLUDED.made_at
"""
RESPONSES = """
INSERT INTO {schema}.assembly_recommendations (recommendation_id, assembly_id, tenant, number, decision, due,
                                               responded_at)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::integer[], $5::text[], $6::date[], $7::timestamptz[])
ON CONFLICT (recommendation_id) DO UPDATE SET
    decision = EXCLUDED.decision, due = EXCLUDED.due, responded_at = EXCLUDED.responded_at
"""
PROGRESS = """
INSERT INTO {schema}.assembly_recommendation_progress (recommendation_id, at, tenant, done)
SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::boolean[])
ON CONFLICT (recommendation_id, at) DO NOTHING
"""
ADD_ASSEMBLY_MEETINGS = """
INSERT INTO {schema}.assembly_meetings (meeting_id, assembly_id, tenant, format, members, attended, held_at)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::integer[], $6::integer[], $7::timestamptz[])
ON CONFLICT (meeting_id) DO NOTHING
"""

# Queries, scoped to a tenant.
ASSEMBLY = """
SELECT assembly_id, title, areas, panel_size, quotas, registration_closes_at
FROM {schema}.assemblies WHERE assembly_id = $1 AND tenant = $2
"""
IN_POOL = "r.assembly_id = $1 AND r.tenant = $2 AND r.joined_at IS NOT NULL AND r.withdrew_at IS NULL"
NOW_ON_PANEL = "p.added_at IS NOT NULL AND (p.dropped_at IS NULL OR p.dropped_at < p.added_at)"
ON_PANEL = f"p.assembly_id = $1 AND p.tenant = $2 AND {NOW_ON_PANEL}"
POOL = f"SELECT count(*) FROM {{schema}}.assembly_registrants r WHERE {IN_POOL}"
POOL_COUNTS = f"""
SELECT f.key AS feature, f.value, count(*) AS people
FROM {{schema}}.assembly_registrants r, jsonb_each_text(r.features) f WHERE {IN_POOL} GROUP BY 1, 2
"""
PANEL = f"SELECT count(*) FROM {{schema}}.assembly_panel p WHERE {ON_PANEL}"
PANEL_COUNTS = f"""
SELECT f.key AS feature, f.value, count(*) AS people
FROM {{schema}}.assembly_panel p
JOIN {{schema}}.assembly_registrants r ON r.registrant_id = p.registrant_id AND r.tenant = p.tenant,
     jsonb_each_text(r.features) f
WHERE {ON_PANEL} GROUP BY 1, 2
"""
REPLIES = f"""
SELECT p.reply, {NOW_ON_PANEL} AS on_panel, count(*) AS people
FROM {{schema}}.assembly_panel p
WHERE p.assembly_id = $1 AND p.tenant = $2 AND p.added_at IS NOT NULL AND p.reply IS NOT NULL GROUP BY 1, 2
"""
REPLY_COUNTS = f"""
SELECT p.reply, f.key AS feature, f.value, count(*) AS people
FROM {{schema}}.assembly_panel p
JOIN {{schema}}.assembly_registrants r ON r.registrant_id = p.registrant_id AND r.tenant = p.tenant,
     jsonb_each_text(r.features) f
WHERE {ON_PANEL} AND p.reply IS NOT NULL GROUP BY 1, 2, 3
"""
RUNS = """
SELECT run_id, kind, ran_at, algorithm, seed, pool_size, min_probability, max_probability, gini, selected, dropouts,
       replacements
FROM {schema}.assembly_selection_runs WHERE assembly_id = $1 AND tenant = $2
"""
RECOMMENDATIONS = """
SELECT r.recommendation_id, r.number, r.text, r.support_share, r.made_at, r.decision, r.due, r.responded_at,
       count(p.at) AS progress_updates,
       coalesce((array_agg(p.done ORDER BY p.at DESC))[1], false) AS done
FROM {schema}.assembly_recommendations r
LEFT JOIN {schema}.assembly_recommendation_progress p
       ON p.recommendation_id = r.recommendation_id AND p.tenant = r.tenant
WHERE r.assembly_id = $1 AND r.tenant = $2
GROUP BY r.recommendation_id
"""
ASSEMBLY_MEETINGS = """
SELECT meeting_id, format, members, attended, held_at
FROM {schema}.assembly_meetings WHERE assembly_id = $1 AND tenant = $2
"""
