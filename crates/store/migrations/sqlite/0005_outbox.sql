-- The notifications outbox and the person's settings (issue 5, part 3). Kept in step with
-- ../postgres/0005_outbox.sql.
--
-- Decisions:
-- * A notification is written in the same transaction as what caused it (a booking, a one-time
--   code, a reminder run) and delivered later by the dispatcher, with retries and backoff: a
--   crash between the two never loses a message and never sends one for a change that rolled
--   back (the transactional outbox).
-- * The address and the template arguments are personal data: sealed with the data key, bound
--   to the row id. The template id, language and channel are in clear (the dispatcher and the
--   statistics need them, they say nothing about the person).
-- * dedup_key names the reason of a message ("the patent-application deadline of 2026-12-01,
--   7 days before"); a reminder for the same reason is queued once, whatever reruns the job.
--   NULL for messages that must always go (a one-time code).
-- * not_before holds quiet hours: a reminder computed at night is not delivered until morning.
-- * Delivery claims with a lease (added by the dispatcher, issue 5 part 3): one conditional
--   UPDATE moves next_attempt_at to the end of the lease and writes a fresh claim_token, so two
--   dispatchers never take the same message; marking it sent or failed requires the token. A
--   dispatcher that dies mid-send leaves the message pending, and it is taken again when the
--   lease ends (at-least-once: the SMS gateway gets the notification id to drop a repeat).

CREATE TABLE notifications (
    id BLOB PRIMARY KEY,
    person_id BLOB,
    channel TEXT NOT NULL,            -- email | sms | cabinet
    recipient BLOB,                   -- sealed address; NULL for the cabinet
    template TEXT NOT NULL,           -- Fluent message id, e.g. reminder-deadline
    args BLOB NOT NULL,               -- sealed JSON object
    lang TEXT NOT NULL,               -- ru | uz | tg | ky | en
    dedup_key TEXT UNIQUE,
    state TEXT NOT NULL,              -- pending | sent | failed
    attempts INTEGER NOT NULL DEFAULT 0,
    not_before TEXT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    read_at TEXT,
    claim_token BLOB                 -- the current delivery claim (see above)
);
CREATE INDEX notifications_due ON notifications (state, next_attempt_at);
CREATE INDEX notifications_person ON notifications (person_id, created_at);

CREATE TABLE person_settings (
    person_id BLOB PRIMARY KEY,
    lang TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
