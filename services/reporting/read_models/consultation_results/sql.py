"""The consultation results read model's SQL: consultations, responses (area and equality bands), answers,
free texts with their moderation, and erased responses.

Changes are safe to apply twice and in any order a replay brings.
"""

# A new change stamp for each consultation named, in the transaction of the write that changed it: results kept
# under the old stamp are never served again.
TOUCH = """
UPDATE {schema}.consultations SET changes = nextval('public.read_model_changes')
WHERE consultation_id = ANY($1::uuid[])
"""
# The same, for the consultations of the responses named.
TOUCH_RESPONSES = """
UPDATE {schema}.consultations SET changes = nextval('public.read_model_changes')
WHERE consultation_id IN (SELECT consultation_id FROM {schema}.responses WHERE response_id = ANY($1::uuid[]))
"""
CHANGES = "SELECT changes FROM {schema}.consultations WHERE consultation_id = $1"
# An extension of the closing date, once known, outlasts a later publication's date.
UPSERT_CONSULTATION = """
INSERT INTO {schema}.consultations (consultation_id, tenant, title, kind, questions, areas, opens_at, closes_at,
                                    results_embargoed, published_at, precept, sections, changes)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, nextval('public.read_model_changes'))
ON CONFLICT (consultation_id) DO UPDATE SET changes = EXCLUDED.changes,
    title = EXCLUDED.title, kind = EXCLUDED.kind, questions = EXCLUDED.questions, areas = EXCLUDED.areas,
    opens_at = EXCLUDED.opens_at, results_embargoed = EXCLUDED.results_embargoed,
    closes_at = CASE WHEN consultations.closing_extended_at IS NULL THEN EXCLUDED.closes_at
                     ELSE consultations.closes_at END,
    published_at = EXCLUDED.published_at, precept = EXCLUDED.precept, sections = EXCLUDED.sections
WHERE consultations.published_at <= EXCLUDED.published_at
"""
# Of two extensions, the later.
EXTEND = """
UPDATE {schema}.consultations SET closes_at = $2, closing_extended_at = $3
WHERE consultation_id = $1 AND (closing_extended_at IS NULL OR closing_extended_at <= $3)
"""
# Of two corrections of a place, the one with the higher version (a row stored before corrections kept their
# time takes it when its event is read again).
CORRECT = """
INSERT INTO {schema}.consultation_corrections (consultation_id, tenant, field, version, text, corrected_at)
SELECT consultation_id, tenant, field, version, text::jsonb, corrected_at
FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::timestamptz[])
    AS corrected (consultation_id, tenant, field, version, text, corrected_at)
ON CONFLICT (consultation_id, field) DO UPDATE
SET version = EXCLUDED.version, text = EXCLUDED.text, corrected_at = EXCLUDED.corrected_at
WHERE consultation_corrections.version < EXCLUDED.version
   OR (consultation_corrections.version = EXCLUDED.version AND consultation_corrections.corrected_at IS NULL)
"""
CLOSE = "UPDATE {schema}.consultations SET closed_at = $2 WHERE consultation_id = $1"
RESULTS_PUBLISHED = "UPDATE {schema}.consultations SET results_published_at = $2 WHERE consultation_id = $1"
OUTCOME_PUBLISHED = """
UPDATE {schema}.consultations SET outcome = $2, outcome_published_at = $3
WHERE consultation_id = $1 AND (outcome_published_at IS NULL OR outcome_published_at <= $3)
"""
ADD_RESPONSES = """
INSERT INTO {schema}.responses (response_id, consultation_id, tenant, area, age_band, sex, ethnicity, disability,
                                submitted_at, channel)
SELECT r.* FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                       $8::text[], $9::timestamptz[], $10::text[])
    AS r (response_id, consultation_id, tenant, area, age_band, sex, ethnicity, disability, submitted_at, channel)
WHERE NOT EXISTS (SELECT 1 FROM {schema}.erased_responses erased WHERE erased.response_id = r.response_id)
ON CONFLICT (response_id) DO NOTHING
RETURNING response_id
"""
ADD_ANSWERS = """
INSERT INTO {schema}.answers (response_id, consultation_id, question_key, item, value)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::float8[])
"""
ADD_FREE_TEXTS = """
INSERT INTO {schema}.free_texts (response_id, consultation_id, question_key, submitted_at, publishable, text)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::boolean[], $6::text[])
"""
ERASE = """
WITH tombstones AS (
    INSERT INTO {schema}.erased_responses (response_id, consultation_id, erased_at)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[])
    ON CONFLICT (response_id) DO NOTHING
), answers AS (
    DELETE FROM {schema}.answers WHERE response_id = ANY($1::uuid[])
), free_texts AS (
    DELETE FROM {schema}.free_texts WHERE response_id = ANY($1::uuid[])
)
DELETE FROM {schema}.responses WHERE response_id = ANY($1::uuid[])
"""
# A later decision wins; of two at the same moment, redaction wins.
MODERATE = """
UPDATE {schema}.free_texts AS answer SET moderation = decided.decision, moderated_at = decided.moderated_at
FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[])
    AS decided (response_id, question_key, decision, moderated_at)
WHERE answer.response_id = decided.response_id AND answer.question_key = decided.question_key
  AND (answer.moderated_at IS NULL
       OR (answer.moderated_at, answer.moderation = 'redacted') < (decided.moderated_at, decided.decision = 'redacted'))
"""

# Queries, scoped to a tenant. A correction of the outcome decided before the outcome was last published
# corrected an earlier publication, and is not shown (one whose time is unknown is).
CONSULTATION_COLUMNS = """c.consultation_id, c.tenant, c.title, c.kind, c.questions, c.sections, c.areas,
    c.results_embargoed, c.closes_at, c.closed_at, c.results_published_at, c.precept, c.outcome, c.outcome_published_at,
    (SELECT jsonb_object_agg(k.field, k.text) FROM {schema}.consultation_corrections k
     WHERE k.consultation_id = c.consultation_id AND k.tenant = c.tenant
       AND (k.field <> 'outcome' OR k.corrected_at IS NULL OR k.corrected_at >= c.outcome_published_at)
    ) AS corrections"""
CONSULTATION = f"""SELECT {CONSULTATION_COLUMNS} FROM {{schema}}.consultations c
WHERE c.consultation_id = $1 AND c.tenant = $2"""
# The public's: any tenant's, which the consultation's row then names.
ANY_CONSULTATION = f"SELECT {CONSULTATION_COLUMNS} FROM {{schema}}.consultations c WHERE c.consultation_id = $1"
# The reports of every channel together, or of one: ``{channel}`` is nothing, or the condition ``only_channel``
# gives, so that the results of every channel run the same statement as before channels were kept.
RESPONSES = "SELECT count(*) FROM {schema}.responses WHERE consultation_id = $1 AND tenant = $2"


def only_channel(channel: str | None, number: int) -> tuple[str, tuple[str, ...]]:
    """The condition keeping one channel's responses, given as parameter ``$number``, and that parameter; nothing
    for every channel's."""
    return (f"AND r.channel = ${number}", (channel,)) if channel else ("", ())



# The responses staff keyed in, few beside those given online, counted from their own index; the online ones are
# the rest of RESPONSES, so that counting channels costs the results no second pass over every response.
KEYED_IN = """
SELECT channel, count(*) AS responses FROM {schema}.responses
WHERE consultation_id = $1 AND tenant = $2 AND channel <> 'online'
GROUP BY channel
"""
TALLY = """
SELECT a.question_key, a.item, a.value, count(*) AS respondents
FROM {schema}.answers a JOIN {schema}.responses r USING (response_id)
WHERE r.consultation_id = $1 AND r.tenant = $2 {channel}
GROUP BY a.question_key, a.item, a.value
"""
TEXT_COUNTS = """
SELECT f.question_key,
       count(*) FILTER (WHERE f.publishable) AS publishable,
       count(*) FILTER (WHERE f.moderation = 'pending') AS pending,
       count(*) FILTER (WHERE f.moderation = 'approved') AS approved,
       count(*) FILTER (WHERE f.moderation = 'redacted') AS redacted
FROM {schema}.free_texts f JOIN {schema}.responses r USING (response_id)
WHERE r.consultation_id = $1 AND r.tenant = $2 {channel}
GROUP BY f.question_key
"""
APPROVED_TEXT = """
SELECT f.question_key, f.text
FROM {schema}.free_texts f JOIN {schema}.responses r USING (response_id)
WHERE r.consultation_id = $1 AND r.tenant = $2 AND f.publishable AND f.moderation = 'approved'
  {channel}
ORDER BY f.submitted_at, f.response_id, f.question_key
"""
GROUP_SIZES = """
SELECT coalesce(r.{column}, $3) AS grouped, count(*) AS respondents FROM {schema}.responses r
WHERE r.consultation_id = $1 AND r.tenant = $2 {channel} GROUP BY 1
"""
GROUP_TALLY = """
SELECT coalesce(r.{column}, $3) AS grouped, a.question_key, a.item, a.value, count(*) AS respondents
FROM {schema}.answers a JOIN {schema}.responses r USING (response_id)
WHERE r.consultation_id = $1 AND r.tenant = $2 AND a.question_key = ANY($4::text[])
  {channel}
GROUP BY 1, 2, 3, 4
"""
CELLS = """
SELECT r.area, {bands}, count(*) AS respondents FROM {schema}.responses r
WHERE r.consultation_id = $1 AND r.tenant = $2 GROUP BY r.area, {bands}
"""
CELL_TALLY = """
SELECT r.area, {bands}, a.question_key, a.item, a.value, count(*) AS respondents
FROM {schema}.answers a JOIN {schema}.responses r USING (response_id)
WHERE r.consultation_id = $1 AND r.tenant = $2 AND a.question_key = ANY($3::text[])
GROUP BY r.area, {bands}, a.question_key, a.item, a.value
"""
APPROVED_BY_AREA = """
SELECT r.area, f.question_key, count(*) AS approved
FROM {schema}.free_texts f JOIN {schema}.responses r USING (response_id)
WHERE r.consultation_id = $1 AND r.tenant = $2 AND f.publishable AND f.moderation = 'approved'
GROUP BY r.area, f.question_key
"""
