-- Agency feeds (issue 4): every imported row is staged here before it is linked to a person,
-- so that nothing an agency sent is lost while it waits for linkage or an officer's review.
-- Kept in step with ../postgres/0003_intake.sql.
--
-- Decisions:
-- * (source, record_id) is the key: re-importing a file is a no-op, and a crash mid-file is
--   repaired by importing it again. The same id with other content is not overwritten: it is
--   quarantined as a correction for an officer to accept.
-- * payload is the sealed IntakeRecord JSON (personal data, AES-256-GCM like profiles);
--   content_hash (keyed HMAC of the canonical JSON) detects a re-sent row with other content
--   without opening the seal.
-- * state drives the resolver: pending -> linked (person_id set) | review (an officer decides)
--   | rejected (an officer or the resolver refused it, reason in clear).

CREATE TABLE intake_batches (
    id BLOB PRIMARY KEY,
    source TEXT NOT NULL,
    file_name TEXT NOT NULL,
    file_size INTEGER,
    file_digest BLOB,             -- SHA-256 of the first MiB and the size: finds the file again on resume
    format TEXT NOT NULL,         -- csv | jsonl | xml
    mapping TEXT NOT NULL,        -- name of the mapping used (shipped name or file stem)
    account_id BLOB,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    state TEXT NOT NULL,          -- running | done | failed
    resume_offset INTEGER NOT NULL DEFAULT 0,  -- byte offset of the first row not yet committed
    rows_read INTEGER NOT NULL DEFAULT 0,
    rows_staged INTEGER NOT NULL DEFAULT 0,
    rows_unchanged INTEGER NOT NULL DEFAULT 0,
    rows_quarantined INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX intake_batches_file ON intake_batches (source, file_digest);

CREATE TABLE intake_records (
    source TEXT NOT NULL,
    record_id TEXT NOT NULL,
    batch_id BLOB NOT NULL,
    kind TEXT NOT NULL,           -- Fact::code()
    received_at TEXT NOT NULL,
    content_hash BLOB NOT NULL,
    payload BLOB NOT NULL,        -- sealed IntakeRecord JSON
    state TEXT NOT NULL,          -- pending | linked | review | rejected
    person_id BLOB,
    resolved_at TEXT,
    reason TEXT,
    PRIMARY KEY (source, record_id)
);
-- A rowid table, not WITHOUT ROWID: rows carry a ~500-byte sealed payload, and SQLite's
-- WITHOUT ROWID b-trees suit rows under ~1/20 of a page; the key's index stays small.
CREATE INDEX intake_records_open ON intake_records (state, received_at) WHERE state IN ('pending', 'review');
CREATE INDEX intake_records_person ON intake_records (person_id) WHERE person_id IS NOT NULL;

-- Rows that could not become an intake record, with the reason naming the field; kept sealed
-- until an officer corrects and replays them or discards them. raw_digest (HMAC of source and
-- the raw row) makes re-importing the same bad row a no-op here too.
CREATE TABLE intake_quarantine (
    id BLOB PRIMARY KEY,
    source TEXT NOT NULL,
    batch_id BLOB NOT NULL,
    mapping TEXT NOT NULL,        -- the mapping a replay re-maps the corrected row with
    position TEXT NOT NULL,       -- where in the file: line N, record N
    record_id TEXT,
    code TEXT NOT NULL,           -- machine-readable reason
    reason TEXT NOT NULL,         -- human-readable reason naming the field and value
    raw_digest BLOB NOT NULL,
    raw BLOB NOT NULL,            -- sealed: the row as column -> value JSON
    state TEXT NOT NULL,          -- open | replayed | discarded
    created_at TEXT NOT NULL,
    resolved_at TEXT,
    resolved_by BLOB,
    resolution TEXT,              -- the officer's reason for a discard
    UNIQUE (source, raw_digest)
);
CREATE INDEX intake_quarantine_open ON intake_quarantine (state, source, created_at);
