-- The bytes of drawings, voice recordings and signatures, by case and sha256. The attachment
-- record (in field_heads) says what is expected; an upload is kept only if it is exactly that, so
-- nobody can store anything else here, and uploading the same content again changes nothing.
CREATE TABLE blobs (
    case_id     TEXT NOT NULL REFERENCES cases (case_id),
    sha256      TEXT NOT NULL,
    byte_len    BIGINT NOT NULL,
    data        BYTEA NOT NULL,
    uploaded_by TEXT NOT NULL,
    device_id   TEXT,
    uploaded_at BIGINT NOT NULL,
    PRIMARY KEY (case_id, sha256)
);
