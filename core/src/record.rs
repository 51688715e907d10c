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
}

/// Another value of a free-text field, written concurrently, that a person must review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alternative {
    pub field: String,
    pub value: Value,
    pub user: String,
    pub hlc: Hlc,
    pub change_id: Uuid,
}

/// All fields of one entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub entity: Entity,
    pub entity_id: Uuid,
    pub case_id: Uuid,
    pub fields: BTreeMap<String, FieldValue>,
    #[serde(default)]
    pub alternatives: Vec<Alternative>,
}

impl Record {
    pub fn new(entity: Entity, entity_id: Uuid, case_id: Uuid) -> Record {
        Record {
            entity,
            entity_id,
            case_id,
            fields: BTreeMap::new(),
            alternatives: Vec::new(),
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

    /// Applies a local edit: it becomes the value shown, not yet known to the server.
    pub fn apply_local(&mut self, change: &Change) {
        let version = self.base(&change.field);
        self.fields.insert(
            change.field.clone(),
            FieldValue {
                value: change.value.clone(),
                hlc: change.hlc.clone(),
                version,
            },
        );
    }

    /// Applies what the server sent on pull. An applied change replaces the field when its
    /// clock is later than what the device holds, or when the device's value is already known
    /// to the server; a conflicting one is kept as an alternative to review.
    pub fn apply_pulled(&mut self, seq: i64, conflict: bool, change: &Change) {
        if conflict {
            if !self
                .alternatives
                .iter()
                .any(|a| a.change_id == change.change_id)
            {
                self.alternatives.push(Alternative {
                    field: change.field.clone(),
                    value: change.value.clone(),
                    user: change.user.clone(),
                    hlc: change.hlc.clone(),
                    change_id: change.change_id,
                });
            }
            return;
        }
        match self.fields.get_mut(&change.field) {
            Some(current) if current.hlc == change.hlc => {
                current.version = current.version.max(seq)
            }
            Some(current) if current.hlc > change.hlc && current.version < seq => {
                // A local edit newer than the server's value is waiting to be pushed: keep it, and
                // let the server judge it against this version when it arrives.
            }
            _ => {
                self.fields.insert(
                    change.field.clone(),
                    FieldValue {
                        value: change.value.clone(),
                        hlc: change.hlc.clone(),
                        version: seq,
                    },
                );
            }
        }
    }

    /// Records that the server accepted a pushed change at `version`.
    pub fn acknowledge(&mut self, field: &str, hlc: &Hlc, version: i64) {
        if let Some(current) = self.fields.get_mut(field) {
            if current.hlc == *hlc {
                current.version = version;
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
}
