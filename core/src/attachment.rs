//! Drawings, voice recordings and signatures. The synced record (`Entity::Attachment`) says what
//! the content is: its media type, length and sha256. The bytes travel apart, uploaded once by
//! their checksum (`PUT /api/cases/{case}/blobs/{sha256}`, idempotent) and checked against the
//! record on the device and on the server, so a push stays small and a re-sent upload is harmless.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The largest attachment accepted, decoded: 3 MiB (about two minutes of speech, or any drawing).
pub const MAX_ATTACHMENT_BYTES: usize = 3 * 1024 * 1024;

/// The media types a drawing or a recording may have (a `;codecs=…` parameter is allowed).
pub const MEDIA_TYPES: [&str; 5] = [
    "image/png",
    "audio/webm",
    "audio/ogg",
    "audio/mp4",
    "video/webm",
];

/// One drawing or recording, as synced: what it is, not its bytes (see [`Content`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
// An old-style record carrying its bytes inline is refused by name, not silently stripped.
#[serde(deny_unknown_fields)]
pub struct Attachment {
    pub id: Uuid,
    /// For example `image/png` or `audio/webm;codecs=opus`.
    pub media_type: String,
    /// Length of the bytes.
    pub byte_len: u64,
    /// sha256 of the bytes, lower-case hex: the address the bytes are uploaded to.
    pub sha256: String,
}

/// An attachment with its bytes, as the device holds it before upload and after download.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Content {
    pub attachment: Attachment,
    /// The bytes, standard base64 with padding (JSON has no bytes).
    pub data: String,
}

/// Why an attachment is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AttachmentError {
    #[error("The drawing or recording is too big (at most 3 MB).")]
    TooLarge,
    #[error("The drawing or recording is empty.")]
    Empty,
    #[error("This kind of file cannot be attached: only drawings (PNG) and voice recordings.")]
    MediaType,
    #[error("The attachment's content is not valid base64.")]
    NotBase64,
    #[error("The attachment's length does not match its content.")]
    LengthMismatch,
    #[error("The attachment's checksum does not match its content.")]
    HashMismatch,
    #[error("The attachment's checksum is not a sha256 in lower-case hex.")]
    BadChecksum,
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether `s` has the form of a sha256 in lower-case hex (64 digits), as blob addresses must.
pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn media_type_ok(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    media_type.len() <= 100 && MEDIA_TYPES.contains(&essence)
}

/// base64 is 4 characters per 3 bytes: an oversized text is refused before it is decoded.
fn decode(data: &str) -> Result<Vec<u8>, AttachmentError> {
    if data.len() > MAX_ATTACHMENT_BYTES.div_ceil(3) * 4 {
        return Err(AttachmentError::TooLarge);
    }
    STANDARD
        .decode(data.trim().as_bytes())
        .map_err(|_| AttachmentError::NotBase64)
}

impl Attachment {
    /// Describes `bytes` as attachment `id`.
    ///
    /// ```
    /// # use homeward_core::attachment::*;
    /// let a = Attachment::describe(uuid::Uuid::nil(), "image/png", b"png bytes").unwrap();
    /// assert_eq!(a.check_bytes(b"png bytes"), Ok(()));
    /// assert_eq!(Attachment::describe(uuid::Uuid::nil(), "text/html", b"<p>"), Err(AttachmentError::MediaType));
    /// ```
    pub fn describe(
        id: Uuid,
        media_type: &str,
        bytes: &[u8],
    ) -> Result<Attachment, AttachmentError> {
        check_size(bytes.len())?;
        if !media_type_ok(media_type) {
            return Err(AttachmentError::MediaType);
        }
        Ok(Attachment {
            id,
            media_type: media_type.to_string(),
            byte_len: bytes.len() as u64,
            sha256: sha256_hex(bytes),
        })
    }

    /// Checks the record alone: media type, a length within the limit, a well-formed checksum.
    pub fn check(&self) -> Result<(), AttachmentError> {
        if !media_type_ok(&self.media_type) {
            return Err(AttachmentError::MediaType);
        }
        check_size(usize::try_from(self.byte_len).unwrap_or(usize::MAX))?;
        if !is_sha256_hex(&self.sha256) {
            return Err(AttachmentError::BadChecksum);
        }
        Ok(())
    }

    /// Checks that `bytes` are the content this record describes.
    pub fn check_bytes(&self, bytes: &[u8]) -> Result<(), AttachmentError> {
        check_size(bytes.len())?;
        if bytes.len() as u64 != self.byte_len {
            return Err(AttachmentError::LengthMismatch);
        }
        if sha256_hex(bytes) != self.sha256 {
            return Err(AttachmentError::HashMismatch);
        }
        Ok(())
    }

    /// Whether it is a voice recording (otherwise a drawing).
    pub fn is_audio(&self) -> bool {
        self.media_type.starts_with("audio/") || self.media_type.starts_with("video/")
    }
}

impl Content {
    /// Makes attachment `id` from its bytes.
    pub fn new(id: Uuid, media_type: &str, bytes: &[u8]) -> Result<Content, AttachmentError> {
        Ok(Content {
            attachment: Attachment::describe(id, media_type, bytes)?,
            data: STANDARD.encode(bytes),
        })
    }

    /// Makes attachment `id` from base64 text (a canvas's `toDataURL` after the comma).
    pub fn from_base64(id: Uuid, media_type: &str, data: &str) -> Result<Content, AttachmentError> {
        Content::new(id, media_type, &decode(data)?)
    }

    /// The bytes, after checking them against the record.
    pub fn bytes(&self) -> Result<Vec<u8>, AttachmentError> {
        let bytes = decode(&self.data)?;
        self.attachment.check_bytes(&bytes)?;
        Ok(bytes)
    }

    /// Checks the record and its bytes.
    pub fn check(&self) -> Result<(), AttachmentError> {
        self.attachment.check()?;
        self.bytes().map(drop)
    }
}

fn check_size(len: usize) -> Result<(), AttachmentError> {
    if len == 0 {
        return Err(AttachmentError::Empty);
    }
    if len > MAX_ATTACHMENT_BYTES {
        return Err(AttachmentError::TooLarge);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_recording_keeps_its_bytes_length_and_checksum() {
        let a = Content::new(Uuid::from_u128(1), "audio/webm;codecs=opus", b"abc").unwrap();
        let b = Content::from_base64(Uuid::from_u128(1), "audio/webm;codecs=opus", &a.data);
        assert_eq!(b.as_ref(), Ok(&a));
        assert_eq!(a.attachment.byte_len, 3);
        assert_eq!(
            a.attachment.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(a.attachment.is_audio());
        assert_eq!(a.check(), Ok(()));
    }

    #[test]
    fn an_attachment_over_three_megabytes_is_refused() {
        let big = vec![0u8; MAX_ATTACHMENT_BYTES + 1];
        assert_eq!(
            Content::new(Uuid::nil(), "image/png", &big),
            Err(AttachmentError::TooLarge)
        );
        let ok = vec![0u8; MAX_ATTACHMENT_BYTES];
        assert!(Content::new(Uuid::nil(), "image/png", &ok).is_ok());
        let mut record = Attachment::describe(Uuid::nil(), "image/png", b"x").unwrap();
        record.byte_len = MAX_ATTACHMENT_BYTES as u64 + 1;
        assert_eq!(record.check(), Err(AttachmentError::TooLarge));
    }

    #[test]
    fn tampered_content_is_refused() {
        let mut a = Content::new(Uuid::nil(), "image/png", b"drawing").unwrap();
        a.data = STANDARD.encode(b"drawinG");
        assert_eq!(a.check(), Err(AttachmentError::HashMismatch));
        a.data = "not base64!".into();
        assert_eq!(a.check(), Err(AttachmentError::NotBase64));
        let mut b = Content::new(Uuid::nil(), "image/png", b"drawing").unwrap();
        b.attachment.byte_len = 8;
        assert_eq!(b.check(), Err(AttachmentError::LengthMismatch));
        b.attachment.byte_len = 7;
        b.attachment.media_type = "application/pdf".into();
        assert_eq!(b.check(), Err(AttachmentError::MediaType));
    }

    #[test]
    fn a_record_whose_checksum_is_not_a_sha256_address_is_refused() {
        let mut a = Attachment::describe(Uuid::nil(), "image/png", b"drawing").unwrap();
        assert_eq!(a.check(), Ok(()));
        for bad in ["00", "../../etc/passwd", &a.sha256.to_uppercase(), ""] {
            a.sha256 = bad.to_string();
            assert_eq!(a.check(), Err(AttachmentError::BadChecksum), "{bad}");
        }
    }

    #[test]
    fn a_record_carrying_its_bytes_inline_is_refused_by_name() {
        let a = Content::new(Uuid::nil(), "image/png", b"drawing").unwrap();
        let mut v = serde_json::to_value(&a.attachment).unwrap();
        v["data"] = serde_json::json!(a.data);
        let err = serde_json::from_value::<Attachment>(v).unwrap_err();
        assert!(err.to_string().contains("data"), "{err}");
    }

    proptest! {
        #[test]
        fn any_bytes_within_the_limit_round_trip(bytes in proptest::collection::vec(any::<u8>(), 1..2048)) {
            let a = Content::new(Uuid::nil(), "audio/ogg", &bytes).unwrap();
            let json = serde_json::to_string(&a).unwrap();
            let back: Content = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back.bytes().unwrap(), bytes.clone());
            prop_assert_eq!(back.attachment.check_bytes(&bytes), Ok(()));
        }

        #[test]
        fn any_other_bytes_fail_the_check(bytes in proptest::collection::vec(any::<u8>(), 1..512), flip in any::<usize>()) {
            let a = Attachment::describe(Uuid::nil(), "image/png", &bytes).unwrap();
            let mut other = bytes.clone();
            let i = flip % other.len();
            other[i] ^= 1;
            prop_assert_eq!(a.check_bytes(&other), Err(AttachmentError::HashMismatch));
        }
    }
}
