//! Who may read and change a case: its owner (the case is on their caseload), and a manager of
//! the owner's team.

use crate::clock::now_ms;
use crate::db::{insert_rows, Db, Marks, MAX_PARAMS};
use crate::users::{self, User, UserError};
use sqlx::AnyConnection;
use std::collections::HashMap;
use uuid::Uuid;

/// The refusal a user gets for a case that is not theirs (the same whether or not it exists
/// would be nicer still, but a new id creates a case, so existence is not secret from its creator).
pub const NO_ACCESS: &str = "You do not have access to this case.";

/// A case's owner and the owner's team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub username: String,
    pub team: Option<String>,
}

impl Owner {
    /// Whether `user` may read and change the case.
    pub fn lets(&self, user: &User) -> bool {
        self.username == user.username
            || matches!(
                (user.managed_team(), self.team.as_deref()),
                (Some(mine), Some(theirs)) if mine == theirs
            )
    }
}

/// The owner of a case, or `None` if no such case exists.
pub async fn owner(conn: &mut AnyConnection, case_id: Uuid) -> Result<Option<Owner>, sqlx::Error> {
    let row: Option<(String, Option<String>)> = sqlx::query_as(
        "SELECT k.owner, u.team FROM cases k JOIN users u ON u.username = k.owner \
         WHERE k.case_id = $1",
    )
    .bind(case_id.to_string())
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(username, team)| Owner { username, team }))
}

/// The owners of those of `case_ids` that exist.
pub async fn owners(
    conn: &mut AnyConnection,
    case_ids: &[Uuid],
) -> Result<HashMap<Uuid, Option<Owner>>, sqlx::Error> {
    let marks = Marks::of(conn);
    let mut owners = HashMap::with_capacity(case_ids.len());
    for chunk in case_ids.chunks(MAX_PARAMS) {
        let sql = format!(
            "SELECT k.case_id, k.owner, u.team FROM cases k JOIN users u ON u.username = k.owner \
             WHERE k.case_id IN ({})",
            marks.params(1, chunk.len())
        );
        let mut query = sqlx::query_as(&sql);
        for id in chunk {
            query = query.bind(id.to_string());
        }
        let rows: Vec<(String, String, Option<String>)> = query.fetch_all(&mut *conn).await?;
        for (case_id, username, team) in rows {
            if let Ok(case_id) = Uuid::parse_str(&case_id) {
                owners.insert(case_id, Some(Owner { username, team }));
            }
        }
    }
    Ok(owners)
}

/// Opens cases (id and creation time) on `owner`'s caseload.
pub async fn create_all(
    conn: &mut AnyConnection,
    cases: &[(Uuid, i64)],
    owner: &str,
) -> Result<(), sqlx::Error> {
    insert_rows(
        conn,
        "INSERT INTO cases (case_id, owner, created_at)",
        "",
        3,
        cases,
        |q, (case_id, at)| {
            q.bind(case_id.to_string())
                .bind(owner.to_string())
                .bind(*at)
        },
    )
    .await
}

/// Opens a case on `owner`'s caseload.
pub async fn create(
    conn: &mut AnyConnection,
    case_id: Uuid,
    owner: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO cases (case_id, owner, created_at) VALUES ($1, $2, $3)")
        .bind(case_id.to_string())
        .bind(owner)
        .bind(now_ms())
        .execute(conn)
        .await?;
    Ok(())
}

/// Cases granted to `user` (put on their caseload, or on a caseload of the team they manage)
/// after grant number `after`, that they can still read; and the latest grant number of all.
pub async fn granted_after(
    conn: &mut AnyConnection,
    user: &User,
    after: i64,
) -> Result<(Vec<Uuid>, i64), sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT DISTINCT g.case_id FROM case_grants g \
         JOIN cases k ON k.case_id = g.case_id \
         JOIN users o ON o.username = k.owner \
         JOIN users u ON u.username = g.username \
         WHERE g.id > $1 AND (g.username = $2 OR u.team = $3) \
           AND (k.owner = $2 OR o.team = $3) \
         ORDER BY g.case_id",
    )
    .bind(after)
    .bind(&user.username)
    .bind(user.managed_team())
    .fetch_all(&mut *conn)
    .await?;
    let (latest,): (Option<i64>,) = sqlx::query_as("SELECT MAX(id) FROM case_grants")
        .fetch_one(&mut *conn)
        .await?;
    let cases = rows
        .into_iter()
        .filter_map(|(id,)| Uuid::parse_str(&id).ok())
        .collect();
    Ok((cases, latest.unwrap_or(0)))
}

#[derive(Debug, thiserror::Error)]
pub enum AssignError {
    #[error("there is no case with id {0}")]
    NoSuchCase(Uuid),
    #[error(transparent)]
    User(#[from] UserError),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Moves a case onto `username`'s caseload (the CLI's `case assign`).
pub async fn assign(db: &Db, case_id: Uuid, username: &str) -> Result<(), AssignError> {
    let username = users::parse_username(username)?;
    // Reads then writes: take the write lock first (SQLite would refuse the upgrade otherwise).
    let mut tx = db.begin_write().await?;
    if users::find(&mut tx, &username).await?.is_none() {
        return Err(UserError::NoSuchUser(username).into());
    }
    let done = sqlx::query("UPDATE cases SET owner = $1 WHERE case_id = $2")
        .bind(&username)
        .bind(case_id.to_string())
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(AssignError::NoSuchCase(case_id));
    }
    // The new owner's devices (and their managers') are past this case's history: they are told
    // to fetch it whole on their next pull.
    sqlx::query("INSERT INTO case_grants (case_id, username, granted_at) VALUES ($1, $2, $3)")
        .bind(case_id.to_string())
        .bind(&username)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
    crate::audit::record(
        &mut tx,
        &crate::audit::Entry {
            username: "(admin)",
            device_id: None,
            action: crate::audit::Action::Assign,
            case_id: Some(case_id),
            detail: format!("case assigned to {username}"),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use homeward_core::api::Role;

    fn user(name: &str, role: Role, team: Option<&str>) -> User {
        User {
            username: name.into(),
            display_name: name.into(),
            role,
            team: team.map(Into::into),
        }
    }

    fn ffions() -> Owner {
        Owner {
            username: "ffion".into(),
            team: Some("north".into()),
        }
    }

    #[test]
    fn the_owner_has_access() {
        assert!(ffions().lets(&user("ffion", Role::Worker, Some("north"))));
    }

    #[test]
    fn another_worker_of_the_same_team_has_no_access() {
        assert!(!ffions().lets(&user("dylan", Role::Worker, Some("north"))));
    }

    #[test]
    fn a_manager_has_access_to_their_team_only() {
        assert!(ffions().lets(&user("megan", Role::Manager, Some("north"))));
        assert!(!ffions().lets(&user("sam", Role::Manager, Some("south"))));
        assert!(!ffions().lets(&user("sam", Role::Manager, None)));
    }
}
