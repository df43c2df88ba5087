-- Service points, slots, bookings and the live queue (issue 5, part 2). Kept in step with
-- ../postgres/0006_booking.sql.
--
-- Decisions:
-- * A service point is an organisation (orgs: name, kind, address with coordinates, languages)
--   plus what booking needs: the services (step codes of centre::case::StepKind) it offers, a
--   weekly schedule with breaks (JSON), the slot length and the persons served per slot.
-- * Slots are rows, opened ahead from the schedule. `booked` is a counter changed only by a
--   conditional UPDATE (`SET booked = booked + 1 WHERE id = $1 AND booked < capacity AND NOT
--   closed`): one statement decides, so no two transactions can take the last place, on SQLite
--   and on PostgreSQL alike, without reading first.
-- * One active booking per person and step (partial unique index): a second booking of the same
--   step is a reschedule, never a double booking.
-- * Queue tickets are numbered per point and day; the unique key makes a concurrent second
--   ticket with the same number fail and retry.

CREATE TABLE service_points (
    org_id BLOB PRIMARY KEY,
    services TEXT NOT NULL,           -- JSON array of step codes, e.g. ["medical_exam"]
    schedule TEXT NOT NULL,           -- JSON weekly schedule with breaks
    slot_minutes INTEGER NOT NULL,
    capacity INTEGER NOT NULL,        -- persons per slot
    lat REAL,
    lon REAL,
    updated_at TEXT NOT NULL
);

CREATE TABLE slots (
    id BLOB PRIMARY KEY,
    org_id BLOB NOT NULL,
    service TEXT NOT NULL,            -- step code
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    capacity INTEGER NOT NULL,
    booked INTEGER NOT NULL DEFAULT 0,
    closed INTEGER NOT NULL DEFAULT 0,
    UNIQUE (org_id, service, starts_at)
);
CREATE INDEX slots_service_time ON slots (service, starts_at);

CREATE TABLE bookings (
    id BLOB PRIMARY KEY,
    person_id BLOB NOT NULL,
    slot_id BLOB NOT NULL,
    org_id BLOB NOT NULL,
    step TEXT NOT NULL,               -- step code
    starts_at TEXT NOT NULL,
    state TEXT NOT NULL,              -- booked | cancelled | attended | no_show
    booked_by BLOB NOT NULL,          -- account: the migrant, or an employer's HR booking in bulk
    idempotency_key TEXT UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX bookings_one_active ON bookings (person_id, step) WHERE state = 'booked';
CREATE INDEX bookings_slot ON bookings (slot_id);
CREATE INDEX bookings_point_time ON bookings (org_id, starts_at);
CREATE INDEX bookings_time ON bookings (starts_at);

CREATE TABLE queue_tickets (
    id BLOB PRIMARY KEY,
    org_id BLOB NOT NULL,
    day TEXT NOT NULL,
    number INTEGER NOT NULL,
    service TEXT NOT NULL,            -- step code
    person_id BLOB,
    booking_id BLOB,
    state TEXT NOT NULL,              -- waiting | called | served | no_show
    issued_at TEXT NOT NULL,
    called_at TEXT,
    served_at TEXT,
    UNIQUE (org_id, day, number)
);
CREATE INDEX queue_tickets_waiting ON queue_tickets (org_id, day, state, number);
