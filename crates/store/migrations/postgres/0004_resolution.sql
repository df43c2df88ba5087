-- Linking staged agency records to the registry (issue 4, parts 3-4). Kept in step with
-- ../sqlite/0004_resolution.sql.
--
-- Decisions:
-- * link_keys is the incremental linker's blocking index: keyed HMAC digests (like
--   person_lookup, nothing readable without the data key) of keys chosen so that two writings
--   of one person share at least one while blocks stay small: the document number (loose
--   canonical form, O = 0), the phone, the surname's phonetic block key with the birth year, the
--   given name's block key with the full birth date. Rewritten with the other derived rows on
--   every write of a person; `rosmigration resolve --backfill` fills it for older databases.
-- * review_items: a staged record and a candidate person the resolver could not decide on, with
--   the score and the per-field evidence (field and level names and weights: no personal data,
--   so in clear). One open item per (record, person).
-- * link_decisions: an officer's same_person / different_persons for a record and a person; the
--   resolver follows it on every later run (a different_persons pair is never linked again).

CREATE TABLE link_keys (
    digest BYTEA NOT NULL,
    person_id UUID NOT NULL,
    PRIMARY KEY (digest, person_id)
);
CREATE INDEX link_keys_person ON link_keys (person_id);

CREATE TABLE review_items (
    id UUID PRIMARY KEY,
    source TEXT NOT NULL,
    record_id TEXT NOT NULL,
    person_id UUID NOT NULL,
    weight DOUBLE PRECISION NOT NULL,
    probability DOUBLE PRECISION NOT NULL,
    evidence TEXT NOT NULL,       -- JSON [{field, level, weight}]
    state TEXT NOT NULL,          -- open | decided
    created_at TIMESTAMPTZ NOT NULL,
    decided_at TIMESTAMPTZ,
    UNIQUE (source, record_id, person_id)
);
CREATE INDEX review_items_open ON review_items (state, created_at);

CREATE TABLE link_decisions (
    id UUID PRIMARY KEY,
    source TEXT NOT NULL,
    record_id TEXT NOT NULL,
    person_id UUID NOT NULL,
    decision TEXT NOT NULL,       -- same_person | different_persons
    reason TEXT NOT NULL,
    account_id UUID,
    decided_at TIMESTAMPTZ NOT NULL,
    UNIQUE (source, record_id, person_id)
);

-- Merges of two persons into one (an officer's decision). The merged person's facts are
-- appended to the survivor as one event (Change::Merged with the facts); the merged person's
-- own history and rows stay, its id redirects through persons.merged_into, and its index rows
-- are removed so that searches and the resolver find the survivor only. Undoing a merge appends
-- Change::MergeUndone to both (the merge event then counts as empty when the survivor's history
-- is folded), restores the index rows and re-points the staged records; the row stays with
-- state 'undone', which is the stored decision that the pair is two persons.
ALTER TABLE persons ADD COLUMN merged_into UUID;
CREATE TABLE person_merges (
    id UUID PRIMARY KEY,
    survivor_id UUID NOT NULL,
    merged_id UUID NOT NULL,
    reason TEXT NOT NULL,
    account_id UUID,
    merged_at TIMESTAMPTZ NOT NULL,
    state TEXT NOT NULL,          -- active | undone
    undone_at TIMESTAMPTZ,
    undo_reason TEXT
);
CREATE INDEX person_merges_pair ON person_merges (survivor_id, merged_id);
CREATE INDEX person_merges_merged ON person_merges (merged_id);

-- The region's own linkage model: the snapshot (JSON) each `rosmigration relink` fits on the
-- whole registry; the resolver scores with the latest, and with the shipped default before the
-- first. merge_proposals: pairs of existing persons a re-link put in one cluster, for an officer
-- to merge or not (existing persons are never merged automatically; a pair whose merge was
-- undone is not proposed again).
CREATE TABLE linkage_models (
    id UUID PRIMARY KEY,
    created_at TIMESTAMPTZ NOT NULL,
    records BIGINT NOT NULL,
    model TEXT NOT NULL
);
CREATE TABLE merge_proposals (
    id UUID PRIMARY KEY,
    person_a UUID NOT NULL,
    person_b UUID NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    state TEXT NOT NULL,          -- open | merged | rejected
    UNIQUE (person_a, person_b)
);
