//! What the server does with one pushed change. Both pushes and the demo seed come through here,
//! so every stored change has passed the same checks.

use super::log::{self, Head, Outcome};
use crate::audit::{self, Action, Entry};
use crate::cases::{self, NO_ACCESS};
use crate::clock::now_ms;
use crate::users::User;
use chrono::NaiveDate;
use homeward_core::sync::{
    check_change, merge, Change, ChangeOutcome, ChangeResult, FieldHead, Merge, MergeKind,
};
use sqlx::AnyConnection;
use uuid::Uuid;

/// The reason given when a change id comes back with different content.
pub const REUSED_ID: &str = "This change id was already used for a different change.";
/// The reason given when a change names another author than the signed-in user.
pub const NOT_YOURS: &str = "This change was made by another user; only they can send it.";
/// The reason given when a change names a record of one case under another case.
pub const OTHER_CASE: &str = "This record belongs to another case.";

fn rejected(change: &Change, reason: impl Into<String>) -> ChangeResult {
    ChangeResult {
        change_id: change.change_id,
        outcome: ChangeOutcome::Rejected {
            reason: reason.into(),
        },
    }
}

fn same_change(a: &Change, b: &Change) -> bool {
    a.user == b.user
        && a.case_id == b.case_id
        && a.entity == b.entity
        && a.entity_id == b.entity_id
        && a.field == b.field
        && a.value == b.value
        && a.hlc == b.hlc
        && a.base == b.base
}

/// Applies one change for `user`, pushed from `device_id`, inside the caller's write transaction.
pub async fn apply(
    conn: &mut AnyConnection,
    user: &User,
    device_id: Uuid,
    change: &Change,
    today: NaiveDate,
) -> Result<ChangeResult, sqlx::Error> {
    let entry = |action: Action, detail: String| Entry {
        username: &user.username,
        device_id: Some(device_id),
        action,
        case_id: Some(change.case_id),
        detail,
    };
    let what = format!("{}.{}", change.entity.as_str(), change.field);

    if change.user != user.username {
        audit::record(
            conn,
            &entry(
                Action::Refused,
                format!("{what}: change claims another author"),
            ),
        )
        .await?;
        return Ok(rejected(change, NOT_YOURS));
    }

    // A change seen before: the same answer as the first time, and nothing changes.
    if let Some(logged) = log::by_change_id(conn, change.change_id).await? {
        if same_change(&logged.change, change) {
            audit::record(
                conn,
                &entry(
                    Action::Push,
                    format!("{what}: repeat of change {}", change.change_id),
                ),
            )
            .await?;
            return Ok(ChangeResult {
                change_id: change.change_id,
                outcome: logged.outcome.reply(logged.seq),
            });
        }
        audit::record(
            conn,
            &entry(
                Action::Refused,
                format!("{what}: change id {} reused", change.change_id),
            ),
        )
        .await?;
        return Ok(rejected(change, REUSED_ID));
    }

    let kind = match check_change(change, today) {
        Ok(kind) => kind,
        Err(e) => {
            let reason = e.to_string();
            audit::record(conn, &entry(Action::Rejected, format!("{what}: {reason}"))).await?;
            return Ok(rejected(change, reason));
        }
    };

    // A record stays in the case it was first written under.
    let bound = log::record_case(conn, change).await?;
    if bound.is_some_and(|case_id| case_id != change.case_id) {
        audit::record(
            conn,
            &entry(Action::Refused, format!("{what}: record of another case")),
        )
        .await?;
        return Ok(rejected(change, OTHER_CASE));
    }

    match cases::owner(conn, change.case_id).await? {
        None => cases::create(conn, change.case_id, &user.username).await?,
        Some(owner) if owner.lets(user) => {}
        Some(_) => {
            audit::record(
                conn,
                &entry(Action::Refused, format!("{what}: no access to the case")),
            )
            .await?;
            return Ok(rejected(change, NO_ACCESS));
        }
    }

    let now = now_ms();
    if bound.is_none() {
        log::bind_record(conn, change, now).await?;
    }

    let head = log::head(conn, change).await?;
    let decision = merge(
        kind,
        head.as_ref().map(|h| field_head(h, change)).as_ref(),
        &change.hlc,
        change.base,
    );
    let outcome = match decision {
        Merge::Apply => Outcome::Applied,
        Merge::Supersede => Outcome::Superseded,
        Merge::Conflict => Outcome::Conflict,
    };
    let seq = log::append(conn, change, outcome, now).await?;
    match (decision, &head) {
        (Merge::Apply, _) => {
            log::set_head(conn, change, seq).await?;
            if kind == MergeKind::Text {
                log::resolve_conflicts(conn, change).await?;
            }
        }
        (Merge::Conflict, Some(head)) => log::record_conflict(conn, change, head, seq, now).await?,
        (Merge::Conflict, None) | (Merge::Supersede, _) => {}
    }
    audit::record(
        conn,
        &entry(
            Action::Push,
            format!("{what}: {} at {seq}", outcome.as_str()),
        ),
    )
    .await?;
    Ok(ChangeResult {
        change_id: change.change_id,
        outcome: outcome.reply(seq),
    })
}

fn field_head(head: &Head, change: &Change) -> FieldHead {
    FieldHead {
        hlc: head.hlc.clone(),
        version: head.version,
        same_value: head.value == change.value,
        same_device: head.username == change.user && head.device_id == change.device_id.to_string(),
    }
}
