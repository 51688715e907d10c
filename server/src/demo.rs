//! Demo data for `serve --demo`: three users and the fictional cases of `demo-cases.md`, made
//! through the same change path as a push, with dates relative to today. Seeded only when the
//! demo users do not exist yet, so a restart keeps whatever was done since. Each case also gets
//! its practice record (people, chronology, factors, classifications...) from [`files`], as
//! item records made by `homeward_core::entities::case_file_items`.

mod files;

use crate::clock::{latest_today, now_ms, utc_today};
use crate::sync::apply::apply;
use crate::users::{self, NewUser};
use crate::AppState;
use chrono::{Months, NaiveDate};
use homeward_core::api::Role;
use homeward_core::entities::{case_file_items, DATA};
use homeward_core::sync::{Change, ChangeOutcome, Entity};
use homeward_core::Hlc;
use serde_json::json;
use uuid::Uuid;

pub const DEMO_PASSWORD: &str = "homeward-demo";
pub const DEMO_TEAM: &str = "north";

/// The device id the server's own demo changes carry.
pub const SERVER_DEVICE: Uuid = Uuid::from_u128(0x0000_0000_0000_7000_8000_0000_0000_0001);

/// (username, display name, role, how the sign-in banner describes them)
pub const USERS: [(&str, &str, Role, &str); 3] = [
    ("ffion", "Ffion Davies", Role::Worker, "worker"),
    ("dylan", "Dylan Morgan", Role::Worker, "worker"),
    ("megan", "Megan Hughes", Role::Manager, "team manager"),
];

/// A demo case: owner, child's name, age in months, note.
struct DemoCase {
    owner: &'static str,
    child_name: &'static str,
    age_months: u32,
    note: &'static str,
}

const CASES: [DemoCase; 6] = [
    DemoCase {
        owner: "ffion",
        child_name: "Cerys",
        age_months: 9 * 12 + 5,
        note: "Looked after for 14 months because of neglect; her mother Bethan has worked with a \
               substance-misuse service for 8 months and her grandmother Eirlys is a trusted adult. \
               Stage 3, medium, with step-down to low due next month; a return at 6 broke down when \
               support stopped.",
    },
    DemoCase {
        owner: "ffion",
        child_name: "Tomos",
        age_months: 14 * 12 + 3,
        note: "Looked after for 2 years after physical abuse by his mother's former partner, who has \
               left; his mother Sian acknowledges its effect. Stage 2, high for 7 months with risk \
               factors not yet addressed, and Tomos wants more contact before going home.",
    },
    DemoCase {
        owner: "ffion",
        child_name: "Amira",
        age_months: 4 * 12 + 7,
        note: "Looked after for 5 months with her brother Yusuf, with severe growth failure that has \
               no medical cause. Stage 1, not yet classified: her parents Leila and Karim show no \
               evidence yet of capacity to change.",
    },
    DemoCase {
        owner: "ffion",
        child_name: "Yusuf",
        age_months: 2 * 12 + 2,
        note: "Looked after for 5 months with his sister Amira because of neglect. Stage 1, not yet \
               classified: his parents Leila and Karim show no evidence yet of capacity to change.",
    },
    DemoCase {
        owner: "ffion",
        child_name: "Rhys",
        age_months: 11 * 12 + 8,
        note: "Returned home to his father Gareth 8 months ago and low for 7 months, reviewed monthly, \
               after a parenting programme, with the school nurse and a family support worker. \
               Eligible for closure next month, pending manager sign-off.",
    },
    DemoCase {
        owner: "dylan",
        child_name: "Lowri",
        age_months: 16 * 12 + 4,
        note: "Severe: no protective factors apparent, a previous child removed from her mother, and \
               sexual abuse by a household member. The plan is permanent separation, and the work \
               for when reunification is not possible is recorded.",
    },
];

/// One line for the console: the URL and the demo sign-ins.
pub fn banner(url: &str) -> String {
    let sign_ins: Vec<String> = USERS
        .iter()
        .map(|(name, _, _, what)| format!("{name} / {DEMO_PASSWORD} ({what})"))
        .collect();
    format!(
        "Homeward is running at {url} — demo sign-in: {} (then choose a PIN of 6 or more digits for the tablet)",
        sign_ins.join(", ")
    )
}

fn birth_date(today: NaiveDate, age_months: u32) -> NaiveDate {
    today
        .checked_sub_months(Months::new(age_months))
        .unwrap_or(today)
}

/// Seeds the demo users and cases unless they exist. Returns whether it seeded.
pub async fn seed(state: &AppState) -> anyhow::Result<bool> {
    {
        let mut conn = state.db.pool.acquire().await?;
        if users::find(&mut conn, USERS[0].0).await?.is_some() {
            return Ok(false);
        }
    }
    let mut hashes = Vec::with_capacity(USERS.len());
    for _ in USERS {
        hashes.push(
            state
                .passwords
                .hash_blocking(DEMO_PASSWORD.to_string())
                .await?,
        );
    }

    let mut tx = state.db.begin_write().await?;
    let mut made = Vec::with_capacity(USERS.len());
    for ((username, display_name, role, _), hash) in USERS.iter().zip(&hashes) {
        let new = NewUser::parse(username, display_name, *role, Some(DEMO_TEAM))?;
        made.push(users::insert(&mut tx, &new, hash).await?);
    }

    let today = utc_today();
    let mut clock = Hlc::zero("server").tick(u64::try_from(now_ms()).unwrap_or(0));
    for case in &CASES {
        let owner = made
            .iter()
            .find(|u| u.username == case.owner)
            .ok_or_else(|| anyhow::anyhow!("demo case owner {} is not a demo user", case.owner))?;
        let case_id = Uuid::now_v7();
        let dob = birth_date(today, case.age_months)
            .format("%Y-%m-%d")
            .to_string();
        let note = case.note.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut fields: Vec<(Entity, Uuid, &str, serde_json::Value)> = vec![
            (Entity::Case, case_id, "child_name", json!(case.child_name)),
            (Entity::Case, case_id, "date_of_birth", json!(dob)),
            (Entity::Case, case_id, "note", json!(note)),
        ];
        let file = files::case_file(case.child_name, birth_date(today, case.age_months), today);
        for item in case_file_items(case_id, &file, Uuid::now_v7) {
            fields.push((item.entity, item.entity_id, DATA, item.data));
        }
        for (entity, entity_id, field, value) in fields {
            // A sign-off is the manager's own record, sent in their name like any sign-off.
            let author = match entity {
                Entity::SignOff => made
                    .iter()
                    .find(|u| u.role == Role::Manager)
                    .ok_or_else(|| anyhow::anyhow!("the demo has no manager"))?,
                _ => owner,
            };
            clock = clock.tick(u64::try_from(now_ms()).unwrap_or(0));
            let change = Change {
                change_id: Uuid::now_v7(),
                device_id: SERVER_DEVICE,
                user: author.username.clone(),
                case_id,
                entity,
                entity_id,
                field: field.to_string(),
                value,
                hlc: clock.clone(),
                base: 0,
            };
            let result = apply(&mut tx, author, SERVER_DEVICE, &change, latest_today()).await?;
            if let ChangeOutcome::Rejected { reason } = result.outcome {
                anyhow::bail!("demo case {} was refused: {reason}", case.child_name);
            }
        }
    }
    tx.commit().await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banner_lists_every_demo_sign_in() {
        let b = banner("http://127.0.0.1:8080");
        assert_eq!(
            b,
            "Homeward is running at http://127.0.0.1:8080 — demo sign-in: \
             ffion / homeward-demo (worker), dylan / homeward-demo (worker), \
             megan / homeward-demo (team manager) \
             (then choose a PIN of 6 or more digits for the tablet)"
        );
    }

    #[test]
    fn ages_are_counted_back_from_today() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(
            birth_date(today, 9 * 12 + 5),
            NaiveDate::from_ymd_opt(2017, 6, 23).unwrap()
        );
    }
}
