//! Risk and protective factors (Annex 1). The catalogue is data, not a closed enum: this copy of
//! the source lists only the abuse factors, and an organisation may add its own (parental and
//! social factors), so factors have stable string ids. Strengths are recorded too, but are kept
//! apart: they do not by themselves protect a child.

use crate::classification::ProtectiveFactorsAnswer;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use uuid::Uuid;

/// Whether a factor makes future significant harm more or less likely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactorKind {
    Risk,
    Protective,
}

/// One factor of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Factor {
    /// Stable id, e.g. "risk.neglect": lowercase letters, digits, '.', '_' and '-'.
    pub id: String,
    pub kind: FactorKind,
    /// Annex 1's heading, e.g. "Abuse".
    pub category: String,
    pub name_en: String,
    pub description_en: String,
}

fn factor(id: &str, kind: FactorKind, name: &str, description: &str) -> Factor {
    Factor {
        id: id.to_string(),
        kind,
        category: "Abuse".to_string(),
        name_en: name.to_string(),
        description_en: description.to_string(),
    }
}

/// The Annex 1 factors in this copy of the source.
pub fn annex1() -> Vec<Factor> {
    use FactorKind::{Protective, Risk};
    vec![
        factor("risk.severe_physical_abuse", Risk, "Severe physical abuse including burns or scalds", "Severe injury needing hospital admission or medical treatment, such as broken bones or a head injury. \"Rough handling\" may hide the risk of injury or death."),
        factor("risk.neglect", Risk, "Neglect", "See the definitions of maltreatment."),
        factor("risk.severe_growth_failure", Risk, "Severe growth failure", "Stunted growth and failure to thrive with no medical reason, for example parents forgetting to feed an infant."),
        factor("risk.multiple_maltreatment", Risk, "Multiple types of maltreatment", "More than one type of abuse, including combinations of physical abuse, neglect and witnessing violence between partners."),
        factor("risk.more_than_one_child", Risk, "More than one affected child in the household", ""),
        factor("risk.previous_maltreatment", Risk, "Previous maltreatment", "Either parent (with some responsibility for caring for the child) has had a child permanently removed, or a child on a child protection plan."),
        factor("risk.sexual_abuse", Risk, "Sexual abuse with penetration or of long duration", "Sexual abuse or grooming that the child's main carers were responsible for or compliant with."),
        factor("risk.fabricated_illness", Risk, "Fabricated or induced illness", "A medical practitioner's evidence that the child was subject to fabricated or induced illness and the main carers were responsible or compliant."),
        factor("protective.less_severe_abuse", Protective, "Less severe forms of abuse", "Judged by harm, duration and frequency: physical abuse not needing hospital admission or medical treatment. If severe, but the parent complies with the child protection plan and does not deny the abuse or their part in it, success is still possible."),
    ]
}

/// Why an organisation's factors are refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FactorError {
    #[error("The factor id \"{0}\" is already in the catalogue.")]
    DuplicateId(String),
    #[error("The factor id \"{0}\" may use only lowercase letters, digits, '.', '_' and '-'.")]
    BadId(String),
    #[error("The factor \"{0}\" needs a name.")]
    NoName(String),
}

fn check_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
}

/// The catalogue with an organisation's extra factors added. Refuses an id already present
/// (a factor's meaning must not change under existing records), a malformed id or no name.
///
/// ```
/// # use homeward_core::factors::*;
/// let extra = Factor { id: "risk.domestic_abuse".into(), kind: FactorKind::Risk,
///     category: "Parental".into(), name_en: "Domestic abuse".into(), description_en: String::new() };
/// let all = merge_catalogue(annex1(), vec![extra.clone()]).unwrap();
/// assert_eq!(all.len(), annex1().len() + 1);
/// assert!(merge_catalogue(all, vec![extra]).is_err());
/// ```
pub fn merge_catalogue(base: Vec<Factor>, extra: Vec<Factor>) -> Result<Vec<Factor>, FactorError> {
    let mut ids: BTreeSet<String> = base.iter().map(|f| f.id.clone()).collect();
    let mut all = base;
    for f in extra {
        if !check_id(&f.id) {
            return Err(FactorError::BadId(f.id));
        }
        if f.name_en.trim().is_empty() {
            return Err(FactorError::NoName(f.id));
        }
        if !ids.insert(f.id.clone()) {
            return Err(FactorError::DuplicateId(f.id));
        }
        all.push(f);
    }
    Ok(all)
}

/// Whether a factor is present on the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    #[default]
    Unknown,
    Present,
    NotPresent,
    /// Was present and has been addressed.
    Addressed,
}

/// A factor's presence on one case, with the evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFactor {
    pub factor_id: String,
    pub presence: Presence,
    pub evidence: String,
    /// Chronology entries that evidence it.
    pub chronology_ids: Vec<Uuid>,
    pub assessed_on: NaiveDate,
    pub by: String,
}

/// A strength or positive noted on the case. Never counted as protective.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Strength {
    pub id: Uuid,
    pub description: String,
    pub evidence: String,
}

fn present_of_kind(kind: FactorKind, case: &[CaseFactor], catalogue: &[Factor]) -> Vec<String> {
    case.iter()
        .filter(|c| c.presence == Presence::Present)
        .filter(|c| {
            catalogue
                .iter()
                .any(|f| f.id == c.factor_id && f.kind == kind)
        })
        .map(|c| c.factor_id.clone())
        .collect()
}

/// Ids of risk factors present and not yet addressed.
pub fn risk_factors_present(case: &[CaseFactor], catalogue: &[Factor]) -> Vec<String> {
    present_of_kind(FactorKind::Risk, case, catalogue)
}

/// A hint for the classification's second question: protective factors are apparent only when a
/// catalogue protective factor is present. Strengths are ignored on purpose.
///
/// ```
/// # use homeward_core::factors::*;
/// # use homeward_core::classification::ProtectiveFactorsAnswer;
/// assert_eq!(protective_factors_hint(&[], &annex1()), ProtectiveFactorsAnswer::NotApparent);
/// ```
pub fn protective_factors_hint(
    case: &[CaseFactor],
    catalogue: &[Factor],
) -> ProtectiveFactorsAnswer {
    if present_of_kind(FactorKind::Protective, case, catalogue).is_empty() {
        ProtectiveFactorsAnswer::NotApparent
    } else {
        ProtectiveFactorsAnswer::Apparent
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn on(id: &str, presence: Presence) -> CaseFactor {
        CaseFactor {
            factor_id: id.into(),
            presence,
            evidence: String::new(),
            chronology_ids: vec![],
            assessed_on: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            by: "sw1".into(),
        }
    }

    #[test]
    fn the_catalogue_holds_annex_1s_eight_risk_factors_and_its_protective_factor_with_unique_ids() {
        let c = annex1();
        assert_eq!(c.iter().filter(|f| f.kind == FactorKind::Risk).count(), 8);
        assert_eq!(
            c.iter()
                .filter(|f| f.kind == FactorKind::Protective)
                .count(),
            1
        );
        let ids: BTreeSet<_> = c.iter().map(|f| &f.id).collect();
        assert_eq!(ids.len(), c.len());
        assert!(c.iter().all(|f| check_id(&f.id)));
    }

    #[test]
    fn an_organisation_cannot_add_a_factor_with_an_id_already_used() {
        let dup = factor("risk.neglect", FactorKind::Risk, "Neglect again", "");
        assert_eq!(
            merge_catalogue(annex1(), vec![dup]),
            Err(FactorError::DuplicateId("risk.neglect".into()))
        );
        let bad = factor("Risk Neglect", FactorKind::Risk, "x", "");
        assert!(matches!(
            merge_catalogue(annex1(), vec![bad]),
            Err(FactorError::BadId(_))
        ));
    }

    #[test]
    fn strengths_do_not_make_protective_factors_apparent_but_a_present_protective_factor_does() {
        let c = annex1();
        let case = vec![on("risk.neglect", Presence::Present)];
        assert_eq!(
            protective_factors_hint(&case, &c),
            ProtectiveFactorsAnswer::NotApparent
        );
        let case = vec![on("protective.less_severe_abuse", Presence::Present)];
        assert_eq!(
            protective_factors_hint(&case, &c),
            ProtectiveFactorsAnswer::Apparent
        );
    }

    #[test]
    fn addressed_risk_factors_are_not_counted_as_present() {
        let case = vec![
            on("risk.neglect", Presence::Addressed),
            on("risk.more_than_one_child", Presence::Present),
        ];
        assert_eq!(
            risk_factors_present(&case, &annex1()),
            vec!["risk.more_than_one_child"]
        );
    }

    proptest! {
        #[test]
        fn merging_never_panics_and_never_yields_duplicate_ids(id in any::<String>(), name in any::<String>()) {
            let f = Factor { id, kind: FactorKind::Risk, category: String::new(), name_en: name, description_en: String::new() };
            if let Ok(all) = merge_catalogue(annex1(), vec![f.clone(), f]) {
                let ids: BTreeSet<_> = all.iter().map(|f| &f.id).collect();
                prop_assert_eq!(ids.len(), all.len());
            }
        }

        #[test]
        fn case_factors_round_trip_through_json(evidence in any::<String>()) {
            let mut c = on("risk.neglect", Presence::Present);
            c.evidence = evidence;
            let json = serde_json::to_string(&(c.clone(), annex1())).unwrap();
            prop_assert_eq!(serde_json::from_str::<(CaseFactor, Vec<Factor>)>(&json).unwrap(), (c, annex1()));
        }
    }
}
