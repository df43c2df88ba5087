-- The officer's person search (issue 10; docs/SEARCH.md). See ../sqlite/0008_search.sql for
-- the decisions. The keys are compared in "C" collation: bytewise, so the prefix ranges
-- (key >= 'abc' AND key < 'abc~') hold whatever the database's default collation.

DROP TABLE person_names;

CREATE TABLE person_search (
    surname_key TEXT COLLATE "C" NOT NULL,
    given_key TEXT COLLATE "C" NOT NULL,
    surname_sound TEXT COLLATE "C" NOT NULL,
    given_sound TEXT COLLATE "C" NOT NULL,
    person_id UUID NOT NULL,
    PRIMARY KEY (surname_key, given_key, person_id)
);
CREATE INDEX person_search_surname ON person_search (surname_key, person_id);
CREATE INDEX person_search_sound ON person_search (surname_sound, given_sound, person_id);
CREATE INDEX person_search_person ON person_search (person_id);

CREATE TABLE person_cards (
    person_id UUID PRIMARY KEY,
    card BYTEA NOT NULL            -- sealed {"c": Cyrillic name, "l": Latin name}
);

CREATE INDEX persons_citizenship_id ON persons (citizenship, id);
CREATE INDEX persons_status_id ON persons (status, id);
CREATE INDEX persons_birth_year_id ON persons (birth_year, id);
CREATE INDEX persons_birth_date_id ON persons (birth_date, id);
DROP INDEX persons_citizenship;
