-- Every device a user has signed in on. Its data key encrypts the case data on the device; the
-- device keeps it only wrapped by the worker's PIN, so the server's copy (escrow) is what lets a
-- worker who forgot their PIN, or typed it wrong too often, sign in again and lose no work.
-- Revoking a device destroys its key here and ends its sessions; on its next contact it wipes.
CREATE TABLE devices (
    device_id  TEXT PRIMARY KEY NOT NULL,
    username   TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    data_key   TEXT,
    created_at BIGINT NOT NULL,
    last_seen  BIGINT NOT NULL,
    revoked_at BIGINT,
    revoked_by TEXT
);
CREATE INDEX devices_username ON devices (username);

-- The device a session was opened on, so revoking a device ends its sessions.
ALTER TABLE sessions ADD COLUMN device_id TEXT;
