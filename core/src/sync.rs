//! The sync protocol shared by the tablet and the server.
//!
//! Every edit is a [`Change`] to one field of one entity of one case. The device writes the
//! change to its outbox in the same IndexedDB transaction as the edit, pushes it later, and the
//! server answers per change with a [`ChangeOutcome`]. Pull returns what changed after a cursor.

use crate::case::{self, CaseError};
use crate::hlc::Hlc;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

/// Most changes the server accepts in one push; the client sends batches of at most this.
/// Each push or pull costs the tablet a request and a round of IndexedDB transactions whatever
/// it holds, so a sync after a long day offline should take few of them; 5,000 typical changes
/// are about 2 MB of JSON, well inside the push body limit (and [`PUSH_BYTES_BUDGET`] bounds the
/// rare push of long texts).
pub const MAX_PUSH_CHANGES: usize = 5000;
/// Most changes one pull returns; `more` says whether to pull again.
pub const MAX_PULL_CHANGES: usize = 5000;

/// The kinds of record a change can touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    /// The case itself; its `entity_id` is the case id.
    Case,
    // Items of the practice record; see `entities` for their content.
    Person,
    Relationship,
    ChronologyEntry,
    CaseFactor,
    Strength,
    Capacity,
    ChildVoice,
    Classification,
    Decision,
    Communication,
    Agreement,
    Review,
    /// One per case (`entity_id` is the case id), like `Contingency` and `Checklist`.
    Team,
    Contingency,
    Checklist,
    /// A drawing or a voice recording the child made, or a signature (see `attachment`).
    Attachment,
    /// A session of relationship-based support (see `support`).
    Support,
    /// A team manager's decision on a submission; its `entity_id` is the submission's id.
    SignOff,
    /// One per case (`entity_id` is the case id): the multi-agency reunification plan.
    ReunificationPlan,
}

impl Entity {
    /// Every kind, for exhaustive tests and listings.
    pub const ALL: [Entity; 20] = [
        Entity::Case,
        Entity::Person,
        Entity::Relationship,
        Entity::ChronologyEntry,
        Entity::CaseFactor,
        Entity::Strength,
        Entity::Capacity,
        Entity::ChildVoice,
        Entity::Classification,
        Entity::Decision,
        Entity::Communication,
        Entity::Agreement,
        Entity::Review,
        Entity::Team,
        Entity::Contingency,
        Entity::Checklist,
        Entity::Attachment,
        Entity::Support,
        Entity::SignOff,
        Entity::ReunificationPlan,
    ];

    /// The name used in JSON and storage keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Entity::Case => "case",
            Entity::Person => "person",
            Entity::Relationship => "relationship",
            Entity::ChronologyEntry => "chronology_entry",
            Entity::CaseFactor => "case_factor",
            Entity::Strength => "strength",
            Entity::Capacity => "capacity",
            Entity::ChildVoice => "child_voice",
            Entity::Classification => "classification",
            Entity::Decision => "decision",
            Entity::Communication => "communication",
            Entity::Agreement => "agreement",
            Entity::Review => "review",
            Entity::Team => "team",
            Entity::Contingency => "contingency",
            Entity::Checklist => "checklist",
            Entity::Attachment => "attachment",
            Entity::Support => "support",
            Entity::SignOff => "sign_off",
            Entity::ReunificationPlan => "reunification_plan",
        }
    }

    pub fn parse(s: &str) -> Option<Entity> {
        Entity::ALL.into_iter().find(|e| e.as_str() == s)
    }

    /// Records that make up the case's history of judgements, which are never deleted: the
    /// classifications, the decisions made on them and the manager's sign-offs.
    pub fn kept_forever(self) -> bool {
        matches!(
            self,
            Entity::Classification | Entity::Decision | Entity::SignOff
        )
    }

    /// Whether a case has exactly one record of this kind, whose `entity_id` is the case id
    /// ([`check_change`] refuses any other id): such a record is in its case by its id alone.
    pub fn one_per_case(self) -> bool {
        match self {
            Entity::Case
            | Entity::Team
            | Entity::Contingency
            | Entity::Checklist
            | Entity::ReunificationPlan => true,
            Entity::Person
            | Entity::Relationship
            | Entity::ChronologyEntry
            | Entity::CaseFactor
            | Entity::Strength
            | Entity::Capacity
            | Entity::ChildVoice
            | Entity::Classification
            | Entity::Decision
            | Entity::Communication
            | Entity::Agreement
            | Entity::Review
            | Entity::Attachment
            | Entity::Support
            | Entity::SignOff => false,
        }
    }
}

/// How many bytes of changes the device puts in one push. The server accepts bodies of up to
/// 8 MiB; one change is far smaller (attachments' bytes are uploaded apart), so one always fits.
pub const PUSH_BYTES_BUDGET: usize = 6 * 1024 * 1024;

/// How many of `changes` (from the front) fit in one push of at most `budget` bytes of values;
/// always at least one, so a single large change is still sent (and answered) on its own.
pub fn fits_in_push(changes: &[Change], budget: usize) -> usize {
    let mut used = 0usize;
    for (i, c) in changes.iter().enumerate() {
        // The value dominates; 512 bytes covers the ids, clock and names around it.
        used += c.value.to_string().len() + 512;
        if used > budget {
            return i.max(1);
        }
    }
    changes.len()
}

/// How concurrent edits of a field are merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MergeKind {
    /// Enumerations, dates, booleans, short values: the later clock wins.
    LastWriterWins,
    /// Free text (notes, analysis, the child's words): two concurrent edits are a conflict that a
    /// person resolves; neither is dropped.
    Text,
}

/// One edit of one field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// uuid v7, made on the device; pushing the same id twice applies it once.
    pub change_id: Uuid,
    pub device_id: Uuid,
    /// Username of the author. The server checks it against the signed-in user.
    pub user: String,
    pub case_id: Uuid,
    pub entity: Entity,
    pub entity_id: Uuid,
    pub field: String,
    pub value: Value,
    pub hlc: Hlc,
    /// The server version of this field the edit was made on (0 when the device never saw one).
    #[serde(default)]
    pub base: i64,
}

/// `POST /api/sync/push` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    pub device_id: Uuid,
    pub changes: Vec<Change>,
}

/// What the server did with one pushed change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ChangeOutcome {
    /// Now the current value; `version` is the field's new server version.
    Applied { version: i64 },
    /// Kept in the log, but a later edit of the same field wins.
    Superseded { version: i64 },
    /// Free text edited concurrently: both values are kept and the case needs review.
    Conflict { version: i64 },
    /// Refused; the reason is plain words for the worker. Nothing was stored.
    Rejected { reason: String },
}

/// The answer for one change of a push.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeResult {
    pub change_id: Uuid,
    #[serde(flatten)]
    pub outcome: ChangeOutcome,
}

/// `POST /api/sync/push` reply: one result per change, in the order sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResponse {
    pub results: Vec<ChangeResult>,
}

/// A change as the server hands it out on pull, with its place in the server's log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PulledChange {
    /// Position in the server log; the cursor of the next pull is the largest seen.
    pub seq: i64,
    /// Applied (the field's value from now on) or Conflict (an alternative value to review).
    pub conflict: bool,
    pub change: Change,
}

/// `GET /api/sync/pull?since=<cursor>` reply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullResponse {
    pub changes: Vec<PulledChange>,
    /// Pass this as `since` next time.
    pub cursor: i64,
    /// More changes wait after this page.
    pub more: bool,
    /// Pass this as `grants` next time: the last case grant this reply accounts for.
    #[serde(default)]
    pub grants_cursor: i64,
    /// Cases put on the caller's caseload (or their team's) after the `grants` passed. Their
    /// history before the cursor was not readable when the device pulled past it: fetch each
    /// whole with `case=<id>` (from `since=0`). Empty when `grants` was not given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resync: Vec<Uuid>,
}

/// Why a change is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChangeError {
    #[error("This kind of record has no field called '{0}'.")]
    UnknownField(String),
    #[error("The value of '{field}' has the wrong type: {expected} expected.")]
    WrongType {
        field: String,
        expected: &'static str,
    },
    #[error("A case's own record must have the case's id.")]
    CaseIdMismatch,
    #[error("The record's content is not in the expected form: {0}")]
    BadData(String),
    #[error("The record's content carries a different id from the record.")]
    DataIdMismatch,
    #[error("{0}")]
    Case(#[from] CaseError),
    #[error("A {entity} is part of the case's record: it is kept, never deleted.", entity = .0.as_str())]
    KeptForever(Entity),
}

/// Checks a change's field and value against the model and returns how it merges.
///
/// ```
/// # use homeward_core::sync::{check_value, Entity, MergeKind};
/// # use chrono::NaiveDate;
/// let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
/// let kind = check_value(Entity::Case, "note", &serde_json::json!("Visit went well"), today);
/// assert_eq!(kind, Ok(MergeKind::Text));
/// ```
pub fn check_value(
    entity: Entity,
    field: &str,
    value: &Value,
    today: NaiveDate,
) -> Result<MergeKind, ChangeError> {
    let text = |expected: &'static str| {
        value.as_str().ok_or_else(|| ChangeError::WrongType {
            field: field.to_string(),
            expected,
        })
    };
    match entity {
        Entity::Case => match field {
            "child_name" => {
                case::child_name(text("text")?)?;
                Ok(MergeKind::LastWriterWins)
            }
            "date_of_birth" => {
                case::date_of_birth(text("a date")?, today)?;
                Ok(MergeKind::LastWriterWins)
            }
            "note" => {
                case::note(text("text")?)?;
                Ok(MergeKind::Text)
            }
            other => Err(ChangeError::UnknownField(other.to_string())),
        },
        item => crate::entities::check_item_field(item, None, field, value),
    }
}

/// Checks a whole change: ids that must agree, then the value.
pub fn check_change(change: &Change, today: NaiveDate) -> Result<MergeKind, ChangeError> {
    match change.entity {
        Entity::Case => {
            if change.entity_id != change.case_id {
                return Err(ChangeError::CaseIdMismatch);
            }
            check_value(change.entity, &change.field, &change.value, today)
        }
        one if one.one_per_case() && change.entity_id != change.case_id => {
            Err(ChangeError::CaseIdMismatch)
        }
        item => crate::entities::check_item_field(
            item,
            Some(change.entity_id),
            &change.field,
            &change.value,
        ),
    }
}

/// The state of a field on the server: its value's clock and server version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldHead {
    pub hlc: Hlc,
    pub version: i64,
    /// The current value equals the incoming one (a repeat is never a conflict).
    pub same_value: bool,
    /// The current value was written by the same user on the same device as the incoming change.
    /// A device's clock only moves forward, so its later stamp means it wrote this edit after
    /// that value, whatever server version it last saw.
    pub same_device: bool,
}

/// What merging an incoming change into a field does. `Applied` and `Superseded` keep the log
/// whole; `Conflict` keeps both texts for a person to choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    Apply,
    Supersede,
    Conflict,
}

/// The per-field merge rule of the design: last writer by clock wins for values; for text, an
/// edit made without seeing the current version is concurrent and becomes a conflict.
///
/// For text, in order:
/// 1. made on the current version or later (`base >= head.version`): the author saw the current
///    text, so the edit applies (a repeat of the same value with an older clock is superseded);
/// 2. the current text was written on the same device by the same user: the device's own earlier
///    edit. Its clock only moves forward, so a later stamp applies and an earlier one (an old edit
///    arriving late) is superseded. A device never conflicts with itself, even when it edits the
///    same text twice offline and the second edit still carries the old base;
/// 3. the same value: nothing to review, superseded;
/// 4. otherwise the edits are concurrent: a conflict, both texts kept.
///
/// ```
/// # use homeward_core::sync::{merge, FieldHead, Merge, MergeKind};
/// # use homeward_core::Hlc;
/// let head = FieldHead {
///     hlc: Hlc::zero("a").tick(10), version: 7, same_value: false, same_device: false,
/// };
/// // made on version 3 while someone else wrote version 7: both texts are kept
/// assert_eq!(merge(MergeKind::Text, Some(&head), &Hlc::zero("b").tick(20), 3), Merge::Conflict);
/// assert_eq!(merge(MergeKind::Text, Some(&head), &Hlc::zero("b").tick(20), 7), Merge::Apply);
/// // the same device's second offline edit, still on version 3, follows its first
/// let own = FieldHead { same_device: true, ..head };
/// assert_eq!(merge(MergeKind::Text, Some(&own), &Hlc::zero("a").tick(20), 3), Merge::Apply);
/// ```
pub fn merge(kind: MergeKind, head: Option<&FieldHead>, hlc: &Hlc, base: i64) -> Merge {
    let Some(head) = head else {
        return Merge::Apply;
    };
    match kind {
        MergeKind::LastWriterWins => {
            if *hlc > head.hlc {
                Merge::Apply
            } else {
                Merge::Supersede
            }
        }
        MergeKind::Text => {
            if base >= head.version {
                if *hlc > head.hlc || !head.same_value {
                    Merge::Apply
                } else {
                    Merge::Supersede
                }
            } else if head.same_device {
                if *hlc > head.hlc {
                    Merge::Apply
                } else {
                    Merge::Supersede
                }
            } else if head.same_value {
                Merge::Supersede
            } else {
                Merge::Conflict
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn change(field: &str, value: Value) -> Change {
        let id = Uuid::from_u128(1);
        Change {
            change_id: Uuid::from_u128(9),
            device_id: Uuid::from_u128(2),
            user: "worker".into(),
            case_id: id,
            entity: Entity::Case,
            entity_id: id,
            field: field.into(),
            value,
            hlc: Hlc::zero("dev").tick(1),
            base: 0,
        }
    }

    #[test]
    fn a_pushed_case_name_that_is_blank_is_refused() {
        let err = check_change(&change("child_name", json!("  ")), today()).unwrap_err();
        assert_eq!(err, ChangeError::Case(CaseError::NameMissing));
    }

    #[test]
    fn a_pushed_birth_date_in_the_future_is_refused() {
        let err = check_change(&change("date_of_birth", json!("2030-01-01")), today());
        assert_eq!(err, Err(ChangeError::Case(CaseError::BirthInFuture)));
    }

    #[test]
    fn a_number_where_text_belongs_is_refused() {
        let err = check_change(&change("note", json!(5)), today());
        assert!(matches!(err, Err(ChangeError::WrongType { .. })));
    }

    #[test]
    fn an_unknown_field_is_refused() {
        let err = check_change(&change("password", json!("x")), today());
        assert_eq!(err, Err(ChangeError::UnknownField("password".into())));
    }

    #[test]
    fn a_case_record_under_another_case_id_is_refused() {
        let mut c = change("note", json!("x"));
        c.entity_id = Uuid::from_u128(77);
        assert_eq!(check_change(&c, today()), Err(ChangeError::CaseIdMismatch));
    }

    #[test]
    fn a_record_that_is_one_per_case_under_another_id_than_its_case_is_refused() {
        // The server binds no such record to its case: it relies on this refusal.
        for entity in Entity::ALL.into_iter().filter(|e| e.one_per_case()) {
            let mut c = change("note", json!("x"));
            c.entity = entity;
            c.entity_id = Uuid::from_u128(77);
            assert_eq!(
                check_change(&c, today()),
                Err(ChangeError::CaseIdMismatch),
                "{entity:?}"
            );
        }
    }

    #[test]
    fn a_push_holds_changes_up_to_the_byte_budget_and_never_none() {
        let big = change("note", json!("x".repeat(4000)));
        let small = change("note", json!("y"));
        let changes = vec![big.clone(), big.clone(), small.clone()];
        assert_eq!(fits_in_push(&changes, 5000), 1);
        assert_eq!(fits_in_push(&changes, 9100), 2);
        assert_eq!(fits_in_push(&changes, 100_000), 3);
        assert_eq!(fits_in_push(&[], 10), 0);
        assert_eq!(fits_in_push(&[small], 10), 1);
    }

    #[test]
    fn every_entity_name_parses_back_to_itself() {
        for e in Entity::ALL {
            assert_eq!(Entity::parse(e.as_str()), Some(e));
            assert_eq!(serde_json::to_value(e).unwrap(), json!(e.as_str()));
        }
    }

    #[test]
    fn unknown_fields_in_a_push_body_are_refused() {
        let body = r#"{"device_id":"00000000-0000-0000-0000-000000000001","changes":[],"x":1}"#;
        assert!(serde_json::from_str::<PushRequest>(body).is_err());
    }

    #[test]
    fn outcomes_serialise_flat_with_their_change_id() {
        let r = ChangeResult {
            change_id: Uuid::from_u128(1),
            outcome: ChangeOutcome::Rejected {
                reason: "no".into(),
            },
        };
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["outcome"], "rejected");
        assert_eq!(v["reason"], "no");
        let back: ChangeResult = serde_json::from_value(v).unwrap();
        assert_eq!(back, r);
    }

    #[test]
    fn concurrent_edits_of_a_date_follow_the_later_clock() {
        let head = FieldHead {
            hlc: Hlc::zero("a").tick(50),
            version: 4,
            same_value: false,
            same_device: false,
        };
        let earlier = Hlc::zero("b").tick(40);
        let later = Hlc::zero("b").tick(60);
        assert_eq!(
            merge(MergeKind::LastWriterWins, Some(&head), &earlier, 0),
            Merge::Supersede
        );
        assert_eq!(
            merge(MergeKind::LastWriterWins, Some(&head), &later, 0),
            Merge::Apply
        );
    }

    proptest! {
        #[test]
        fn a_concurrent_text_edit_with_a_different_value_is_never_silently_dropped(
            head_wall in 0u64..1000, wall in 0u64..1000, version in 1i64..100, base in 0i64..100,
        ) {
            prop_assume!(base < version);
            let head = FieldHead {
                hlc: Hlc::zero("a").tick(head_wall), version, same_value: false, same_device: false,
            };
            let m = merge(MergeKind::Text, Some(&head), &Hlc::zero("b").tick(wall), base);
            prop_assert_eq!(m, Merge::Conflict);
        }

        #[test]
        fn a_devices_later_edit_of_its_own_text_always_applies_whatever_its_base(
            head_wall in 0u64..1000, later in 1u64..1000, version in 1i64..100, base in 0i64..100,
            same_value: bool,
        ) {
            let head_hlc = Hlc::zero("tab").tick(head_wall);
            let head = FieldHead { hlc: head_hlc.clone(), version, same_value, same_device: true };
            let next = head_hlc.tick(head_wall + later);
            prop_assert_eq!(merge(MergeKind::Text, Some(&head), &next, base), Merge::Apply);
        }

        #[test]
        fn a_devices_older_edit_arriving_late_never_replaces_its_newer_one(
            head_wall in 1u64..1000, earlier in 1u64..1000, version in 1i64..100,
            base in 0i64..100,
        ) {
            prop_assume!(base < version);
            let old = Hlc::zero("tab").tick(head_wall.saturating_sub(earlier));
            let head = FieldHead {
                hlc: old.tick(head_wall), version, same_value: false, same_device: true,
            };
            prop_assert_eq!(merge(MergeKind::Text, Some(&head), &old, base), Merge::Supersede);
        }

        #[test]
        fn sequences_of_one_devices_offline_edits_end_with_its_last_text(
            walls in proptest::collection::vec(1u64..10_000, 1..20),
        ) {
            // One device edits the note again and again offline (every edit on base 0, its
            // clock moving forward), then pushes them in order: each applies, none conflicts.
            let mut clock = Hlc::zero("tab");
            let mut head: Option<FieldHead> = None;
            for (version, wall) in (1i64..).zip(walls) {
                clock = clock.tick(wall);
                let m = merge(MergeKind::Text, head.as_ref(), &clock, 0);
                prop_assert_eq!(m, Merge::Apply);
                head = Some(FieldHead {
                    hlc: clock.clone(), version, same_value: false, same_device: true,
                });
            }
        }

        #[test]
        fn the_first_write_of_a_field_always_applies(wall in 0u64..1000, base in 0i64..100) {
            for kind in [MergeKind::Text, MergeKind::LastWriterWins] {
                prop_assert_eq!(merge(kind, None, &Hlc::zero("b").tick(wall), base), Merge::Apply);
            }
        }
    }
}
