-- depends: 0122.consultation.response_channels
-- The questions each response answered with a free text meant for publishing (a JSON array of their keys), kept
-- beside the answers whenever they are written, so that the staff overview counts the answers awaiting moderation
-- from an index alone rather than reading every such response's answers (half of all responses, on some
-- consultations).
ALTER TABLE responses ADD COLUMN publishable_texts jsonb NOT NULL GENERATED ALWAYS AS (
    jsonb_path_query_array(answers, '$[*] ? (@.type == "free_text" && @.publishable == true).question')
) STORED;
CREATE INDEX responses_publishable_texts ON responses (consultation_id) INCLUDE (id, publishable_texts)
    WHERE publishable_texts <> '[]';
DROP INDEX responses_with_publishable_text;
