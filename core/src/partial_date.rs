//! Dates that may be approximate: a year, a year and month, or a full day. Case histories often
//! know only "2019" or "March 2019"; such a date sorts before every more precise date within it.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A year, year-month or full date. Built only through the constructors, so it is always valid.
/// Stored and sent as text: "2019", "2019-03" or "2019-03-14".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PartialDate {
    // Field order gives the ordering: None sorts before Some, so a year comes before its months.
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
}

/// Why a partial date is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PartialDateError {
    #[error("Enter a year (like 2019), a month (like 2019-03) or a date (like 2019-03-14).")]
    NotADate,
    #[error("The year must be between 1900 and 2999.")]
    YearOutOfRange,
    #[error("The date cannot be in the future.")]
    InFuture,
}

impl PartialDate {
    /// Only a year is known.
    pub fn year(year: i32) -> Result<PartialDate, PartialDateError> {
        if (1900..=2999).contains(&year) {
            Ok(PartialDate {
                year,
                month: None,
                day: None,
            })
        } else {
            Err(PartialDateError::YearOutOfRange)
        }
    }

    /// A year and month are known.
    pub fn month(year: i32, month: u32) -> Result<PartialDate, PartialDateError> {
        PartialDate::year(year)?;
        if (1..=12).contains(&month) {
            Ok(PartialDate {
                year,
                month: Some(month),
                day: None,
            })
        } else {
            Err(PartialDateError::NotADate)
        }
    }

    /// The exact day is known.
    pub fn day(date: NaiveDate) -> Result<PartialDate, PartialDateError> {
        PartialDate::year(date.year())?;
        Ok(PartialDate {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        })
    }

    /// Reads "2019", "2019-03" or "2019-03-14".
    ///
    /// ```
    /// # use homeward_core::partial_date::PartialDate;
    /// let y = PartialDate::parse("2019").unwrap();
    /// let m = PartialDate::parse("2019-03").unwrap();
    /// let d = PartialDate::parse("2019-01-02").unwrap();
    /// assert!(y < d && d < m);
    /// assert!(PartialDate::parse("2019-13").is_err());
    /// ```
    pub fn parse(raw: &str) -> Result<PartialDate, PartialDateError> {
        let raw = raw.trim();
        let parts: Vec<&str> = raw.split('-').collect();
        let num = |s: &str| -> Result<u32, PartialDateError> {
            if s.is_empty() || s.len() > 4 || !s.chars().all(|c| c.is_ascii_digit()) {
                return Err(PartialDateError::NotADate);
            }
            s.parse().map_err(|_| PartialDateError::NotADate)
        };
        match parts.as_slice() {
            [y] if y.len() == 4 => PartialDate::year(num(y)? as i32),
            [y, m] if y.len() == 4 && m.len() == 2 => PartialDate::month(num(y)? as i32, num(m)?),
            [y, m, _] if y.len() == 4 && m.len() == 2 => {
                let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                    .map_err(|_| PartialDateError::NotADate)?;
                PartialDate::day(date)
            }
            _ => Err(PartialDateError::NotADate),
        }
    }

    /// The first day the date could mean.
    pub fn earliest(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// Refuses a date that starts after `today`.
    pub fn not_after(self, today: NaiveDate) -> Result<PartialDate, PartialDateError> {
        match self.earliest() {
            Some(d) if d > today => Err(PartialDateError::InFuture),
            Some(_) | None => Ok(self),
        }
    }

    /// The year.
    pub fn year_part(&self) -> i32 {
        self.year
    }

    /// The month, if known.
    pub fn month_part(&self) -> Option<u32> {
        self.month
    }

    /// Whether the date could fall on `date` (e.g. "2019" contains every day of 2019).
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.year == date.year()
            && self.month.is_none_or(|m| m == date.month())
            && self.day.is_none_or(|d| d == date.day())
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => write!(f, "{:04}-{:02}", self.year, m),
            (None, _) => write!(f, "{:04}", self.year),
        }
    }
}

impl From<PartialDate> for String {
    fn from(d: PartialDate) -> String {
        d.to_string()
    }
}

impl TryFrom<String> for PartialDate {
    type Error = PartialDateError;
    fn try_from(s: String) -> Result<PartialDate, PartialDateError> {
        PartialDate::parse(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    #[rstest]
    #[case::a_year_before_its_first_month("2019", "2019-01")]
    #[case::a_month_before_its_first_day("2019-03", "2019-03-01")]
    #[case::a_year_before_any_day_in_it("2019", "2019-01-01")]
    #[case::a_day_before_a_later_month("2019-02-28", "2019-03")]
    #[case::a_later_months_year_only_after_an_earlier_year("2018-12-31", "2019")]
    fn partial_dates_sort(#[case] earlier: &str, #[case] later: &str) {
        assert!(PartialDate::parse(earlier).unwrap() < PartialDate::parse(later).unwrap());
    }

    #[rstest]
    #[case("19")]
    #[case("2019-3")]
    #[case("2019-02-30")]
    #[case("1850")]
    #[case("")]
    #[case("2019-03-14-1")]
    fn nonsense_dates_are_refused(#[case] raw: &str) {
        assert!(PartialDate::parse(raw).is_err());
    }

    #[test]
    fn a_date_starting_after_today_is_refused() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        assert!(PartialDate::parse("2026").unwrap().not_after(today).is_ok());
        assert_eq!(
            PartialDate::parse("2026-04").unwrap().not_after(today),
            Err(PartialDateError::InFuture)
        );
    }

    fn any_partial() -> impl Strategy<Value = PartialDate> {
        (1900i32..2999, 0u32..13, 0u32..29).prop_map(|(y, m, d)| match (m, d) {
            (0, _) => PartialDate::year(y).unwrap(),
            (m, 0) => PartialDate::month(y, m).unwrap(),
            (m, d) => PartialDate::day(NaiveDate::from_ymd_opt(y, m, d).unwrap()).unwrap(),
        })
    }

    proptest! {
        #[test]
        fn partial_dates_round_trip_through_json_and_text(p in any_partial()) {
            let json = serde_json::to_string(&p).unwrap();
            prop_assert_eq!(serde_json::from_str::<PartialDate>(&json).unwrap(), p);
            prop_assert_eq!(PartialDate::parse(&p.to_string()).unwrap(), p);
        }

        #[test]
        fn a_less_precise_date_sorts_before_everything_it_contains(p in any_partial()) {
            if let Some(first) = p.earliest() {
                prop_assert!(p <= PartialDate::day(first).unwrap());
            }
        }

        #[test]
        fn parsing_never_panics(s in any::<String>()) {
            let _ = PartialDate::parse(&s);
        }
    }
}
