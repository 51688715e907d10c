//! Relationship-based support (Stage 3 task 3): a log of the direct work the social worker does
//! with the child and the parents. The source counts purposeful work with listening and
//! emotional warmth among what makes a return home succeed, so each session is kept.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Who the support was given to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportWith {
    Child,
    Parents,
    /// The child and parents together.
    Family,
}

impl SupportWith {
    pub const ALL: [SupportWith; 3] = [
        SupportWith::Child,
        SupportWith::Parents,
        SupportWith::Family,
    ];
}

/// One session of support.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportSession {
    pub id: Uuid,
    pub on: NaiveDate,
    pub with: SupportWith,
    /// What was done and how it went.
    pub what: String,
    pub by: String,
}

/// Why a session is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SupportError {
    #[error("Write down what support was given.")]
    NothingWritten,
    #[error("The date cannot be in the future.")]
    InFuture,
}

impl SupportSession {
    /// Checks a session against today's date.
    ///
    /// ```
    /// # use homeward_core::support::*;
    /// # use chrono::NaiveDate;
    /// let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    /// let s = SupportSession { id: uuid::Uuid::nil(), on: today, with: SupportWith::Parents,
    ///     what: "Home visit: talked through the week's routine".into(), by: "ffion".into() };
    /// assert_eq!(s.validate(today), Ok(()));
    /// ```
    pub fn validate(&self, today: NaiveDate) -> Result<(), SupportError> {
        if self.what.trim().is_empty() {
            Err(SupportError::NothingWritten)
        } else if self.on > today {
            Err(SupportError::InFuture)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, day).unwrap()
    }

    #[test]
    fn a_session_needs_what_was_done_and_cannot_be_in_the_future() {
        let mut s = SupportSession {
            id: Uuid::nil(),
            on: d(3),
            with: SupportWith::Child,
            what: "  ".into(),
            by: "ffion".into(),
        };
        assert_eq!(s.validate(d(2)), Err(SupportError::NothingWritten));
        s.what = "Life-story work at school".into();
        assert_eq!(s.validate(d(2)), Err(SupportError::InFuture));
        assert_eq!(s.validate(d(3)), Ok(()));
    }
}
