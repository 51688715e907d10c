-- Each time a case is put on a caseload (`case assign`), the new owner (and so their team's
-- managers) can read a history their devices' cursors are already past. A grant is numbered in
-- its own sequence; a device pulls with the last grant number it has seen, and the server tells
-- it which cases to fetch whole again.
CREATE TABLE case_grants (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id    TEXT NOT NULL REFERENCES cases (case_id),
    username   TEXT NOT NULL REFERENCES users (username),
    granted_at BIGINT NOT NULL
);
CREATE INDEX case_grants_username ON case_grants (username, id);
