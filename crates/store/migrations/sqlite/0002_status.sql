-- Computed legal status (issue 3). Derived from the history by the rules engine on every write
-- and by the daily `rosmigration rules run`; a change of status is also an event in history.
-- status and next_deadline are in clear for the officers' work lists ("who is at risk", "whose
-- deadline falls this week"). The full evaluation (obligations, violations, explanations) is not
-- stored: it is a pure function of the profile and status_on, so it is re-derived on read, and
-- evaluation_hash proves it is the one the status was computed from. evaluation_hash also lets
-- the daily job skip persons whose evaluation did not change.
ALTER TABLE persons ADD COLUMN status TEXT;
ALTER TABLE persons ADD COLUMN status_on TEXT;
ALTER TABLE persons ADD COLUMN next_deadline TEXT;
ALTER TABLE persons ADD COLUMN evaluation_hash BLOB;
CREATE INDEX persons_status ON persons (status, next_deadline);
CREATE INDEX persons_next_deadline ON persons (next_deadline);
