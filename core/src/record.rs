//! A record as the device keeps it: the current value of each field of one entity, with the clock
//! and server version each value came with, and any conflicting alternatives awaiting review.
//! The same shape serves every entity, so storage and sync never need to know the model.

use crate::hlc::Hlc;
use crate::sync::{Change, Entity};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use uuid::Uuid;

/// One field's current value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldValue {
    pub value: Value,
    pub hlc: Hlc,
    /// Server version the value is known at; 0 while only on this device.
    pub version: i64,
    /// Who wrote it (username); empty in records stored before this was kept.
    #[serde(default)]
    pub user: String,
}

/// Another value of a free-text field, written concurrently, that a person must review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alternative {
    pub field: String,
    pub value: Value,
    pub user: String,
    pub hlc: Hlc,
    pub change_id: Uuid,
    /// The server version of the conflict; a change made on it or later resolves it.
    #[serde(default)]
    pub seq: i64,
}

/// All fields of one entity.
///
/// Conflicts: when the server keeps two concurrent texts of a field, every device that reads the
/// case ends up with the same pair: the server's current text as the field's value and the other
/// one in `alternatives` (with the seq of the conflict). A change of the field made on that seq
/// or later (its `base`), which is what the review screen sends, resolves it: the server marks the
/// conflict resolved and every device drops the alternatives when the change reaches it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub entity: Entity,
    pub entity_id: Uuid,
    pub case_id: Uuid,
    pub fields: BTreeMap<String, FieldValue>,
    #[serde(default)]
    pub alternatives: Vec<Alternative>,
    /// The server's latest value of a field while a local edit waiting to be sent hides it.
    /// If the server later judges the local edit concurrent (a conflict), this is the text
    /// the field shows again, with the local one as the alternative: no word is lost.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub shadowed: BTreeMap<String, FieldValue>,
}

fn field_value(change: &Change, version: i64) -> FieldValue {
    FieldValue {
        value: change.value.clone(),
        hlc: change.hlc.clone(),
        version,
        user: change.user.clone(),
    }
}

fn alternative(change: &Change, seq: i64) -> Alternative {
    Alternative {
        field: change.field.clone(),
        value: change.value.clone(),
        user: change.user.clone(),
        hlc: change.hlc.clone(),
        change_id: change.change_id,
        seq,
    }
}

impl Record {
    pub fn new(entity: Entity, entity_id: Uuid, case_id: Uuid) -> Record {
        Record {
            entity,
            entity_id,
            case_id,
            fields: BTreeMap::new(),
            alternatives: Vec::new(),
            shadowed: BTreeMap::new(),
        }
    }

    /// The storage key of a record: entity and id.
    pub fn key(entity: Entity, entity_id: Uuid) -> String {
        format!("{}/{}", entity.as_str(), entity_id)
    }

    /// The text value of a field, or "" when absent or not text.
    pub fn text(&self, field: &str) -> &str {
        self.fields
            .get(field)
            .and_then(|f| f.value.as_str())
            .unwrap_or("")
    }

    /// The server version a new local edit of `field` is based on.
    pub fn base(&self, field: &str) -> i64 {
        self.fields.get(field).map_or(0, |f| f.version)
    }

    /// The base of a change that resolves the field's conflicts: at or after every alternative
    /// shown, so the server applies it and marks them resolved.
    pub fn resolution_base(&self, field: &str) -> i64 {
        self.alternatives
            .iter()
            .filter(|a| a.field == field)
            .map(|a| a.seq)
            .fold(self.base(field), i64::max)
    }

    /// The alternatives of one field.
    pub fn alternatives_of<'a>(&'a self, field: &'a str) -> impl Iterator<Item = &'a Alternative> {
        self.alternatives.iter().filter(move |a| a.field == field)
    }

    /// Fields with alternatives to review, each once, in order.
    pub fn fields_in_conflict(&self) -> Vec<&str> {
        let mut fields: Vec<&str> = self.alternatives.iter().map(|a| a.field.as_str()).collect();
        fields.sort_unstable();
        fields.dedup();
        fields
    }

    /// Drops the alternatives of `field` that a change made on `base` resolves.
    fn resolve(&mut self, field: &str, base: i64) {
        self.alternatives
            .retain(|a| a.field != field || a.seq > base);
    }

    /// Applies a local edit: it becomes the value shown, not yet known to the server. An edit
    /// made on a conflict's version (see [`Record::resolution_base`]) resolves it.
    pub fn apply_local(&mut self, change: &Change) {
        let version = self.base(&change.field);
        if let Some(current) = self.fields.get(&change.field) {
            if current.version > 0 && !self.shadowed.contains_key(&change.field) {
                // What the server has is what this edit replaces; keep it in case the server
                // finds the edit concurrent with another.
                self.shadowed.insert(change.field.clone(), current.clone());
            }
        }
        self.fields
            .insert(change.field.clone(), field_value(change, version));
        self.resolve(&change.field, change.base);
    }

    /// Applies what the server sent on pull, in log order.
    ///
    /// An applied change replaces the field unless the device already knows a later server
    /// version of it, or holds a local edit with a later clock waiting to be sent (then it is
    /// remembered in `shadowed`). It resolves the alternatives it was made after seeing.
    ///
    /// A conflicting change is kept as an alternative to review; when it is this device's own
    /// edit, the server's text (remembered in `shadowed`) becomes the value again and the
    /// device's text the alternative, so every device shows the same pair.
    pub fn apply_pulled(&mut self, seq: i64, conflict: bool, change: &Change) {
        let field = &change.field;
        if conflict {
            if self
                .alternatives
                .iter()
                .any(|a| a.change_id == change.change_id)
            {
                return;
            }
            let own = self
                .fields
                .get(field)
                .is_some_and(|current| current.hlc == change.hlc);
            if own {
                if let Some(server) = self.shadowed.remove(field) {
                    self.fields.insert(field.clone(), server);
                    self.alternatives.push(alternative(change, seq));
                }
                // Without the server's text there is nothing else to show; the device's text
                // stays the value and the other arrives when it changes again.
            } else {
                self.alternatives.push(alternative(change, seq));
            }
            return;
        }
        self.resolve(field, change.base);
        match self.fields.get_mut(field) {
            Some(current) if current.hlc == change.hlc => {
                current.version = current.version.max(seq);
                self.shadowed.remove(field);
            }
            Some(current) if seq < current.version => {
                // Old news: the device knows a later server version of this field.
            }
            Some(current) if current.hlc > change.hlc && current.version < seq => {
                // A local edit newer than the server's value is waiting to be pushed: keep it, let
                // the server judge it against this version, and remember the server's value.
                let later = self.shadowed.get(field).is_none_or(|s| s.version < seq);
                if later {
                    self.shadowed
                        .insert(field.clone(), field_value(change, seq));
                }
            }
            _ => {
                self.fields.insert(field.clone(), field_value(change, seq));
                self.shadowed.remove(field);
            }
        }
    }

    /// Records that the server accepted a pushed change at `version`.
    pub fn acknowledge(&mut self, field: &str, hlc: &Hlc, version: i64) {
        if let Some(current) = self.fields.get_mut(field) {
            if current.hlc == *hlc {
                current.version = version;
                self.shadowed.remove(field);
            }
        }
    }

    /// Fields with alternatives a person must review.
    pub fn needs_review(&self) -> bool {
        !self.alternatives.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn change(field: &str, value: &str, wall: u64, node: &str) -> Change {
        let id = Uuid::from_u128(1);
        Change {
            change_id: Uuid::from_u128(wall as u128 + 100),
            device_id: Uuid::from_u128(2),
            user: "w".into(),
            case_id: id,
            entity: Entity::Case,
            entity_id: id,
            field: field.into(),
            value: json!(value),
            hlc: Hlc::zero(node).tick(wall),
            base: 0,
        }
    }

    #[test]
    fn a_local_edit_waiting_to_be_pushed_survives_an_older_pull() {
        let mut r = Record::new(Entity::Case, Uuid::from_u128(1), Uuid::from_u128(1));
        r.apply_local(&change("note", "mine", 50, "a"));
        r.apply_pulled(3, false, &change("note", "theirs", 40, "b"));
        assert_eq!(r.text("note"), "mine");
    }

    #[test]
    fn a_pulled_value_replaces_what_the_server_already_had() {
        let mut r = Record::new(Entity::Case, Uuid::from_u128(1), Uuid::from_u128(1));
        r.apply_pulled(3, false, &change("note", "first", 40, "b"));
        r.apply_pulled(5, false, &change("note", "second", 45, "c"));
        assert_eq!(r.text("note"), "second");
        assert_eq!(r.base("note"), 5);
    }

    #[test]
    fn a_conflict_keeps_both_texts() {
        let mut r = Record::new(Entity::Case, Uuid::from_u128(1), Uuid::from_u128(1));
        r.apply_local(&change("note", "mine", 50, "a"));
        r.apply_pulled(6, true, &change("note", "theirs", 55, "b"));
        r.apply_pulled(6, true, &change("note", "theirs", 55, "b"));
        assert_eq!(r.text("note"), "mine");
        assert_eq!(r.alternatives.len(), 1);
        assert!(r.needs_review());
    }

    fn at(mut c: Change, base: i64) -> Change {
        c.base = base;
        c
    }

    #[test]
    fn when_this_devices_own_text_becomes_the_conflict_it_shows_the_servers_text_and_keeps_its_own()
    {
        let mut r = Record::new(Entity::Case, Uuid::from_u128(1), Uuid::from_u128(1));
        r.apply_pulled(3, false, &change("note", "start", 10, "b"));
        let mine = at(change("note", "mine", 50, "a"), 3);
        r.apply_local(&mine);
        // Someone else's edit on version 3 was applied first, then ours became the conflict.
        r.apply_pulled(4, false, &at(change("note", "theirs", 40, "b"), 3));
        assert_eq!(r.text("note"), "mine");
        r.apply_pulled(5, true, &mine);
        assert_eq!(r.text("note"), "theirs");
        assert_eq!(r.base("note"), 4);
        assert_eq!(r.alternatives.len(), 1);
        assert_eq!(r.alternatives[0].value, json!("mine"));
        assert_eq!(r.alternatives[0].seq, 5);
        assert_eq!(r.resolution_base("note"), 5);
    }

    #[test]
    fn a_change_made_on_the_conflicts_version_resolves_it_on_the_device_that_made_it_and_on_others()
    {
        let theirs = change("note", "theirs", 55, "b");
        let mut here = Record::new(Entity::Case, Uuid::from_u128(1), Uuid::from_u128(1));
        here.apply_pulled(4, false, &change("note", "mine", 50, "a"));
        here.apply_pulled(6, true, &theirs);
        let mut there = here.clone();

        let merged = at(
            change("note", "both", 70, "a"),
            here.resolution_base("note"),
        );
        here.apply_local(&merged);
        assert!(!here.needs_review());
        assert_eq!(here.text("note"), "both");

        // An ordinary edit made before seeing the conflict leaves it open.
        there.apply_pulled(5, false, &at(change("note", "unrelated", 52, "a"), 4));
        assert!(there.needs_review());
        there.apply_pulled(7, false, &merged);
        assert!(!there.needs_review());
        assert_eq!(there.text("note"), "both");
    }

    #[test]
    fn a_pulled_value_older_than_what_the_device_knows_is_ignored() {
        let mut r = Record::new(Entity::Case, Uuid::from_u128(1), Uuid::from_u128(1));
        let mine = change("child_name", "Cerys", 50, "a");
        r.apply_local(&mine);
        r.acknowledge("child_name", &mine.hlc, 8);
        r.apply_pulled(7, false, &change("child_name", "Old", 40, "b"));
        assert_eq!(r.text("child_name"), "Cerys");
        assert_eq!(r.base("child_name"), 8);
    }

    #[test]
    fn records_stored_before_authors_and_conflict_versions_were_kept_still_read() {
        let old = json!({
            "entity": "case", "entity_id": Uuid::from_u128(1), "case_id": Uuid::from_u128(1),
            "fields": {"note": {"value": "x", "hlc": "000000000000001-000000-a", "version": 2}},
            "alternatives": [{"field": "note", "value": "y", "user": "w",
                "hlc": "000000000000002-000000-b", "change_id": Uuid::from_u128(5)}]
        });
        let r: Record = serde_json::from_value(old).unwrap();
        assert_eq!(r.text("note"), "x");
        assert_eq!(r.alternatives[0].seq, 0);
    }
}
