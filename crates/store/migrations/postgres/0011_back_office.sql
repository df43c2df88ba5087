-- The administrator's oversight page lists law enforcement's reads of the last day per account
-- and hour; without this index it would scan the whole audit log.
CREATE INDEX audit_log_role_at ON audit_log (role, at);

-- The officer's work list of the rules engine's tasks (an overdue patent decision, an expired
-- passport, a missed check-in …): the earliest due day of the person's open officer tasks, kept
-- by every write and by the daily job like next_deadline. NULL: no task.
ALTER TABLE persons ADD COLUMN task_due DATE;
CREATE INDEX persons_task_due ON persons (task_due, id);
