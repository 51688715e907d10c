//! Drawings and voice recordings the child makes. Each is its own sync record (`Entity::Attachment`)
//! holding the bytes as base64 with their length and sha256, so it is stored, encrypted and synced
//! like every other item, and its content can be checked on the device and on the server.

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

/// One drawing or recording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub id: Uuid,
    /// For example `image/png` or `audio/webm;codecs=opus`.
    pub media_type: String,
    /// Length of the decoded bytes.
    pub byte_len: u64,
    /// sha256 of the decoded bytes, lower-case hex.
    pub sha256: String,
    /// The bytes, standard base64 with padding.
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
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn media_type_ok(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    media_type.len() <= 100 && MEDIA_TYPES.contains(&essence)
}

impl Attachment {
    /// Makes an attachment from its bytes.
    ///
    /// ```
    /// # use homeward_core::attachment::*;
    /// let a = Attachment::new(uuid::Uuid::nil(), "image/png", b"png bytes").unwrap();
    /// assert_eq!(a.bytes().unwrap(), b"png bytes");
    /// assert_eq!(Attachment::new(uuid::Uuid::nil(), "text/html", b"<p>"), Err(AttachmentError::MediaType));
    /// ```
    pub fn new(id: Uuid, media_type: &str, bytes: &[u8]) -> Result<Attachment, AttachmentError> {
        check_size(bytes.len())?;
        if !media_type_ok(media_type) {
            return Err(AttachmentError::MediaType);
        }
        Ok(Attachment {
            id,
            media_type: media_type.to_string(),
            byte_len: bytes.len() as u64,
            sha256: sha256_hex(bytes),
            data: STANDARD.encode(bytes),
        })
    }

    /// Makes an attachment from base64 text (a canvas's `toDataURL` after the comma).
    pub fn from_base64(
        id: Uuid,
        media_type: &str,
        data: &str,
    ) -> Result<Attachment, AttachmentError> {
        if data.len() > MAX_ATTACHMENT_BYTES.div_ceil(3) * 4 {
            return Err(AttachmentError::TooLarge);
        }
        let bytes = STANDARD
            .decode(data.trim().as_bytes())
            .map_err(|_| AttachmentError::NotBase64)?;
        Attachment::new(id, media_type, &bytes)
    }

    /// The decoded bytes, after checking length and checksum.
    pub fn bytes(&self) -> Result<Vec<u8>, AttachmentError> {
        // base64 is 4 characters per 3 bytes: refuse an oversized text before decoding it.
        if self.data.len() > MAX_ATTACHMENT_BYTES.div_ceil(3) * 4 {
            return Err(AttachmentError::TooLarge);
        }
        let bytes = STANDARD
            .decode(self.data.as_bytes())
            .map_err(|_| AttachmentError::NotBase64)?;
        check_size(bytes.len())?;
        if bytes.len() as u64 != self.byte_len {
            return Err(AttachmentError::LengthMismatch);
        }
        if sha256_hex(&bytes) != self.sha256 {
            return Err(AttachmentError::HashMismatch);
        }
        Ok(bytes)
    }

    /// Checks the whole attachment: media type, size, length and checksum.
    pub fn check(&self) -> Result<(), AttachmentError> {
        if !media_type_ok(&self.media_type) {
            return Err(AttachmentError::MediaType);
        }
        self.bytes().map(drop)
    }

    /// Whether it is a voice recording (otherwise a drawing).
    pub fn is_audio(&self) -> bool {
        self.media_type.starts_with("audio/") || self.media_type.starts_with("video/")
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
        let a = Attachment::new(Uuid::from_u128(1), "audio/webm;codecs=opus", b"abc").unwrap();
        let b = Attachment::from_base64(Uuid::from_u128(1), "audio/webm;codecs=opus", &a.data);
        assert_eq!(b.as_ref(), Ok(&a));
        assert_eq!(a.byte_len, 3);
        assert_eq!(
            a.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(a.is_audio());
        assert_eq!(a.check(), Ok(()));
    }

    #[test]
    fn an_attachment_over_three_megabytes_is_refused() {
        let big = vec![0u8; MAX_ATTACHMENT_BYTES + 1];
        assert_eq!(
            Attachment::new(Uuid::nil(), "image/png", &big),
            Err(AttachmentError::TooLarge)
        );
        let ok = vec![0u8; MAX_ATTACHMENT_BYTES];
        assert!(Attachment::new(Uuid::nil(), "image/png", &ok).is_ok());
    }

    #[test]
    fn tampered_content_is_refused() {
        let mut a = Attachment::new(Uuid::nil(), "image/png", b"drawing").unwrap();
        a.data = STANDARD.encode(b"drawinG");
        assert_eq!(a.check(), Err(AttachmentError::HashMismatch));
        a.data = "not base64!".into();
        assert_eq!(a.check(), Err(AttachmentError::NotBase64));
        let mut b = Attachment::new(Uuid::nil(), "image/png", b"drawing").unwrap();
        b.byte_len = 8;
        assert_eq!(b.check(), Err(AttachmentError::LengthMismatch));
        b.byte_len = 7;
        b.media_type = "application/pdf".into();
        assert_eq!(b.check(), Err(AttachmentError::MediaType));
    }

    proptest! {
        #[test]
        fn any_bytes_within_the_limit_round_trip(bytes in proptest::collection::vec(any::<u8>(), 1..2048)) {
            let a = Attachment::new(Uuid::nil(), "audio/ogg", &bytes).unwrap();
            let json = serde_json::to_string(&a).unwrap();
            let back: Attachment = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back.bytes().unwrap(), bytes);
        }
    }
}
