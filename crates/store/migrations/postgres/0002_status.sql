-- Computed legal status (issue 3); see ../sqlite/0002_status.sql for the reasoning.
ALTER TABLE persons ADD COLUMN status TEXT;
ALTER TABLE persons ADD COLUMN status_on DATE;
ALTER TABLE persons ADD COLUMN next_deadline DATE;
ALTER TABLE persons ADD COLUMN evaluation_hash BYTEA;
CREATE INDEX persons_status ON persons (status, next_deadline);
CREATE INDEX persons_next_deadline ON persons (next_deadline);
