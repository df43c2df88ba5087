-- The personal cabinet: one-time login codes, share codes and their checks (issue 5, parts 4
-- and 5). Kept in step with ../postgres/0007_cabinet.sql.
--
-- Decisions:
-- * A one-time code is never stored: only a keyed HMAC of (challenge id, code), so a copy of the
--   database does not reveal a live code, and 10^6 guesses offline need the data key.
-- * The phone is kept as its keyed look-up digest (the same kind as person_lookup's contacts),
--   the caller's IP as a keyed digest: enough to count requests for the rate limits, nothing to
--   read back.
-- * A challenge is written for unknown phones too (person_id NULL, no SMS queued): the answer,
--   the rate limits and the later "wrong code" are the same whether the phone is known or not.
-- * `attempts` is raised by a conditional UPDATE (`WHERE attempts < 5`): one statement decides,
--   so parallel guesses cannot exceed the limit on either backend.
-- * A share code is stored as its keyed digest (the look-up) and sealed to its row (so its owner
--   can see it again); `failures` counts wrong birth dates with the same conditional UPDATE and
--   the code locks at 5.
-- * Every check is a row of share_checks, the successful and the failed ones: the migrant sees
--   them all, and the per-IP throttle counts the failed ones of the last hour.

CREATE TABLE otp_challenges (
    id BLOB PRIMARY KEY,
    phone_digest BLOB NOT NULL,
    person_id BLOB,                   -- NULL when the phone names no person (no code was sent)
    code_hash BLOB NOT NULL,
    ip_digest BLOB NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX otp_challenges_phone ON otp_challenges (phone_digest, created_at);
CREATE INDEX otp_challenges_ip ON otp_challenges (ip_digest, created_at);

CREATE TABLE share_codes (
    id BLOB PRIMARY KEY,
    person_id BLOB NOT NULL,
    purpose TEXT NOT NULL,            -- right_to_work | right_to_rent | bank
    code_digest BLOB NOT NULL UNIQUE,
    code_sealed BLOB NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT,
    locked_at TEXT
);
CREATE INDEX share_codes_person ON share_codes (person_id, created_at);

CREATE TABLE share_checks (
    id BLOB PRIMARY KEY,
    code_id BLOB,                     -- NULL when the code matched none
    person_id BLOB,
    checker_name TEXT NOT NULL,
    checker_org TEXT NOT NULL,
    outcome TEXT NOT NULL,            -- ok | unknown | expired | revoked | locked | wrong_birth_date
    ip_digest BLOB NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX share_checks_code ON share_checks (code_id, at);
CREATE INDEX share_checks_ip ON share_checks (ip_digest, at);
