//! The team around the child and family (Stage 3 task 4): agencies, named contacts, the services
//! in the package with their dates and how parents engage; and the contingency plan (task 5).
//! The research is plain that support stopping too soon makes returns fail, so services record
//! when they end and why.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// How well a parent (or child) engages with a service.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Engagement {
    Good,
    Partial,
    Poor,
    #[default]
    NotYetKnown,
}

/// The kind of agency, for grouping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    SocialCare,
    Health,
    Education,
    Police,
    SubstanceMisuse,
    MentalHealth,
    Housing,
    Voluntary,
    #[default]
    Other,
}

/// An agency in the team around the child and family.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Agency {
    pub id: Uuid,
    pub name: String,
    pub kind: AgencyKind,
}

/// A named person at an agency (or an informal supporter with no agency).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Contact {
    pub id: Uuid,
    pub agency_id: Option<Uuid>,
    pub name: String,
    pub role: String,
    pub phone: String,
    pub email: String,
}

/// How a service ended, or that it goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ServiceStatus {
    #[default]
    Planned,
    Ongoing,
    Completed,
    /// The parent or child stopped attending.
    DroppedOut,
    /// Ended by the provider before completion.
    Withdrawn,
}

/// A service in the package of support.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Service {
    pub id: Uuid,
    pub name: String,
    pub agency_id: Option<Uuid>,
    /// People it is for (person ids).
    pub for_people: Vec<Uuid>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub status: ServiceStatus,
    pub engagement: Engagement,
    pub notes: String,
}

/// The team around the child and family.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Team {
    pub agencies: Vec<Agency>,
    pub contacts: Vec<Contact>,
    pub services: Vec<Service>,
}

/// Why a team record is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TeamError {
    #[error("Give the agency a name.")]
    AgencyWithoutName,
    #[error("Give the contact a name.")]
    ContactWithoutName,
    #[error("Give the service a name.")]
    ServiceWithoutName,
    #[error("The service \"{0}\" ends before it starts.")]
    EndsBeforeStart(String),
    #[error("The service \"{0}\" is marked as finished but has no end date.")]
    FinishedWithoutEnd(String),
    #[error("The service \"{0}\" cannot start in the future and be under way.")]
    OngoingBeforeStart(String),
    #[error("A contact or service refers to an agency that is not in the team.")]
    UnknownAgency,
}

impl Team {
    /// Checks every agency, contact and service; returns every problem found.
    ///
    /// ```
    /// # use homeward_core::team::*;
    /// # use chrono::NaiveDate;
    /// let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    /// let mut t = Team::default();
    /// t.services.push(Service { name: "Parenting programme".into(), status: ServiceStatus::Completed, ..Service::default() });
    /// assert_eq!(t.validate(today), Err(vec![TeamError::FinishedWithoutEnd("Parenting programme".into())]));
    /// ```
    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<TeamError>> {
        let mut errors = Vec::new();
        let known =
            |id: &Option<Uuid>| id.is_none_or(|id| self.agencies.iter().any(|a| a.id == id));
        if self.agencies.iter().any(|a| a.name.trim().is_empty()) {
            errors.push(TeamError::AgencyWithoutName);
        }
        for c in &self.contacts {
            if c.name.trim().is_empty() {
                errors.push(TeamError::ContactWithoutName);
            }
            if !known(&c.agency_id) {
                errors.push(TeamError::UnknownAgency);
            }
        }
        for s in &self.services {
            let name = s.name.trim().to_string();
            if name.is_empty() {
                errors.push(TeamError::ServiceWithoutName);
            }
            if !known(&s.agency_id) {
                errors.push(TeamError::UnknownAgency);
            }
            if let (Some(a), Some(b)) = (s.start, s.end) {
                if b < a {
                    errors.push(TeamError::EndsBeforeStart(name.clone()));
                }
            }
            match s.status {
                ServiceStatus::Completed | ServiceStatus::DroppedOut | ServiceStatus::Withdrawn => {
                    if s.end.is_none() {
                        errors.push(TeamError::FinishedWithoutEnd(name));
                    }
                }
                ServiceStatus::Ongoing => {
                    if s.start.is_some_and(|d| d > today) {
                        errors.push(TeamError::OngoingBeforeStart(name));
                    }
                }
                ServiceStatus::Planned => {}
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// Replaces the entry with the same id, or adds it at the end: a change to an agency, contact
/// or service keeps its place in the list (and every reference to its id).
fn put_by_id<T>(list: &mut Vec<T>, item: T, id: impl Fn(&T) -> Uuid) {
    let key = id(&item);
    match list.iter_mut().find(|x| id(x) == key) {
        Some(x) => *x = item,
        None => list.push(item),
    }
}

impl Team {
    /// Adds an agency, or changes the one with its id.
    pub fn put_agency(&mut self, agency: Agency) {
        put_by_id(&mut self.agencies, agency, |a| a.id);
    }

    /// Adds a named person, or changes the one with their id.
    pub fn put_contact(&mut self, contact: Contact) {
        put_by_id(&mut self.contacts, contact, |c| c.id);
    }

    /// Adds a service, or changes the one with its id.
    pub fn put_service(&mut self, service: Service) {
        put_by_id(&mut self.services, service, |s| s.id);
    }
}

impl Team {
    /// There is a team around the family: someone named to contact and a package of at least
    /// one service that has not ended early.
    pub fn has_package(&self) -> bool {
        let named = self.contacts.iter().any(|c| !c.name.trim().is_empty());
        let service = self.services.iter().any(|s| match s.status {
            ServiceStatus::Planned | ServiceStatus::Ongoing | ServiceStatus::Completed => true,
            ServiceStatus::DroppedOut | ServiceStatus::Withdrawn => false,
        });
        named && service
    }
}

/// Services started against completed, and how parents engaged.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ServiceSummary {
    pub planned: usize,
    pub started: usize,
    pub ongoing: usize,
    pub completed: usize,
    pub dropped_out: usize,
    pub withdrawn: usize,
    pub engagement: BTreeMap<Engagement, usize>,
}

/// Summarises the package: how many services started, finished and were dropped.
///
/// ```
/// # use homeward_core::team::*;
/// let s = service_summary(&[Service { status: ServiceStatus::DroppedOut, engagement: Engagement::Poor, ..Service::default() }]);
/// assert_eq!((s.started, s.dropped_out), (1, 1));
/// ```
pub fn service_summary(services: &[Service]) -> ServiceSummary {
    let mut s = ServiceSummary::default();
    for svc in services {
        match svc.status {
            ServiceStatus::Planned => s.planned += 1,
            ServiceStatus::Ongoing => s.ongoing += 1,
            ServiceStatus::Completed => s.completed += 1,
            ServiceStatus::DroppedOut => s.dropped_out += 1,
            ServiceStatus::Withdrawn => s.withdrawn += 1,
        }
        match svc.status {
            ServiceStatus::Planned => {}
            ServiceStatus::Ongoing
            | ServiceStatus::Completed
            | ServiceStatus::DroppedOut
            | ServiceStatus::Withdrawn => {
                s.started += 1;
                *s.engagement.entry(svc.engagement).or_default() += 1;
            }
        }
    }
    s
}

/// What happens if goals are not met or risk rises (Stage 3 task 5), shared with the parents.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ContingencyPlan {
    /// What would set the plan off, e.g. "Bethan drinks again" or "a goal's date passes unmet".
    pub triggers: Vec<String>,
    /// What will happen then, and who does it.
    pub actions: String,
    /// Where the child would live if the return breaks down.
    pub alternative_care: String,
    pub shared_with_parents_on: Option<NaiveDate>,
}

impl ContingencyPlan {
    /// The framework asks that the plan is shared with the parents; this says whether it has
    /// been and whether it says anything.
    pub fn is_complete(&self) -> bool {
        !self.triggers.iter().all(|t| t.trim().is_empty())
            && !self.actions.trim().is_empty()
            && self.shared_with_parents_on.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn a_contingency_plan_is_complete_only_with_its_triggers_its_actions_and_the_parents_told() {
        let full = ContingencyPlan {
            triggers: vec!["Bethan drinks again".into()],
            actions: "The return is paused; Cerys stays with Nain Eirlys".into(),
            alternative_care: "Nain Eirlys".into(),
            shared_with_parents_on: Some(d(3, 2)),
        };
        assert!(full.is_complete());
        let blank_triggers = ContingencyPlan {
            triggers: vec![" ".into()],
            ..full.clone()
        };
        assert!(!blank_triggers.is_complete());
        let no_actions = ContingencyPlan {
            actions: String::new(),
            ..full.clone()
        };
        assert!(!no_actions.is_complete());
        let not_shared = ContingencyPlan {
            shared_with_parents_on: None,
            ..full
        };
        assert!(!not_shared.is_complete());
    }

    #[test]
    fn a_corrected_agency_or_contact_replaces_the_old_one_in_its_place_and_keeps_its_links() {
        let school = Agency {
            id: Uuid::from_u128(1),
            name: "Ysgol Gynradd".into(),
            kind: AgencyKind::Education,
        };
        let nurse = Contact {
            id: Uuid::from_u128(2),
            agency_id: Some(school.id),
            name: "Sian Rees".into(),
            ..Contact::default()
        };
        let mut t = Team::default();
        t.put_agency(school.clone());
        t.put_agency(Agency {
            id: Uuid::from_u128(3),
            name: "Health visiting".into(),
            kind: AgencyKind::Health,
        });
        t.put_contact(nurse.clone());
        t.put_agency(Agency {
            name: "Ysgol Gynradd Aberaeron".into(),
            ..school.clone()
        });
        t.put_contact(Contact {
            phone: "01545 570000".into(),
            ..nurse
        });
        assert_eq!(t.agencies.len(), 2);
        assert_eq!(t.agencies[0].name, "Ysgol Gynradd Aberaeron");
        assert_eq!(t.contacts.len(), 1);
        assert_eq!(t.contacts[0].phone, "01545 570000");
        assert_eq!(t.contacts[0].agency_id, Some(school.id));
        assert_eq!(t.validate(d(3, 2)), Ok(()));
    }

    #[test]
    fn a_service_cannot_end_before_it_starts_or_name_an_unknown_agency() {
        let t = Team {
            services: vec![Service {
                name: "School nurse".into(),
                agency_id: Some(Uuid::from_u128(4)),
                start: Some(d(2, 1)),
                end: Some(d(1, 1)),
                status: ServiceStatus::Completed,
                ..Service::default()
            }],
            ..Team::default()
        };
        assert_eq!(
            t.validate(d(3, 1)),
            Err(vec![
                TeamError::UnknownAgency,
                TeamError::EndsBeforeStart("School nurse".into())
            ])
        );
    }

    #[test]
    fn the_summary_counts_services_started_against_completed_and_engagement() {
        let svc = |status, engagement| Service {
            status,
            engagement,
            ..Service::default()
        };
        let s = service_summary(&[
            svc(ServiceStatus::Planned, Engagement::NotYetKnown),
            svc(ServiceStatus::Ongoing, Engagement::Good),
            svc(ServiceStatus::Completed, Engagement::Good),
            svc(ServiceStatus::DroppedOut, Engagement::Poor),
        ]);
        assert_eq!(
            (s.planned, s.started, s.completed, s.dropped_out),
            (1, 3, 1, 1)
        );
        assert_eq!(s.engagement.get(&Engagement::Good), Some(&2));
    }

    #[test]
    fn a_team_needs_a_named_contact_and_a_service_not_ended_early() {
        let mut t = Team::default();
        t.contacts.push(Contact {
            name: "Sam Price".into(),
            ..Contact::default()
        });
        assert!(!t.has_package());
        t.services.push(Service {
            name: "Family support".into(),
            status: ServiceStatus::DroppedOut,
            ..Service::default()
        });
        assert!(!t.has_package());
        t.services[0].status = ServiceStatus::Ongoing;
        assert!(t.has_package());
    }

    #[test]
    fn a_contingency_plan_counts_only_once_shared_with_the_parents() {
        let mut p = ContingencyPlan {
            triggers: vec!["Bethan drinks again".into()],
            actions: "Cerys stays with Eirlys while we review".into(),
            ..ContingencyPlan::default()
        };
        assert!(!p.is_complete());
        p.shared_with_parents_on = Some(d(3, 1));
        assert!(p.is_complete());
    }

    proptest! {
        #[test]
        fn teams_round_trip_through_json_and_validation_never_panics(name in any::<String>(), who in any::<String>()) {
            let t = Team {
                agencies: vec![Agency { id: Uuid::from_u128(1), name: name.clone(), kind: AgencyKind::Health }],
                contacts: vec![Contact { name: who, agency_id: Some(Uuid::from_u128(1)), ..Contact::default() }],
                services: vec![Service { name, status: ServiceStatus::Ongoing, start: Some(d(1, 1)), ..Service::default() }],
            };
            let _ = t.validate(d(2, 1));
            let json = serde_json::to_string(&t).unwrap();
            prop_assert_eq!(serde_json::from_str::<Team>(&json).unwrap(), t);
        }
    }
}
