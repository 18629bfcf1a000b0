-- depends: 0202.scheduling.bookings
-- A booker's personal data erased on request: no name, contact, topic or notes, erased_at set; the slot,
-- area, topic category, status and times stay for the read models. Until erased, a row still needs a
-- name, a topic and a contact.
ALTER TABLE surgery_bookings ADD COLUMN erased_at timestamptz;
ALTER TABLE surgery_bookings ALTER COLUMN name DROP NOT NULL;
ALTER TABLE surgery_bookings ALTER COLUMN topic DROP NOT NULL;
ALTER TABLE surgery_bookings DROP CONSTRAINT surgery_bookings_contact;
ALTER TABLE surgery_bookings ADD CONSTRAINT surgery_bookings_contact
    CHECK (email IS NOT NULL OR phone IS NOT NULL OR erased_at IS NOT NULL);
ALTER TABLE surgery_bookings ADD CONSTRAINT surgery_bookings_named
    CHECK (erased_at IS NOT NULL OR (name IS NOT NULL AND topic IS NOT NULL));
