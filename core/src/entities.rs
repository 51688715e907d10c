//! The practice model as sync records. Every item of a collection (a chronology entry, a person,
//! a classification...) is its own record with its own id, so adding items never conflicts: the
//! collections are append-only, with a `deleted` tombstone instead of removal. An item's content
//! is one `data` field holding the core type as JSON, checked against that type on the device and
//! again on the server.

use crate::agreement::WrittenAgreement;
use crate::attachment::Attachment;
use crate::capacity::CapacityAssessment;
use crate::chronology::ChronologyEntry;
use crate::classification::{Classification, ClassificationHistory};
use crate::decisions::{Communication, Decision};
use crate::factors::{CaseFactor, Strength};
use crate::genogram::{Person, Relationship};
use crate::practice::CaseFile;
use crate::record::Record;
use crate::reunification::ReunificationPlan;
use crate::review::Review;
use crate::signoff::SignOffDecision;
use crate::stages::Checklist;
use crate::support::SupportSession;
use crate::sync::{ChangeError, Entity, MergeKind};
use crate::team::{ContingencyPlan, Team};
use crate::voice::ChildVoice;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

/// The field that holds an item's content.
pub const DATA: &str = "data";
/// The tombstone field: `true` once the item is removed (it stays in the log).
pub const DELETED: &str = "deleted";

fn parse<T: DeserializeOwned>(value: &Value) -> Result<T, ChangeError> {
    serde_json::from_value(value.clone()).map_err(|e| ChangeError::BadData(e.to_string()))
}

/// Checks the `data` of an item against its core type, and that an `id` inside it, if the type
/// has one, is the record's own id (so an item cannot be filed under another's id).
pub fn check_data(
    entity: Entity,
    entity_id: Option<Uuid>,
    value: &Value,
) -> Result<(), ChangeError> {
    if let (Some(id), Some(entity_id)) = (value.get("id"), entity_id) {
        if id.as_str() != Some(entity_id.to_string().as_str()) {
            return Err(ChangeError::DataIdMismatch);
        }
    }
    match entity {
        Entity::Case => Err(ChangeError::UnknownField(DATA.to_string())),
        Entity::Person => parse::<Person>(value).map(drop),
        Entity::Relationship => parse::<Relationship>(value).map(drop),
        Entity::ChronologyEntry => parse::<ChronologyEntry>(value).map(drop),
        Entity::CaseFactor => parse::<CaseFactor>(value).map(drop),
        Entity::Strength => parse::<Strength>(value).map(drop),
        Entity::Capacity => parse::<CapacityAssessment>(value).map(drop),
        // An override without its rationale, or with no author, is refused from any device.
        Entity::Classification => parse::<Classification>(value)?
            .validate()
            .map_err(|e| ChangeError::BadData(e.to_string())),
        Entity::Decision => parse::<Decision>(value).map(drop),
        Entity::Communication => parse::<Communication>(value).map(drop),
        Entity::Agreement => parse::<WrittenAgreement>(value).map(drop),
        Entity::Review => parse::<Review>(value).map(drop),
        Entity::Team => parse::<Team>(value).map(drop),
        Entity::Contingency => parse::<ContingencyPlan>(value).map(drop),
        Entity::Checklist => parse::<Checklist>(value).map(drop),
        Entity::Attachment => parse::<Attachment>(value)?
            .check()
            .map_err(|e| ChangeError::BadData(e.to_string())),
        Entity::ChildVoice => parse::<ChildVoice>(value).map(drop),
        Entity::Support => parse::<SupportSession>(value).map(drop),
        Entity::ReunificationPlan => parse::<ReunificationPlan>(value).map(drop),
        Entity::SignOff => {
            let d = parse::<SignOffDecision>(value)?;
            if entity_id.is_some_and(|id| id != d.subject) {
                return Err(ChangeError::DataIdMismatch);
            }
            d.validate()
                .map_err(|e| ChangeError::BadData(e.to_string()))
        }
    }
}

/// Checks a field of a practice item and returns how it merges.
pub fn check_item_field(
    entity: Entity,
    entity_id: Option<Uuid>,
    field: &str,
    value: &Value,
) -> Result<MergeKind, ChangeError> {
    match field {
        DATA => check_data(entity, entity_id, value).map(|()| MergeKind::LastWriterWins),
        // framework.md: "Every classification is kept, dated, with who made it and why"; the
        // decisions made on them and the manager's sign-offs are the same record.
        DELETED if value == &Value::Bool(true) && entity.kept_forever() => {
            Err(ChangeError::KeptForever(entity))
        }
        DELETED => match value {
            Value::Bool(_) => Ok(MergeKind::LastWriterWins),
            _ => Err(ChangeError::WrongType {
                field: DELETED.to_string(),
                expected: "true or false",
            }),
        },
        other => Err(ChangeError::UnknownField(other.to_string())),
    }
}

/// The content of an item record, unless it was deleted or cannot be read.
pub fn item<T: DeserializeOwned>(record: &Record) -> Option<T> {
    if record.fields.get(DELETED).and_then(|f| f.value.as_bool()) == Some(true) {
        return None;
    }
    serde_json::from_value(record.fields.get(DATA)?.value.clone()).ok()
}

fn items<T: DeserializeOwned>(records: &[Record], entity: Entity) -> Vec<T> {
    records
        .iter()
        .filter(|r| r.entity == entity)
        .filter_map(item::<T>)
        .collect()
}

/// Assembles one case's practice record from its item records (of any order). Classifications
/// keep the order they were made in (their ids are uuid v7, which sort by time).
pub fn case_file(records: &[Record]) -> CaseFile {
    let mut classifications: Vec<(Uuid, Classification)> = records
        .iter()
        .filter(|r| r.entity == Entity::Classification)
        .filter_map(|r| item::<Classification>(r).map(|c| (r.entity_id, c)))
        .collect();
    classifications.sort_by_key(|(id, c)| (c.on, *id));
    let sign_offs: Vec<SignOffDecision> = items(records, Entity::SignOff);
    let agreed = |id: Uuid, level: Option<crate::classification::RiskLevel>| {
        sign_offs
            .iter()
            .find(|s| s.subject == id && s.decides(level))
            .and_then(SignOffDecision::sign_off)
    };
    let mut decisions: Vec<crate::decisions::Decision> = items(records, Entity::Decision);
    for d in &mut decisions {
        if let Some(s) = agreed(d.id, None) {
            d.sign_off = Some(s);
        }
    }
    for (_, c) in &mut classifications {
        if let Some(s) = agreed(c.id, Some(c.chosen)) {
            c.sign_off = Some(s);
        }
    }
    let plan: ReunificationPlan = items(records, Entity::ReunificationPlan)
        .into_iter()
        .next()
        .unwrap_or_default();
    let genogram = crate::genogram::Genogram {
        people: items(records, Entity::Person),
        relationships: items(records, Entity::Relationship),
    };
    let mut file = CaseFile {
        genogram,
        checklist: items(records, Entity::Checklist)
            .into_iter()
            .next()
            .unwrap_or_default(),
        chronology: items(records, Entity::ChronologyEntry),
        factors: items(records, Entity::CaseFactor),
        strengths: items(records, Entity::Strength),
        capacity: items(records, Entity::Capacity),
        voices: items(records, Entity::ChildVoice),
        classifications: ClassificationHistory {
            entries: classifications.into_iter().map(|(_, c)| c).collect(),
        },
        decisions,
        communications: items(records, Entity::Communication),
        agreements: items(records, Entity::Agreement),
        team: items(records, Entity::Team)
            .into_iter()
            .next()
            .unwrap_or_default(),
        contingency: items(records, Entity::Contingency)
            .into_iter()
            .next()
            .unwrap_or_default(),
        reviews: items(records, Entity::Review),
        review_interval: plan.review_every,
        support: items(records, Entity::Support),
        sign_offs,
        plan,
    };
    file.tick_evidenced_tasks();
    file
}

/// One item to write: its kind, its record id and its content.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemData {
    pub entity: Entity,
    pub entity_id: Uuid,
    pub data: Value,
}

fn item_data<T: Serialize>(entity: Entity, entity_id: Uuid, value: &T) -> Option<ItemData> {
    Some(ItemData {
        entity,
        entity_id,
        data: serde_json::to_value(value).ok()?,
    })
}

/// The items of a whole case file, for seeding a case. Items without their own id (people's
/// relationships, factors, capacity ratings) get theirs from `new_id`, called once per item;
/// one-per-case items (checklist, team, contingency plan) use the case id.
pub fn case_file_items(
    case_id: Uuid,
    file: &CaseFile,
    mut new_id: impl FnMut() -> Uuid,
) -> Vec<ItemData> {
    let mut out = Vec::new();
    out.extend(
        file.genogram
            .people
            .iter()
            .filter_map(|p| item_data(Entity::Person, p.id, p)),
    );
    for r in &file.genogram.relationships {
        out.extend(item_data(Entity::Relationship, new_id(), r));
    }
    out.extend(item_data(Entity::Checklist, case_id, &file.checklist));
    out.extend(
        file.chronology
            .iter()
            .filter_map(|e| item_data(Entity::ChronologyEntry, e.id, e)),
    );
    for f in &file.factors {
        out.extend(item_data(Entity::CaseFactor, new_id(), f));
    }
    out.extend(
        file.strengths
            .iter()
            .filter_map(|s| item_data(Entity::Strength, s.id, s)),
    );
    for c in &file.capacity {
        out.extend(item_data(Entity::Capacity, new_id(), c));
    }
    out.extend(
        file.voices
            .iter()
            .filter_map(|v| item_data(Entity::ChildVoice, v.id, v)),
    );
    // A sign-off travels as its own record, written by the manager; the submission carries none.
    let recorded = |id: Uuid| file.sign_offs.iter().any(|s| s.subject == id);
    out.extend(file.classifications.entries.iter().filter_map(|c| {
        let mut c = c.clone();
        if recorded(c.id) {
            c.sign_off = None;
        }
        item_data(Entity::Classification, c.id, &c)
    }));
    out.extend(file.decisions.iter().filter_map(|d| {
        let mut d = d.clone();
        if recorded(d.id) {
            d.sign_off = None;
        }
        item_data(Entity::Decision, d.id, &d)
    }));
    out.extend(
        file.communications
            .iter()
            .filter_map(|c| item_data(Entity::Communication, c.id, c)),
    );
    out.extend(
        file.agreements
            .iter()
            .filter_map(|a| item_data(Entity::Agreement, a.id, a)),
    );
    out.extend(item_data(Entity::Team, case_id, &file.team));
    out.extend(item_data(Entity::Contingency, case_id, &file.contingency));
    out.extend(
        file.reviews
            .iter()
            .filter_map(|r| item_data(Entity::Review, r.id, r)),
    );
    out.extend(
        file.support
            .iter()
            .filter_map(|s| item_data(Entity::Support, s.id, s)),
    );
    out.extend(item_data(Entity::ReunificationPlan, case_id, &file.plan));
    out.extend(
        file.sign_offs
            .iter()
            .filter_map(|s| item_data(Entity::SignOff, s.subject, s)),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hlc::Hlc;
    use crate::sync::Change;
    use serde_json::json;

    fn record_of(case_id: Uuid, item: &ItemData) -> Record {
        let mut r = Record::new(item.entity, item.entity_id, case_id);
        r.apply_local(&Change {
            change_id: Uuid::from_u128(1),
            device_id: Uuid::from_u128(2),
            user: "ffion".into(),
            case_id,
            entity: item.entity,
            entity_id: item.entity_id,
            field: DATA.into(),
            value: item.data.clone(),
            hlc: Hlc::zero("t").tick(1),
            base: 0,
        });
        r
    }

    fn sample_file() -> CaseFile {
        use crate::classification::tests::column;
        use crate::classification::{ClassificationKind, RiskLevel};
        use crate::genogram::Relation;
        let on = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        let mum = Person {
            id: Uuid::from_u128(10),
            name: "Bethan".into(),
            ..Default::default()
        };
        let child = Person {
            id: Uuid::from_u128(11),
            name: "Cerys".into(),
            ..Default::default()
        };
        let mut file = CaseFile::default();
        file.genogram.relationships.push(Relationship {
            from: mum.id,
            to: child.id,
            relation: Relation::ParentOf,
            label: String::new(),
        });
        file.genogram.people = vec![mum, child];
        for (n, level) in [(20, RiskLevel::High), (21, RiskLevel::Medium)] {
            file.classifications.entries.push(
                Classification::new(
                    Uuid::from_u128(n),
                    ClassificationKind::Review,
                    column(level),
                    level,
                    "",
                    "ffion",
                    on,
                )
                .unwrap(),
            );
        }
        file.strengths.push(Strength {
            id: Uuid::from_u128(30),
            description: "Grandmother nearby".into(),
            evidence: "Visits daily".into(),
        });
        file.contingency.actions = "Return to foster care with Eirlys".into();
        file.support.push(crate::support::SupportSession {
            id: Uuid::from_u128(40),
            on,
            with: crate::support::SupportWith::Parents,
            what: "Home visit with Bethan".into(),
            by: "ffion".into(),
        });
        file
    }

    /// Ffion's Stage 4 reclassification of case 99 to low, made on `on`, with id 20.
    fn stage_4_to_low(on: chrono::NaiveDate) -> Classification {
        use crate::classification::tests::column;
        use crate::classification::{ClassificationKind, RiskLevel};
        Classification::new(
            Uuid::from_u128(20),
            ClassificationKind::Stage4Reclassification,
            column(RiskLevel::Low),
            RiskLevel::Low,
            "",
            "ffion",
            on,
        )
        .unwrap()
    }

    /// The item records of `file` as case `case_id` would store them.
    fn stored(case_id: Uuid, file: &CaseFile) -> Vec<Record> {
        case_file_items(case_id, file, || Uuid::from_u128(1))
            .iter()
            .map(|i| record_of(case_id, i))
            .collect()
    }

    #[test]
    fn a_case_file_survives_the_trip_through_item_records() {
        let case_id = Uuid::from_u128(99);
        let file = sample_file();
        let mut n = 1000u128;
        let items = case_file_items(case_id, &file, || {
            n += 1;
            Uuid::from_u128(n)
        });
        let records: Vec<Record> = items.iter().map(|i| record_of(case_id, i)).collect();
        let back = case_file(&records);
        assert_eq!(back, file);
    }

    #[test]
    fn a_managers_sign_off_record_puts_the_reclassification_into_effect_and_is_filed_under_it() {
        use crate::classification::RiskLevel;
        use crate::signoff::{SignOffDecision, Subject, Verdict};
        let case_id = Uuid::from_u128(99);
        let on = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        let mut file = CaseFile::default();
        let c = stage_4_to_low(on);
        file.classifications.entries.push(c.clone());
        let records = |file: &CaseFile| stored(case_id, file);
        assert_eq!(
            case_file(&records(&file)).classifications.current_level(),
            None
        );
        let agreed = SignOffDecision::new(
            c.id,
            Subject::Classification,
            Verdict::Agreed,
            "",
            ("megan", "Megan Hughes", crate::api::Role::Manager),
            on,
            on,
        )
        .unwrap();
        let v = serde_json::to_value(&agreed).unwrap();
        assert_eq!(check_data(Entity::SignOff, Some(c.id), &v), Ok(()));
        assert_eq!(
            check_data(Entity::SignOff, Some(Uuid::from_u128(21)), &v),
            Err(ChangeError::DataIdMismatch)
        );
        file.sign_offs.push(agreed.for_level(RiskLevel::Low));
        let back = case_file(&records(&file));
        assert_eq!(back.classifications.current_level(), Some(RiskLevel::Low));
        assert_eq!(back.sign_offs, file.sign_offs);
    }

    /// A Stage 4 reclassification of Cerys's case to low, by Ffion, and the case's records with
    /// the manager's answer to it (none while it waits).
    fn reclassified_to_low(verdict: Option<crate::signoff::Verdict>) -> (Uuid, Vec<Record>) {
        use crate::classification::RiskLevel;
        use crate::signoff::{SignOffDecision, Subject};
        let case_id = Uuid::from_u128(99);
        let on = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        let mut file = CaseFile::default();
        let c = stage_4_to_low(on);
        if let Some(verdict) = verdict {
            file.sign_offs.push(
                SignOffDecision::new(
                    c.id,
                    Subject::Classification,
                    verdict,
                    "See the school's view first",
                    ("megan", "Megan Hughes", crate::api::Role::Manager),
                    on.succ_opt().unwrap(),
                    on,
                )
                .unwrap()
                .for_level(RiskLevel::Low),
            );
        }
        file.classifications.entries.push(c);
        (Uuid::from_u128(20), stored(case_id, &file))
    }

    #[test]
    fn a_reclassification_the_manager_agreed_finishes_stage_4_task_1_in_the_managers_name() {
        use crate::stages::{Task, TaskState};
        let (id, records) = reclassified_to_low(Some(crate::signoff::Verdict::Agreed));
        let file = case_file(&records);
        let task = &file.checklist.tasks[&Task::ReclassifyWithManager];
        assert_eq!(task.state, TaskState::Done);
        assert_eq!(task.completed_by, "megan");
        assert_eq!(
            task.completed_on,
            chrono::NaiveDate::from_ymd_opt(2026, 5, 2)
        );
        assert_eq!(task.evidence, vec![id.to_string()]);
    }

    #[test]
    fn a_reclassification_awaiting_or_returned_leaves_stage_4_task_1_open() {
        use crate::signoff::Verdict;
        use crate::stages::{Task, TaskState};
        for verdict in [None, Some(Verdict::Returned)] {
            let (_, records) = reclassified_to_low(verdict);
            let file = case_file(&records);
            assert_eq!(
                file.checklist.state(Task::ReclassifyWithManager),
                TaskState::NotStarted,
                "{verdict:?}"
            );
        }
    }

    #[test]
    fn a_sign_off_holds_only_for_the_level_the_manager_agreed() {
        use crate::classification::RiskLevel;
        use crate::signoff::{SignOffDecision, Subject, Verdict};
        let case_id = Uuid::from_u128(99);
        let on = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        let mut file = CaseFile::default();
        let mut c = stage_4_to_low(on);
        file.sign_offs.push(
            SignOffDecision::new(
                c.id,
                Subject::Classification,
                Verdict::Agreed,
                "",
                ("megan", "Megan Hughes", crate::api::Role::Manager),
                on,
                on,
            )
            .unwrap()
            .for_level(RiskLevel::Low),
        );
        // The worker's record is changed to another level after the manager agreed.
        c.chosen = RiskLevel::Medium;
        c.rationale = "Changed after the decision".into();
        file.classifications.entries.push(c);
        let back = case_file(&stored(case_id, &file));
        assert_eq!(back.classifications.current_level(), None);
        assert_eq!(back.awaiting().len(), 1);
    }

    #[test]
    fn an_item_filed_under_another_id_is_refused() {
        let p = Person {
            id: Uuid::from_u128(5),
            ..Default::default()
        };
        let v = serde_json::to_value(&p).unwrap();
        assert_eq!(
            check_data(Entity::Person, Some(Uuid::from_u128(6)), &v),
            Err(ChangeError::DataIdMismatch)
        );
        assert_eq!(
            check_data(Entity::Person, Some(Uuid::from_u128(5)), &v),
            Ok(())
        );
    }

    #[test]
    fn an_attachment_record_must_name_its_content_by_a_sha256() {
        let id = Uuid::from_u128(4);
        let a = crate::attachment::Attachment::describe(id, "image/png", b"drawing").unwrap();
        let mut v = serde_json::to_value(&a).unwrap();
        assert_eq!(check_data(Entity::Attachment, Some(id), &v), Ok(()));
        v["sha256"] = json!("00");
        assert!(matches!(
            check_data(Entity::Attachment, Some(id), &v),
            Err(ChangeError::BadData(_))
        ));
    }

    #[test]
    fn a_classification_a_decision_or_a_sign_off_is_never_deleted() {
        for entity in [Entity::Classification, Entity::Decision, Entity::SignOff] {
            let id = Some(Uuid::from_u128(1));
            assert_eq!(
                check_item_field(entity, id, DELETED, &json!(true)),
                Err(ChangeError::KeptForever(entity))
            );
            assert!(check_item_field(entity, id, DELETED, &json!(false)).is_ok());
        }
        assert!(check_item_field(
            Entity::Relationship,
            Some(Uuid::from_u128(1)),
            DELETED,
            &json!(true)
        )
        .is_ok());
    }

    #[test]
    fn a_classification_that_arrives_by_sync_is_checked_as_if_made_here() {
        use crate::classification::tests::column;
        use crate::classification::{ClassificationKind, RiskLevel};
        let id = Uuid::from_u128(7);
        let c = Classification::new(
            id,
            ClassificationKind::Review,
            column(RiskLevel::High),
            RiskLevel::Severe,
            "Mother minimises the injuries.",
            "sw1",
            chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
        )
        .unwrap();
        let mut v = serde_json::to_value(&c).unwrap();
        assert_eq!(check_data(Entity::Classification, Some(id), &v), Ok(()));
        v["rationale"] = json!(" ");
        assert!(matches!(
            check_data(Entity::Classification, Some(id), &v),
            Err(ChangeError::BadData(e)) if e.contains("Write down why")
        ));
        v["rationale"] = json!("Mother minimises the injuries.");
        v["by"] = json!("");
        assert!(matches!(
            check_data(Entity::Classification, Some(id), &v),
            Err(ChangeError::BadData(_))
        ));
    }

    #[test]
    fn content_that_is_not_the_items_type_is_refused() {
        let err = check_item_field(
            Entity::Classification,
            Some(Uuid::from_u128(1)),
            DATA,
            &json!({"x": 1}),
        );
        assert!(matches!(err, Err(ChangeError::BadData(_))));
    }

    #[test]
    fn a_deleted_item_is_no_longer_part_of_the_case() {
        let case_id = Uuid::from_u128(1);
        let item = ItemData {
            entity: Entity::Strength,
            entity_id: Uuid::from_u128(3),
            data: serde_json::to_value(Strength {
                id: Uuid::from_u128(3),
                description: "Grandmother visits daily".into(),
                evidence: String::new(),
            })
            .unwrap(),
        };
        let mut r = record_of(case_id, &item);
        assert_eq!(case_file(std::slice::from_ref(&r)).strengths.len(), 1);
        r.fields.insert(
            DELETED.into(),
            crate::record::FieldValue {
                value: json!(true),
                hlc: Hlc::zero("t").tick(2),
                version: 0,
                user: String::new(),
            },
        );
        assert!(case_file(&[r]).strengths.is_empty());
    }
}
