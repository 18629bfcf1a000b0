-- depends: 0211.scheduling.assembly_work
-- A selected member's reply to their invitation: they take their place, or decline it.
ALTER TABLE assembly_registrants ADD COLUMN reply text CHECK (reply IN ('confirmed', 'declined'));
ALTER TABLE assembly_registrants ADD COLUMN replied_at timestamptz;
