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
    // What child mode adds. Older records have none of these; they read as empty.
    /// The "good things" house (the worries house is `fears`, the dreams house is `hopes`).
    #[serde(default)]
    pub good_things: String,
    /// How the child feels about going home, on the faces scale.
    #[serde(default)]
    pub feeling_about_home: Option<Feeling>,
    /// When the child would like to go home, as picked from pictures (the words are `best_timing`).
    #[serde(default)]
    pub when_home: Option<WhenHome>,
    /// Stickers the child picked, per question.
    #[serde(default)]
    pub stickers: Vec<StickerPick>,
    /// Which question each drawing or recording answers (each id is also in `attachments`).
    #[serde(default)]
    pub media: Vec<ChildMedia>,
    /// Questions the child chose to skip.
    #[serde(default)]
    pub skipped: Vec<Prompt>,
    /// Where the child was seen (the worker's note).
    #[serde(default)]
    pub where_seen: String,
    /// The approach the worker used (the worker's note).
    #[serde(default)]
    pub approach: String,
}

/// The activities a worker can choose for child mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    /// Worries, good things and dreams.
    ThreeHouses,
    /// How I feel about going home (faces scale).
    Feelings,
    WhatWouldHelp,
    WhatNeedsToChange,
    WhenHome,
    WhoITrust,
}

impl Activity {
    pub const ALL: [Activity; 6] = [
        Activity::ThreeHouses,
        Activity::Feelings,
        Activity::WhatWouldHelp,
        Activity::WhatNeedsToChange,
        Activity::WhenHome,
        Activity::WhoITrust,
    ];

    /// The questions of this activity, in the order the child meets them.
    pub fn prompts(self) -> &'static [Prompt] {
        match self {
            Activity::ThreeHouses => &[Prompt::Worries, Prompt::GoodThings, Prompt::Dreams],
            Activity::Feelings => &[Prompt::Feelings],
            Activity::WhatWouldHelp => &[Prompt::WhatWouldHelp],
            Activity::WhatNeedsToChange => &[Prompt::WhatNeedsToChange],
            Activity::WhenHome => &[Prompt::WhenHome],
            Activity::WhoITrust => &[Prompt::WhoITrust],
        }
    }
}

/// The questions of the activities: one screen each in child mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Prompt {
    Worries,
    GoodThings,
    Dreams,
    Feelings,
    WhatWouldHelp,
    WhatNeedsToChange,
    WhenHome,
    WhoITrust,
}

/// The questions of the chosen activities, in the framework's order, each once.
///
/// ```
/// # use homeward_core::voice::*;
/// let p = prompts_for(&[Activity::WhoITrust, Activity::ThreeHouses]);
/// assert_eq!(p, vec![Prompt::Worries, Prompt::GoodThings, Prompt::Dreams, Prompt::WhoITrust]);
/// ```
pub fn prompts_for(activities: &[Activity]) -> Vec<Prompt> {
    Activity::ALL
        .into_iter()
        .filter(|a| activities.contains(a))
        .flat_map(|a| a.prompts().iter().copied())
        .collect()
}

/// The faces scale, from very sad to very happy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feeling {
    VerySad,
    Sad,
    NotSure,
    Happy,
    VeryHappy,
}

impl Feeling {
    pub const ALL: [Feeling; 5] = [
        Feeling::VerySad,
        Feeling::Sad,
        Feeling::NotSure,
        Feeling::Happy,
        Feeling::VeryHappy,
    ];
}

/// When the child would like to go home, for children who answer with pictures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WhenHome {
    VerySoon,
    AfterAWhile,
    NotYet,
    NotSure,
}

impl WhenHome {
    pub const ALL: [WhenHome; 4] = [
        WhenHome::VerySoon,
        WhenHome::AfterAWhile,
        WhenHome::NotYet,
        WhenHome::NotSure,
    ];
}

/// Picture stickers a young child can pick as an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sticker {
    Family,
    Home,
    School,
    Friends,
    Pet,
    Playing,
    Food,
    Hugs,
    Sleep,
    Shouting,
    Crying,
    Grownup,
}

impl Sticker {
    pub const ALL: [Sticker; 12] = [
        Sticker::Family,
        Sticker::Home,
        Sticker::School,
        Sticker::Friends,
        Sticker::Pet,
        Sticker::Playing,
        Sticker::Food,
        Sticker::Hugs,
        Sticker::Sleep,
        Sticker::Shouting,
        Sticker::Crying,
        Sticker::Grownup,
    ];
}

/// A sticker picked for a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct StickerPick {
    pub prompt: Prompt,
    pub sticker: Sticker,
}

/// A drawing or recording, by attachment record id, and the question it answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ChildMedia {
    pub id: Uuid,
    pub prompt: Prompt,
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
    #[error("A drawing or recording is not among the record's attachments.")]
    MediaNotAttached,
}

impl ChildVoice {
    /// A record with nothing said yet, to fill in.
    pub fn empty(id: Uuid, child_id: Uuid, on: NaiveDate, by: &str, age_band: AgeBand) -> Self {
        ChildVoice {
            id,
            child_id,
            on,
            by: by.to_string(),
            age_band,
            hopes: String::new(),
            fears: String::new(),
            best_timing: String::new(),
            support_needed: String::new(),
            changes_parents_must_make: String::new(),
            trusted_adult: None,
            trusted_adult_name: String::new(),
            seen_alone: false,
            others_present: Vec::new(),
            attachments: Vec::new(),
            worker_observations: String::new(),
            good_things: String::new(),
            feeling_about_home: None,
            when_home: None,
            stickers: Vec::new(),
            media: Vec::new(),
            skipped: Vec::new(),
            where_seen: String::new(),
            approach: String::new(),
        }
    }

    /// The child's words for a question (the faces scale has none).
    pub fn words_for(&self, prompt: Prompt) -> &str {
        match prompt {
            Prompt::Worries => &self.fears,
            Prompt::GoodThings => &self.good_things,
            Prompt::Dreams => &self.hopes,
            Prompt::Feelings => "",
            Prompt::WhatWouldHelp => &self.support_needed,
            Prompt::WhatNeedsToChange => &self.changes_parents_must_make,
            Prompt::WhenHome => &self.best_timing,
            Prompt::WhoITrust => &self.trusted_adult_name,
        }
    }

    /// Sets the child's words for a question (ignored for the faces scale).
    pub fn set_words(&mut self, prompt: Prompt, words: String) {
        let slot = match prompt {
            Prompt::Worries => &mut self.fears,
            Prompt::GoodThings => &mut self.good_things,
            Prompt::Dreams => &mut self.hopes,
            Prompt::Feelings => return,
            Prompt::WhatWouldHelp => &mut self.support_needed,
            Prompt::WhatNeedsToChange => &mut self.changes_parents_must_make,
            Prompt::WhenHome => &mut self.best_timing,
            Prompt::WhoITrust => &mut self.trusted_adult_name,
        };
        *slot = words;
    }

    /// Whether the child answered a question in any way.
    pub fn answered(&self, prompt: Prompt) -> bool {
        !self.words_for(prompt).trim().is_empty()
            || self.stickers.iter().any(|s| s.prompt == prompt)
            || self.media.iter().any(|m| m.prompt == prompt)
            || match prompt {
                Prompt::Feelings => self.feeling_about_home.is_some(),
                Prompt::WhenHome => self.when_home.is_some(),
                _ => false,
            }
    }

    /// Adds or removes a sticker for a question.
    pub fn toggle_sticker(&mut self, prompt: Prompt, sticker: Sticker) {
        let pick = StickerPick { prompt, sticker };
        if let Some(i) = self.stickers.iter().position(|p| *p == pick) {
            self.stickers.remove(i);
        } else {
            self.stickers.push(pick);
        }
    }

    /// Attaches a drawing or recording to a question.
    pub fn add_media(&mut self, id: Uuid, prompt: Prompt) {
        self.media.push(ChildMedia { id, prompt });
        self.attachments.push(id.to_string());
    }

    /// The drawings and recordings that answer `prompt`, oldest first.
    pub fn media_for(&self, prompt: Prompt) -> Vec<Uuid> {
        self.media
            .iter()
            .filter(|m| m.prompt == prompt)
            .map(|m| m.id)
            .collect()
    }

    /// Takes a drawing or recording off the record.
    pub fn remove_media(&mut self, id: Uuid) {
        self.media.retain(|m| m.id != id);
        let id = id.to_string();
        self.attachments.retain(|a| *a != id);
    }

    /// Marks a question skipped, or (when the child comes back to it) not skipped.
    pub fn set_skipped(&mut self, prompt: Prompt, skipped: bool) {
        self.skipped.retain(|p| *p != prompt);
        if skipped {
            self.skipped.push(prompt);
        }
    }

    fn words(&self) -> [&str; 7] {
        [
            &self.hopes,
            &self.fears,
            &self.good_things,
            &self.best_timing,
            &self.support_needed,
            &self.changes_parents_must_make,
            &self.trusted_adult_name,
        ]
    }

    /// Whether the child said anything at all: words, a face, a picked time, stickers or media.
    pub fn child_said_something(&self) -> bool {
        self.words().iter().any(|w| !w.trim().is_empty())
            || self.feeling_about_home.is_some()
            || self.when_home.is_some()
            || !self.stickers.is_empty()
            || !self.attachments.is_empty()
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
    ///     attachments: vec![], worker_observations: String::new(), ..ChildVoice::empty(Uuid::nil(), Uuid::nil(), today, "sw1", AgeBand::EightToTwelve) };
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
        if !self.child_said_something() {
            return Err(VoiceError::Empty);
        }
        let max = crate::case::MAX_TEXT_CHARS;
        let worker = [&self.worker_observations, &self.where_seen, &self.approach];
        if self.words().iter().any(|w| w.chars().count() > max)
            || worker.iter().any(|w| w.chars().count() > max)
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
        if !self
            .media
            .iter()
            .all(|m| self.attachments.contains(&m.id.to_string()))
        {
            return Err(VoiceError::MediaNotAttached);
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
            ..ChildVoice::empty(
                Uuid::nil(),
                Uuid::from_u128(1),
                today(),
                "sw1",
                AgeBand::EightToTwelve,
            )
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
            trusted_adult_name: String::new(),
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

    #[test]
    fn a_record_from_before_child_mode_still_reads_with_empty_new_fields() {
        let mut json = serde_json::to_value(alone()).unwrap();
        for k in [
            "good_things",
            "feeling_about_home",
            "when_home",
            "stickers",
            "media",
            "skipped",
            "where_seen",
            "approach",
        ] {
            json.as_object_mut().unwrap().remove(k);
        }
        let back: ChildVoice = serde_json::from_value(json).unwrap();
        assert_eq!(back, alone());
    }

    #[test]
    fn a_child_who_only_picked_a_face_or_stickers_has_said_something() {
        let mut v = ChildVoice::empty(Uuid::nil(), Uuid::nil(), today(), "sw1", AgeBand::Under8);
        v.seen_alone = true;
        assert_eq!(v.validate(today()), Err(VoiceError::Empty));
        v.feeling_about_home = Some(Feeling::NotSure);
        assert_eq!(v.validate(today()), Ok(()));
        v.feeling_about_home = None;
        v.toggle_sticker(Prompt::WhoITrust, Sticker::Grownup);
        assert!(v.answered(Prompt::WhoITrust));
        assert_eq!(v.validate(today()), Ok(()));
        v.toggle_sticker(Prompt::WhoITrust, Sticker::Grownup);
        assert!(!v.answered(Prompt::WhoITrust));
    }

    #[test]
    fn each_question_lists_only_the_drawings_and_recordings_that_answer_it() {
        let mut v = ChildVoice::empty(Uuid::nil(), Uuid::nil(), today(), "sw1", AgeBand::Under8);
        let (house, song, dream) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        v.add_media(house, Prompt::Dreams);
        v.add_media(song, Prompt::Feelings);
        v.add_media(dream, Prompt::Dreams);
        assert_eq!(v.media_for(Prompt::Dreams), vec![house, dream]);
        assert_eq!(v.media_for(Prompt::Feelings), vec![song]);
        assert!(v.media_for(Prompt::Worries).is_empty());
    }

    #[test]
    fn a_drawing_must_be_among_the_attachments() {
        let mut v = ChildVoice::empty(Uuid::nil(), Uuid::nil(), today(), "sw1", AgeBand::Under8);
        v.seen_alone = true;
        let id = Uuid::from_u128(7);
        v.add_media(id, Prompt::Dreams);
        assert_eq!(v.validate(today()), Ok(()));
        v.feeling_about_home = Some(Feeling::Happy);
        v.attachments.clear();
        assert_eq!(v.validate(today()), Err(VoiceError::MediaNotAttached));
        v.attachments.push(id.to_string());
        v.remove_media(id);
        assert!(v.attachments.is_empty() && v.media.is_empty());
    }

    #[test]
    fn the_three_houses_are_worries_good_things_and_dreams() {
        let mut v = ChildVoice::empty(
            Uuid::nil(),
            Uuid::nil(),
            today(),
            "sw1",
            AgeBand::ThirteenPlus,
        );
        v.set_words(Prompt::Worries, "Shouting".into());
        v.set_words(Prompt::Dreams, "A dog".into());
        v.set_words(Prompt::GoodThings, "Nain".into());
        assert_eq!(
            (v.fears.as_str(), v.hopes.as_str(), v.good_things.as_str()),
            ("Shouting", "A dog", "Nain")
        );
        v.set_skipped(Prompt::Feelings, true);
        v.set_skipped(Prompt::Feelings, true);
        assert_eq!(v.skipped, vec![Prompt::Feelings]);
        v.set_skipped(Prompt::Feelings, false);
        assert!(v.skipped.is_empty());
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
