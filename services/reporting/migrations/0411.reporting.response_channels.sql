-- depends: 0410.reporting.council_acknowledgements
-- How each response reached the office (online, or keyed in by staff from paper, a telephone call or an event), so
-- that results are shown by channel and never silently pooled. Every response stored before this came online, as
-- did every event without a channel, so nothing needs reading again.
ALTER TABLE read_models.responses ADD COLUMN channel text NOT NULL DEFAULT 'online';
-- The responses keyed in, counted per channel without reading those given online.
CREATE INDEX responses_keyed_in ON read_models.responses (consultation_id, channel) WHERE channel <> 'online';
