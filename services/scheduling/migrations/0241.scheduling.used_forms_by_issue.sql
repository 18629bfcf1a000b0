-- depends: 0240.scheduling.used_registration_forms
-- Used forms are kept only while a form could still be sent back (FORM_LIFETIME); older ones are deleted
-- by their time of issue whenever a form is used.
CREATE INDEX assembly_used_forms_issued ON assembly_used_forms (issued_at);
