-- Every record (entity and id) belongs to the one case it was first written under, so a change
-- cannot move a record into another case, or mix two cases' records on a device that reads both.
CREATE TABLE records (
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    case_id    TEXT NOT NULL REFERENCES cases (case_id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (entity, entity_id)
);

INSERT INTO records (entity, entity_id, case_id, created_at)
SELECT entity, entity_id, MIN(case_id), MIN(received_at)
FROM changes
GROUP BY entity, entity_id;
