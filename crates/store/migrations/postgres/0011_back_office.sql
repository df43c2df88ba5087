-- The administrator's oversight page lists law enforcement's reads of the last day per account
-- and hour; without this index it would scan the whole audit log.
CREATE INDEX audit_log_role_at ON audit_log (role, at);
