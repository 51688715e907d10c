//! `POST /api/sync/push` and `GET /api/sync/pull`: the protocol of `homeward_core::sync`.

pub mod apply;
pub mod log;

use crate::audit::{self, Action, Entry};
use crate::auth::CurrentUser;
use crate::cases;
use crate::clock::latest_today;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, ApiQuery};
use crate::AppState;
use axum::extract::{DefaultBodyLimit, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use homeward_core::sync::{
    ChangeOutcome, PullResponse, PushRequest, PushResponse, MAX_PULL_CHANGES, MAX_PUSH_CHANGES,
};
use serde::Deserialize;
use std::collections::BTreeMap;
use uuid::Uuid;

/// Largest push body accepted.
pub const PUSH_BODY_LIMIT: usize = 8 * 1024 * 1024;

pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/push", post(push))
        .route("/pull", get(pull))
        .layer(DefaultBodyLimit::max(PUSH_BODY_LIMIT))
        .with_state(state)
}

/// Applies every change of the push in one transaction: a server killed mid-push applies
/// nothing of it, and the device pushes the same changes again.
async fn push(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiJson(request): ApiJson<PushRequest>,
) -> AppResult<Json<PushResponse>> {
    if request.changes.len() > MAX_PUSH_CHANGES {
        return Err(AppError::BadRequest(format!(
            "A push holds at most {MAX_PUSH_CHANGES} changes; send the rest in another push."
        )));
    }
    let today = latest_today();
    let mut tx = state.db.begin_write().await?;
    let results =
        apply::apply_all(&mut tx, &user, request.device_id, &request.changes, today).await?;
    tx.commit().await?;
    let logged_up_to = results.iter().filter_map(|r| match r.outcome {
        ChangeOutcome::Applied { version }
        | ChangeOutcome::Superseded { version }
        | ChangeOutcome::Conflict { version } => Some(version),
        ChangeOutcome::Rejected { .. } => None,
    });
    if let Some(last) = logged_up_to.max() {
        state.db.keep_statistics_up(last);
    }
    Ok(Json(PushResponse { results }))
}

/// Without `grants`, no grant is reported (the device had none to compare): every one is "old".
const fn latest_grant() -> i64 {
    i64::MAX
}

#[derive(Debug, Deserialize)]
struct PullQuery {
    /// The cursor from the last pull; absent or empty for everything.
    since: Option<String>,
    /// The pulling device, for the audit log.
    device_id: Option<Uuid>,
    /// The `grants_cursor` of the last pull: newer case grants come back in `resync`.
    grants: Option<i64>,
    /// Only this case's changes (a resync of a case newly on the caller's caseload).
    case: Option<Uuid>,
}

async fn pull(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiQuery(query): ApiQuery<PullQuery>,
) -> AppResult<Json<PullResponse>> {
    let since = match query.since.as_deref().map(str::trim) {
        None | Some("") => 0,
        Some(s) => s.parse::<i64>().map_err(|_| {
            AppError::BadRequest("The cursor 'since' must be a whole number.".into())
        })?,
    }
    .max(0);
    let (resync, grants_cursor) = {
        let mut conn = state.db.pool.acquire().await?;
        let (cases, latest) =
            cases::granted_after(&mut conn, &user, query.grants.unwrap_or(latest_grant())).await?;
        (
            if query.grants.is_some() {
                cases
            } else {
                Vec::new()
            },
            latest,
        )
    };
    if let Some(case_id) = query.case {
        let mut conn = state.db.pool.acquire().await?;
        let allowed = cases::owner(&mut conn, case_id)
            .await?
            .is_some_and(|owner| owner.lets(&user));
        if !allowed {
            audit::record(
                &mut conn,
                &Entry {
                    username: &user.username,
                    device_id: query.device_id,
                    action: Action::Refused,
                    case_id: Some(case_id),
                    detail: "pull of a case without access".into(),
                },
            )
            .await?;
            return Err(AppError::Forbidden);
        }
    }
    let mut changes = match query.case {
        Some(case_id) => log::case_after(&state.db, case_id, since, MAX_PULL_CHANGES + 1).await?,
        None => log::readable_after(&state.db, &user, since, MAX_PULL_CHANGES + 1).await?,
    };
    let more = changes.len() > MAX_PULL_CHANGES;
    changes.truncate(MAX_PULL_CHANGES);
    let cursor = changes.last().map_or(since, |c| c.seq);

    let mut per_case: BTreeMap<Uuid, (usize, i64)> = BTreeMap::new();
    for c in &changes {
        let e = per_case.entry(c.change.case_id).or_insert((0, 0));
        e.0 += 1;
        e.1 = c.seq;
    }
    if !per_case.is_empty() {
        let mut tx = state.db.pool.begin().await?;
        for (case_id, (count, last)) in per_case {
            audit::record(
                &mut tx,
                &Entry {
                    username: &user.username,
                    device_id: query.device_id,
                    action: Action::Pull,
                    case_id: Some(case_id),
                    detail: format!("pulled {count} changes after {since}, up to {last}"),
                },
            )
            .await?;
        }
        tx.commit().await?;
    }
    Ok(Json(PullResponse {
        changes,
        cursor,
        more,
        grants_cursor,
        resync,
    }))
}
