//! The child's voice: what the child says when seen alone, in their own words, kept apart from
//! the worker's own observations so the two are never confused.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Age bands: the approach (and the child-mode screens) differ by age and development.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgeBand {
    Under8,
    EightToTwelve,
    ThirteenPlus,
}

impl AgeBand {
    /// The band for a child of `age` whole years.
    ///
    /// ```
    /// # use homeward_core::voice::*;
    /// assert_eq!(AgeBand::for_age(7), AgeBand::Under8);
    /// assert_eq!(AgeBand::for_age(8), AgeBand::EightToTwelve);
    /// assert_eq!(AgeBand::for_age(13), AgeBand::ThirteenPlus);
    /// ```
    pub fn for_age(age: u32) -> AgeBand {
        match age {
            0..=7 => AgeBand::Under8,
            8..=12 => AgeBand::EightToTwelve,
            _ => AgeBand::ThirteenPlus,
        }
    }

    /// The band on `today` for a child born on `date_of_birth`.
    pub fn on(date_of_birth: NaiveDate, today: NaiveDate) -> AgeBand {
        AgeBand::for_age(crate::case::age_on(date_of_birth, today))
    }
}

/// One conversation with the child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildVoice {
    pub id: Uuid,
    /// The child (person id).
    pub child_id: Uuid,
    pub on: NaiveDate,
    pub by: String,
    pub age_band: AgeBand,
    pub hopes: String,
    pub fears: String,
    /// When the child thinks is the best time to go home.
    pub best_timing: String,
    /// The support they need to prepare.
    pub support_needed: String,
    /// What they think their parents need to change for home to be safe.
    pub changes_parents_must_make: String,
    /// The trusted adult the child names (person id), if any.
    pub trusted_adult: Option<Uuid>,
    pub trusted_adult_name: String,
    pub seen_alone: bool,
    /// Who else was there, when the child was not seen alone.
    pub others_present: Vec<String>,
    /// Drawings and recordings, by blob id only (the content lives in blob storage).
    pub attachments: Vec<String>,
    /// The worker's own observations, kept apart from the child's words.
    pub worker_observations: String,
}

/// Why a child's-voice record is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VoiceError {
    #[error("Say who else was there, since the child was not seen alone.")]
    WhoElseMissing,
    #[error("The child was seen alone, so nobody else should be listed as present.")]
    OthersWhileAlone,
    #[error("Nothing was recorded: write down at least one thing the child said, or attach their drawing or recording.")]
    Empty,
    #[error("An attachment id is not valid.")]
    BadAttachment,
    #[error("The date cannot be in the future.")]
    InFuture,
    #[error("A text is too long (at most 100,000 characters).")]
    TooLong,
}

impl ChildVoice {
    fn words(&self) -> [&str; 5] {
        [
            &self.hopes,
            &self.fears,
            &self.best_timing,
            &self.support_needed,
            &self.changes_parents_must_make,
        ]
    }

    /// Checks the record.
    ///
    /// ```
    /// # use homeward_core::voice::*;
    /// # use chrono::NaiveDate;
    /// # use uuid::Uuid;
    /// let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    /// let v = ChildVoice { id: Uuid::nil(), child_id: Uuid::nil(), on: today, by: "sw1".into(),
    ///     age_band: AgeBand::EightToTwelve, hopes: "Home before my birthday".into(), fears: String::new(),
    ///     best_timing: String::new(), support_needed: String::new(), changes_parents_must_make: String::new(),
    ///     trusted_adult: None, trusted_adult_name: "Nain".into(), seen_alone: false, others_present: vec![],
    ///     attachments: vec![], worker_observations: String::new() };
    /// assert_eq!(v.validate(today), Err(VoiceError::WhoElseMissing));
    /// ```
    pub fn validate(&self, today: NaiveDate) -> Result<(), VoiceError> {
        if self.on > today {
            return Err(VoiceError::InFuture);
        }
        let others = self.others_present.iter().any(|o| !o.trim().is_empty());
        if self.seen_alone && others {
            return Err(VoiceError::OthersWhileAlone);
        }
        if !self.seen_alone && !others {
            return Err(VoiceError::WhoElseMissing);
        }
        if self.words().iter().all(|w| w.trim().is_empty()) && self.attachments.is_empty() {
            return Err(VoiceError::Empty);
        }
        let max = crate::case::MAX_TEXT_CHARS;
        if self.words().iter().any(|w| w.chars().count() > max)
            || self.worker_observations.chars().count() > max
        {
            return Err(VoiceError::TooLong);
        }
        let ok_id = |a: &String| {
            !a.is_empty()
                && a.len() <= 128
                && a.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':'))
        };
        if !self.attachments.iter().all(ok_id) {
            return Err(VoiceError::BadAttachment);
        }
        Ok(())
    }
}

/// Whether the child has been seen alone at least once (Stage 1 task 3 asks for it).
pub fn seen_alone_at_least_once(records: &[ChildVoice], child_id: Uuid) -> bool {
    records
        .iter()
        .any(|r| r.child_id == child_id && r.seen_alone)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
    }

    fn alone() -> ChildVoice {
        ChildVoice {
            id: Uuid::nil(),
            child_id: Uuid::from_u128(1),
            on: today(),
            by: "sw1".into(),
            age_band: AgeBand::EightToTwelve,
            hopes: "Home before my birthday".into(),
            fears: "Mum getting poorly again".into(),
            best_timing: String::new(),
            support_needed: String::new(),
            changes_parents_must_make: String::new(),
            trusted_adult: None,
            trusted_adult_name: "Nain Eirlys".into(),
            seen_alone: true,
            others_present: vec![],
            attachments: vec!["sha256-abc123".into()],
            worker_observations: "Relaxed, drew the house twice".into(),
        }
    }

    #[test]
    fn a_child_seen_alone_has_nobody_else_listed_and_one_not_seen_alone_says_who_was_there() {
        assert_eq!(alone().validate(today()), Ok(()));
        let mut v = alone();
        v.others_present = vec!["Foster carer".into()];
        assert_eq!(v.validate(today()), Err(VoiceError::OthersWhileAlone));
        v.seen_alone = false;
        assert_eq!(v.validate(today()), Ok(()));
        assert!(!seen_alone_at_least_once(&[v], Uuid::from_u128(1)));
        assert!(seen_alone_at_least_once(&[alone()], Uuid::from_u128(1)));
    }

    #[test]
    fn an_empty_record_is_refused() {
        let v = ChildVoice {
            hopes: String::new(),
            fears: " ".into(),
            attachments: vec![],
            ..alone()
        };
        assert_eq!(v.validate(today()), Err(VoiceError::Empty));
    }

    #[test]
    fn age_bands_follow_the_childs_age_on_the_day() {
        let dob = NaiveDate::from_ymd_opt(2018, 3, 3).unwrap();
        assert_eq!(AgeBand::on(dob, today()), AgeBand::Under8);
        assert_eq!(AgeBand::for_age(12), AgeBand::EightToTwelve);
    }

    proptest! {
        #[test]
        fn voice_records_round_trip_and_validation_never_panics(hopes in any::<String>(), att in any::<String>(), other in any::<String>()) {
            let v = ChildVoice { hopes, attachments: vec![att], others_present: vec![other], ..alone() };
            let _ = v.validate(today());
            let json = serde_json::to_string(&v).unwrap();
            prop_assert_eq!(serde_json::from_str::<ChildVoice>(&json).unwrap(), v);
        }
    }
}
