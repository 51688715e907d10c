-- Homeward's first schema (SQLite). Ids and clock stamps are TEXT, times are BIGINT milliseconds
-- since the Unix epoch, so the same queries serve SQLite and PostgreSQL.

CREATE TABLE users (
    username      TEXT PRIMARY KEY NOT NULL,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('worker', 'manager')),
    team          TEXT,
    password_hash TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);

-- Only the sha256 of a session token is stored: a copy of the database cannot sign anyone in.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    username   TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

-- A case is on the caseload of its owner; a manager reads the cases of their team's workers.
CREATE TABLE cases (
    case_id    TEXT PRIMARY KEY NOT NULL,
    owner      TEXT NOT NULL REFERENCES users (username),
    created_at BIGINT NOT NULL
);
CREATE INDEX cases_owner ON cases (owner);

-- Every accepted change, in the order the server took it; seq is the pull cursor.
CREATE TABLE changes (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    change_id   TEXT NOT NULL UNIQUE,
    device_id   TEXT NOT NULL,
    username    TEXT NOT NULL,
    case_id     TEXT NOT NULL REFERENCES cases (case_id),
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    field       TEXT NOT NULL,
    value       TEXT NOT NULL,
    hlc         TEXT NOT NULL,
    base        BIGINT NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN ('applied', 'superseded', 'conflict')),
    received_at BIGINT NOT NULL
);
CREATE INDEX changes_case_seq ON changes (case_id, seq);

-- The current value of every field, and the change (and its seq, the field's version) that set it.
CREATE TABLE field_heads (
    case_id   TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    value     TEXT NOT NULL,
    hlc       TEXT NOT NULL,
    version   BIGINT NOT NULL,
    change_id TEXT NOT NULL,
    PRIMARY KEY (case_id, entity, entity_id, field)
);

-- Concurrent free-text edits waiting for a person to choose; resolved by a later change.
CREATE TABLE conflicts (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id        TEXT NOT NULL,
    entity         TEXT NOT NULL,
    entity_id      TEXT NOT NULL,
    field          TEXT NOT NULL,
    change_id      TEXT NOT NULL,
    head_change_id TEXT NOT NULL,
    seq            BIGINT NOT NULL,
    created_at     BIGINT NOT NULL,
    resolved_by    TEXT
);
CREATE INDEX conflicts_field ON conflicts (case_id, entity, entity_id, field);

-- Who saw or changed what, when, from which device. Append-only: the triggers refuse edits.
CREATE TABLE audit (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        BIGINT NOT NULL,
    username  TEXT NOT NULL,
    device_id TEXT,
    action    TEXT NOT NULL,
    case_id   TEXT,
    detail    TEXT NOT NULL
);
CREATE INDEX audit_case ON audit (case_id, id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
