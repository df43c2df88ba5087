-- The officer's person search (issue 10; docs/SEARCH.md). Kept in step with
-- ../postgres/0008_search.sql.
--
-- Decisions:
-- * person_search replaces person_names: the keys are the linkage crate's fold (every writing
--   and transliteration variant of a name meets one key; a two-word surname keeps its space),
--   and the phonetic block keys the linker blocks on serve as the fuzzy fallback. Rewritten with
--   the other derived rows on every write of a person. The primary key serves "surname =" with a
--   given-name prefix range; person_search_surname serves a surname alone in id order (keyset
--   pages without sorting every namesake); person_search_sound the fuzzy fallback.
-- * person_cards: the two writings of the name (Cyrillic, Latin), sealed like the profile and
--   bound to the person, so a result list decrypts a few dozen bytes per person instead of the
--   whole profile. Everything else a list shows is already in clear on persons.
-- * (column, id) indexes on persons: a search by birth date, year, citizenship or status pages
--   in id order straight off the index.
-- * An older database has no search rows after this migration: the server fills them on start
--   (Store::backfill_search_index), as `rosmigration` does for every command that opens the store.

DROP TABLE person_names;

CREATE TABLE person_search (
    surname_key TEXT NOT NULL,
    given_key TEXT NOT NULL,
    surname_sound TEXT NOT NULL,
    given_sound TEXT NOT NULL,
    person_id BLOB NOT NULL,
    PRIMARY KEY (surname_key, given_key, person_id)
) WITHOUT ROWID;
CREATE INDEX person_search_surname ON person_search (surname_key, person_id);
CREATE INDEX person_search_sound ON person_search (surname_sound, given_sound, person_id);
CREATE INDEX person_search_person ON person_search (person_id);

CREATE TABLE person_cards (
    person_id BLOB PRIMARY KEY,
    card BLOB NOT NULL            -- sealed {"c": Cyrillic name, "l": Latin name}
) WITHOUT ROWID;

CREATE INDEX persons_citizenship_id ON persons (citizenship, id);
CREATE INDEX persons_status_id ON persons (status, id);
CREATE INDEX persons_birth_year_id ON persons (birth_year, id);
CREATE INDEX persons_birth_date_id ON persons (birth_date, id);
DROP INDEX persons_citizenship;
