-- A case's owner is a user, checked once per statement instead of once per row (as for a
-- change's case, in the migration before): the foreign key locked the owner's row in users once
-- for each new case, the same row again and again in a push of a worker's new cases.
ALTER TABLE cases DROP CONSTRAINT cases_owner_fkey;

CREATE FUNCTION cases_have_owners() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM owned o
               WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.username = o.owner)) THEN
        RAISE EXCEPTION 'a case is owned by a user who does not exist'
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER cases_have_owners_on_insert AFTER INSERT ON cases
    REFERENCING NEW TABLE AS owned
    FOR EACH STATEMENT EXECUTE FUNCTION cases_have_owners();

CREATE TRIGGER cases_have_owners_on_update AFTER UPDATE ON cases
    REFERENCING NEW TABLE AS owned
    FOR EACH STATEMENT EXECUTE FUNCTION cases_have_owners();

CREATE FUNCTION users_keep_cases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM gone g
               WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.username = g.username)
                 AND EXISTS (SELECT 1 FROM cases k WHERE k.owner = g.username)) THEN
        RAISE EXCEPTION 'a user who owns cases cannot be deleted or renamed'
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER users_keep_cases_on_delete AFTER DELETE ON users
    REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION users_keep_cases();

CREATE TRIGGER users_keep_cases_on_update AFTER UPDATE ON users
    REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION users_keep_cases();
