//! The people around the child and how they are related: enough to draw a genogram (Stage 1
//! task 1) and to say who lives in the household.

use crate::partial_date::PartialDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use uuid::Uuid;

/// Sex as recorded on a genogram (the usual square, circle and diamond).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Female,
    Male,
    Other,
    #[default]
    Unknown,
}

/// A person on the genogram.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Person {
    pub id: Uuid,
    pub name: String,
    pub sex: Sex,
    /// Gender in the person's own words, when it differs from or adds to `sex`.
    pub gender: String,
    pub date_of_birth: Option<PartialDate>,
    pub deceased: bool,
    pub date_of_death: Option<PartialDate>,
    /// Lives in the household the child would return to.
    pub in_household: bool,
    /// A child the case is about.
    pub subject_child: bool,
    pub notes: String,
}

/// How `from` relates to `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// `from` is a parent of `to`.
    ParentOf,
    /// `from` is a step-parent of `to`.
    StepParentOf,
    Partners,
    ExPartners,
    Siblings,
    HalfSiblings,
    /// `from` is a grandparent of `to`.
    GrandparentOf,
    /// Any other relative (aunt, cousin...): describe it in the label.
    RelativeOf,
    /// `from` cares for `to` (foster carer, kinship carer, residential worker).
    CarerOf,
}

impl Relation {
    /// Whether the relation reads the same both ways.
    pub fn is_symmetric(self) -> bool {
        match self {
            Relation::Partners
            | Relation::ExPartners
            | Relation::Siblings
            | Relation::HalfSiblings
            | Relation::RelativeOf => true,
            Relation::ParentOf
            | Relation::StepParentOf
            | Relation::GrandparentOf
            | Relation::CarerOf => false,
        }
    }
}

/// One link on the genogram.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relationship {
    pub from: Uuid,
    pub to: Uuid,
    pub relation: Relation,
    /// e.g. "maternal aunt", "foster carer since 2024".
    pub label: String,
}

/// The genogram of a case.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Genogram {
    pub people: Vec<Person>,
    pub relationships: Vec<Relationship>,
}

/// What is wrong with a genogram.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GenogramError {
    #[error(
        "Everyone on the genogram needs a name (or a description such as \"unknown father\")."
    )]
    NoName,
    #[error("A person appears twice on the genogram.")]
    DuplicatePerson,
    #[error("A relationship links a person who is not on the genogram.")]
    UnknownPerson,
    #[error("A person cannot be related to themselves.")]
    SelfRelationship,
    #[error("The same relationship is recorded twice.")]
    DuplicateRelationship,
    #[error("{0} has a date of death but is not marked as deceased.")]
    DeathDateButAlive(String),
    #[error("{0} is recorded as living in the household but has died.")]
    DeceasedInHousehold(String),
    #[error("{0} is recorded with more than two parents; use step-parent for the others.")]
    TooManyParents(String),
}

impl Genogram {
    fn person(&self, id: Uuid) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    /// Every problem with the genogram.
    ///
    /// ```
    /// # use homeward_core::genogram::*;
    /// # use uuid::Uuid;
    /// let mut g = Genogram::default();
    /// g.people.push(Person { id: Uuid::from_u128(1), name: "Cerys".into(), ..Person::default() });
    /// g.relationships.push(Relationship { from: Uuid::from_u128(1), to: Uuid::from_u128(2),
    ///     relation: Relation::Siblings, label: String::new() });
    /// assert_eq!(g.validate(), Err(vec![GenogramError::UnknownPerson]));
    /// ```
    pub fn validate(&self) -> Result<(), Vec<GenogramError>> {
        let mut errors = Vec::new();
        let mut ids = BTreeSet::new();
        for p in &self.people {
            if p.name.trim().is_empty() {
                errors.push(GenogramError::NoName);
            }
            if !ids.insert(p.id) {
                errors.push(GenogramError::DuplicatePerson);
            }
            if p.date_of_death.is_some() && !p.deceased {
                errors.push(GenogramError::DeathDateButAlive(p.name.clone()));
            }
            if p.deceased && p.in_household {
                errors.push(GenogramError::DeceasedInHousehold(p.name.clone()));
            }
        }
        let mut seen = BTreeSet::new();
        for r in &self.relationships {
            if r.from == r.to {
                errors.push(GenogramError::SelfRelationship);
            }
            if !ids.contains(&r.from) || !ids.contains(&r.to) {
                errors.push(GenogramError::UnknownPerson);
            }
            let key = if r.relation.is_symmetric() && r.to < r.from {
                (r.to, r.from, r.relation)
            } else {
                (r.from, r.to, r.relation)
            };
            if !seen.insert(key) {
                errors.push(GenogramError::DuplicateRelationship);
            }
        }
        for p in &self.people {
            if self.parents_of(p.id).len() > 2 {
                errors.push(GenogramError::TooManyParents(p.name.clone()));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    fn linked(&self, id: Uuid, relation: Relation) -> Vec<Uuid> {
        self.relationships
            .iter()
            .filter(|r| r.relation == relation)
            .filter_map(|r| {
                if r.to == id {
                    Some(r.from)
                } else if r.from == id && relation.is_symmetric() {
                    Some(r.to)
                } else {
                    None
                }
            })
            .collect()
    }

    /// The recorded parents of a person.
    pub fn parents_of(&self, id: Uuid) -> Vec<Uuid> {
        self.linked(id, Relation::ParentOf)
    }

    /// The children recorded for a person.
    pub fn children_of(&self, id: Uuid) -> Vec<Uuid> {
        self.relationships
            .iter()
            .filter(|r| r.relation == Relation::ParentOf && r.from == id)
            .map(|r| r.to)
            .collect()
    }

    /// Full and half siblings: those recorded as such, and those who share parents (both
    /// recorded parents shared makes a full sibling, one makes a half sibling).
    ///
    /// ```
    /// # use homeward_core::genogram::*;
    /// # use uuid::Uuid;
    /// let id = Uuid::from_u128;
    /// let p = |n: u128| Person { id: id(n), name: n.to_string(), ..Person::default() };
    /// let parent = |a, b| Relationship { from: id(a), to: id(b), relation: Relation::ParentOf, label: String::new() };
    /// let g = Genogram { people: vec![p(1), p(2), p(3), p(4)], relationships: vec![parent(1, 3), parent(2, 3), parent(1, 4)] };
    /// assert_eq!(g.siblings_of(id(3)), (vec![], vec![id(4)]));
    /// ```
    pub fn siblings_of(&self, id: Uuid) -> (Vec<Uuid>, Vec<Uuid>) {
        let mine: BTreeSet<Uuid> = self.parents_of(id).into_iter().collect();
        let mut full: BTreeSet<Uuid> = self.linked(id, Relation::Siblings).into_iter().collect();
        let mut half: BTreeSet<Uuid> = self
            .linked(id, Relation::HalfSiblings)
            .into_iter()
            .collect();
        for other in &self.people {
            if other.id == id || full.contains(&other.id) || half.contains(&other.id) {
                continue;
            }
            let theirs: BTreeSet<Uuid> = self.parents_of(other.id).into_iter().collect();
            let shared = mine.intersection(&theirs).count();
            if shared >= 2 || (shared == 1 && mine.len() == 1 && theirs.len() == 1) {
                full.insert(other.id);
            } else if shared == 1 {
                half.insert(other.id);
            }
        }
        (full.into_iter().collect(), half.into_iter().collect())
    }

    /// Grandparents: recorded directly, or as parents of the person's parents.
    pub fn grandparents_of(&self, id: Uuid) -> Vec<Uuid> {
        let mut all: BTreeSet<Uuid> = self
            .linked(id, Relation::GrandparentOf)
            .into_iter()
            .collect();
        for p in self.parents_of(id) {
            all.extend(self.parents_of(p));
        }
        all.into_iter().collect()
    }

    /// The living people in the household.
    pub fn household(&self) -> Vec<&Person> {
        self.people
            .iter()
            .filter(|p| p.in_household && !p.deceased)
            .collect()
    }

    /// The children the case is about.
    pub fn subject_children(&self) -> Vec<&Person> {
        self.people.iter().filter(|p| p.subject_child).collect()
    }

    /// A person's name, for labels.
    pub fn name_of(&self, id: Uuid) -> Option<&str> {
        self.person(id).map(|p| p.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn person(n: u128, name: &str) -> Person {
        Person {
            id: id(n),
            name: name.into(),
            ..Person::default()
        }
    }

    fn rel(a: u128, b: u128, relation: Relation) -> Relationship {
        Relationship {
            from: id(a),
            to: id(b),
            relation,
            label: String::new(),
        }
    }

    /// Amira (3) and Yusuf (4), parents Leila (1) and Karim (2), four grandparents (5-8), one deceased.
    fn family() -> Genogram {
        let mut people = vec![
            person(1, "Leila"),
            person(2, "Karim"),
            person(3, "Amira"),
            person(4, "Yusuf"),
            person(5, "GM1"),
            person(6, "GF1"),
            person(7, "GM2"),
            person(8, "GF2"),
        ];
        people[2].subject_child = true;
        people[3].subject_child = true;
        people[0].in_household = true;
        people[7].deceased = true;
        let mut relationships = vec![
            rel(1, 3, Relation::ParentOf),
            rel(2, 3, Relation::ParentOf),
            rel(1, 4, Relation::ParentOf),
            rel(2, 4, Relation::ParentOf),
            rel(1, 2, Relation::Partners),
        ];
        relationships.extend([
            rel(5, 1, Relation::ParentOf),
            rel(6, 1, Relation::ParentOf),
            rel(7, 2, Relation::ParentOf),
            rel(8, 2, Relation::ParentOf),
        ]);
        Genogram {
            people,
            relationships,
        }
    }

    #[test]
    fn children_sharing_both_parents_are_full_siblings_and_have_four_grandparents() {
        let g = family();
        assert_eq!(g.validate(), Ok(()));
        assert_eq!(g.siblings_of(id(3)), (vec![id(4)], vec![]));
        assert_eq!(g.grandparents_of(id(4)), vec![id(5), id(6), id(7), id(8)]);
        assert_eq!(g.subject_children().len(), 2);
    }

    #[test]
    fn a_child_with_a_mothers_new_partner_has_half_siblings() {
        let mut g = family();
        g.people.push(person(9, "Sami"));
        g.people.push(person(10, "New partner"));
        g.relationships.push(rel(1, 9, Relation::ParentOf));
        g.relationships.push(rel(10, 9, Relation::ParentOf));
        g.relationships.push(rel(2, 1, Relation::ExPartners));
        assert_eq!(g.siblings_of(id(3)), (vec![id(4)], vec![id(9)]));
    }

    #[test]
    fn the_household_leaves_out_the_dead_and_a_dead_person_cannot_live_there() {
        let mut g = family();
        assert_eq!(g.household().len(), 1);
        g.people[7].in_household = true;
        assert_eq!(
            g.validate(),
            Err(vec![GenogramError::DeceasedInHousehold("GF2".into())])
        );
    }

    #[test]
    fn a_genogram_refuses_self_links_duplicates_and_a_third_parent() {
        let mut g = family();
        g.relationships.push(rel(3, 3, Relation::Siblings));
        g.relationships.push(rel(2, 1, Relation::Partners));
        g.people.push(person(9, "Someone"));
        g.relationships.push(rel(9, 3, Relation::ParentOf));
        assert_eq!(
            g.validate(),
            Err(vec![
                GenogramError::SelfRelationship,
                GenogramError::DuplicateRelationship,
                GenogramError::TooManyParents("Amira".into())
            ])
        );
    }

    proptest! {
        #[test]
        fn genograms_round_trip_and_validation_never_panics(name in any::<String>(), links in prop::collection::vec((0u128..6, 0u128..6, 0usize..9), 0..12)) {
            let all = [Relation::ParentOf, Relation::StepParentOf, Relation::Partners, Relation::ExPartners, Relation::Siblings, Relation::HalfSiblings, Relation::GrandparentOf, Relation::RelativeOf, Relation::CarerOf];
            let g = Genogram {
                people: (0..5).map(|n| person(n, &name)).collect(),
                relationships: links.into_iter().map(|(a, b, r)| rel(a, b, all[r])).collect(),
            };
            let _ = g.validate();
            for p in &g.people { let _ = (g.siblings_of(p.id), g.grandparents_of(p.id)); }
            let json = serde_json::to_string(&g).unwrap();
            prop_assert_eq!(serde_json::from_str::<Genogram>(&json).unwrap(), g);
        }
    }
}
