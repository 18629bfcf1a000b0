-- depends: 0112.consultation.precept_settings
-- A consultation's bilingual summary for its start page ({"en": ..., "cy": ...}), and a draft
-- Plan's sections ([{"key", "title", "summary"}]) that residents read before rating them.
-- Both are public texts: corrections rewrite them and consultation_corrections keeps their history.
ALTER TABLE consultations ADD COLUMN summary jsonb;
ALTER TABLE consultations ADD COLUMN sections jsonb NOT NULL DEFAULT '[]';
