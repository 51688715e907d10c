-- Every change names a case that exists, checked once per statement instead of once per row.
--
-- The foreign key on changes.case_id ran a trigger for each inserted change that looked the case
-- up and locked its row (FOR KEY SHARE): half of what inserting a push's changes cost (issue 11,
-- ingest). These triggers keep the same rule with one set-based look-up per statement: an insert
-- that names a case that does not exist fails, as the foreign key did, and so does deleting or
-- renaming a case that changes name. (SQLite keeps its foreign key: it is cheap there.)
ALTER TABLE changes DROP CONSTRAINT changes_case_id_fkey;

CREATE FUNCTION changes_name_cases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM added a
               WHERE NOT EXISTS (SELECT 1 FROM cases k WHERE k.case_id = a.case_id)) THEN
        RAISE EXCEPTION 'a change names a case that does not exist'
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER changes_name_cases AFTER INSERT ON changes
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION changes_name_cases();

-- The log is append-only in practice; a change's case never moves.
CREATE FUNCTION changes_case_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a change stays in its case' USING ERRCODE = 'foreign_key_violation';
END;
$$;

CREATE TRIGGER changes_case_fixed BEFORE UPDATE OF case_id ON changes
    FOR EACH STATEMENT EXECUTE FUNCTION changes_case_fixed();

CREATE FUNCTION cases_keep_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM gone g
               WHERE NOT EXISTS (SELECT 1 FROM cases k WHERE k.case_id = g.case_id)
                 AND EXISTS (SELECT 1 FROM changes c WHERE c.case_id = g.case_id)) THEN
        RAISE EXCEPTION 'a case with changes cannot be deleted or renamed'
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER cases_keep_changes_on_delete AFTER DELETE ON cases
    REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION cases_keep_changes();

-- A case's other columns change (its owner, on reassignment); only a case id that is gone counts.
CREATE TRIGGER cases_keep_changes_on_update AFTER UPDATE ON cases
    REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION cases_keep_changes();
