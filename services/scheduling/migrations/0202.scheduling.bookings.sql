-- depends: 0201.scheduling.venues_and_sessions
-- A booking, or a place on a full session's waitlist (status 'waiting', no slot yet): promoted, the same
-- row becomes a confirmed booking with the same id. A row holds who booked (personal data: never in events)
-- and the confidential notes staff keep. email_key and phone_key are the normalised contacts.
CREATE TABLE surgery_bookings (
    id                      uuid        PRIMARY KEY,
    tenant                  text        NOT NULL,
    session_id              uuid        NOT NULL REFERENCES surgery_sessions (id),
    status                  text        NOT NULL,
    slot                    integer     CHECK (slot >= 0),
    slot_starts_at          timestamptz,
    slot_ends_at            timestamptz,
    name                    text        NOT NULL,
    email                   text,
    phone                   text,
    email_key               text,
    phone_key               text,
    area                    text        NOT NULL,
    topic_category          text        NOT NULL,
    topic                   text        NOT NULL,
    routes                  text[]      NOT NULL,
    from_waitlist           boolean     NOT NULL,
    joined_at               timestamptz,
    confirmed_at            timestamptz,
    cancelled_at            timestamptz,
    cancelled_by            text,
    attendance_recorded_at  timestamptz,
    notes                   text,
    notes_recorded_at       timestamptz,
    version                 integer     NOT NULL DEFAULT 1,
    CONSTRAINT surgery_bookings_contact CHECK (email IS NOT NULL OR phone IS NOT NULL),
    CONSTRAINT surgery_bookings_slot_once_booked CHECK ((status IN ('waiting', 'withdrawn')) = (slot IS NULL))
);
-- No double booking, ever: one active booking per slot, whatever the application does.
CREATE UNIQUE INDEX surgery_bookings_one_per_slot ON surgery_bookings (session_id, slot)
    WHERE status IN ('confirmed', 'attended', 'no_show');
-- One booking or waitlist place per person per session.
CREATE UNIQUE INDEX surgery_bookings_one_per_email ON surgery_bookings (session_id, email_key)
    WHERE status NOT IN ('cancelled', 'withdrawn') AND email_key IS NOT NULL;
CREATE UNIQUE INDEX surgery_bookings_one_per_phone ON surgery_bookings (session_id, phone_key)
    WHERE status NOT IN ('cancelled', 'withdrawn') AND phone_key IS NOT NULL;
CREATE INDEX surgery_bookings_session ON surgery_bookings (session_id, slot);
CREATE INDEX surgery_bookings_waitlist ON surgery_bookings (session_id, joined_at) WHERE status = 'waiting';
CREATE INDEX surgery_bookings_notes ON surgery_bookings (notes_recorded_at) WHERE notes IS NOT NULL;
