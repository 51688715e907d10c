//! The case as the walking skeleton knows it: a child's name, date of birth and a note.
//! Later parts of the model (people, chronology, classification...) are their own entities.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Longest child's name we accept, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest free text we accept in one field, in characters.
pub const MAX_TEXT_CHARS: usize = 100_000;

/// What the worker types to open a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCase {
    pub child_name: String,
    pub date_of_birth: NaiveDate,
    pub note: String,
}

/// A case as it is listed: the current values of its fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub id: Uuid,
    pub child_name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub note: String,
}

/// Why a case (or one of its fields) is refused. Messages are plain words for the worker.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseError {
    #[error("Enter the child's name.")]
    NameMissing,
    #[error("The child's name is too long (at most 200 characters).")]
    NameTooLong,
    #[error("The date of birth cannot be in the future.")]
    BirthInFuture,
    #[error("The date of birth must be a date like 2016-04-30.")]
    BirthNotADate,
    #[error("The note is too long (at most 100,000 characters).")]
    NoteTooLong,
}

/// The child's name, trimmed, or why it is refused.
///
/// ```
/// # use homeward_core::case::{child_name, CaseError};
/// assert_eq!(child_name("  Cerys "), Ok("Cerys".to_string()));
/// assert_eq!(child_name("   "), Err(CaseError::NameMissing));
/// ```
pub fn child_name(raw: &str) -> Result<String, CaseError> {
    let name = raw.trim();
    if name.is_empty() {
        Err(CaseError::NameMissing)
    } else if name.chars().count() > MAX_NAME_CHARS {
        Err(CaseError::NameTooLong)
    } else {
        Ok(name.to_string())
    }
}

/// A date of birth, which may be today but not after `today`.
///
/// ```
/// # use chrono::NaiveDate;
/// # use homeward_core::case::{date_of_birth, CaseError};
/// let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
/// assert!(date_of_birth("2017-03-01", today).is_ok());
/// assert_eq!(date_of_birth("2027-01-01", today), Err(CaseError::BirthInFuture));
/// ```
pub fn date_of_birth(raw: &str, today: NaiveDate) -> Result<NaiveDate, CaseError> {
    let date =
        NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| CaseError::BirthNotADate)?;
    if date > today {
        Err(CaseError::BirthInFuture)
    } else {
        Ok(date)
    }
}

/// A free-text note (may be empty).
pub fn note(raw: &str) -> Result<String, CaseError> {
    if raw.chars().count() > MAX_TEXT_CHARS {
        Err(CaseError::NoteTooLong)
    } else {
        Ok(raw.to_string())
    }
}

impl NewCase {
    /// Checks every field of the form, returning all the problems, so the form can show each
    /// message next to its own field.
    pub fn parse(
        name: &str,
        dob: &str,
        note_text: &str,
        today: NaiveDate,
    ) -> Result<NewCase, Vec<CaseError>> {
        let name = child_name(name);
        let dob = date_of_birth(dob, today);
        let text = note(note_text);
        match (name, dob, text) {
            (Ok(child_name), Ok(date_of_birth), Ok(note)) => Ok(NewCase {
                child_name,
                date_of_birth,
                note,
            }),
            (n, d, t) => Err([n.err(), d.err(), t.err()].into_iter().flatten().collect()),
        }
    }
}

/// Age in whole years on `today`.
pub fn age_on(date_of_birth: NaiveDate, today: NaiveDate) -> u32 {
    today.years_since(date_of_birth).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn a_case_needs_the_childs_name() {
        let err = NewCase::parse("", "2017-01-01", "", today()).unwrap_err();
        assert_eq!(err, vec![CaseError::NameMissing]);
    }

    #[test]
    fn a_birth_date_in_the_future_is_refused() {
        let err = NewCase::parse("Cerys", "2026-11-24", "", today()).unwrap_err();
        assert_eq!(err, vec![CaseError::BirthInFuture]);
    }

    #[test]
    fn a_child_born_today_can_have_a_case() {
        assert!(NewCase::parse("Baby", "2026-11-23", "", today()).is_ok());
    }

    #[test]
    fn every_problem_on_the_form_is_reported_at_once() {
        let err = NewCase::parse(" ", "not a date", "", today()).unwrap_err();
        assert_eq!(err, vec![CaseError::NameMissing, CaseError::BirthNotADate]);
    }

    #[rstest]
    #[case("2017-11-23", 9)]
    #[case("2017-11-24", 8)]
    #[case("2012-02-29", 14)]
    fn age_counts_whole_years(#[case] dob: &str, #[case] age: u32) {
        let dob = NaiveDate::parse_from_str(dob, "%Y-%m-%d").unwrap();
        assert_eq!(age_on(dob, today()), age);
    }
}
