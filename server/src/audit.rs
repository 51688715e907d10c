//! The append-only audit log: who saw or changed what, when, from which device.

use crate::clock::now_ms;
use sqlx::AnyConnection;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A change to a case was pushed (whatever the merge made of it).
    Push,
    /// A change was refused for authorisation (not the user's case, or another user's change).
    Refused,
    /// A change was refused because its value breaks a rule.
    Rejected,
    /// A pull returned a case's data.
    Pull,
    SignIn,
    SignInFailed,
    SignOut,
    /// An administrator moved a case onto a caseload.
    Assign,
    /// A device was taken out of use: its key destroyed, its sessions ended.
    DeviceRevoked,
    /// The bytes of a drawing, recording or signature were uploaded.
    Upload,
    /// The bytes of a drawing, recording or signature were read.
    Download,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Push => "push",
            Action::Refused => "refused",
            Action::Rejected => "rejected",
            Action::Pull => "pull",
            Action::SignIn => "sign_in",
            Action::SignInFailed => "sign_in_failed",
            Action::SignOut => "sign_out",
            Action::Assign => "assign",
            Action::DeviceRevoked => "device_revoked",
            Action::Upload => "upload",
            Action::Download => "download",
        }
    }
}

/// One row of the audit log.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub username: &'a str,
    pub device_id: Option<Uuid>,
    pub action: Action,
    pub case_id: Option<Uuid>,
    pub detail: String,
}

/// Longest username or detail kept (a failed sign-in records what was typed).
const MAX_CHARS: usize = 500;

/// What was typed, shortened, and without NUL (which PostgreSQL text cannot hold).
fn cap(s: &str) -> String {
    s.chars()
        .take(MAX_CHARS)
        .map(|c| if c == '\0' { '\u{fffd}' } else { c })
        .collect()
}

/// An entry ready to be written: stamped with its time, its text capped.
#[derive(Debug, Clone)]
pub struct NewRow {
    at: i64,
    username: String,
    device_id: Option<String>,
    action: &'static str,
    case_id: Option<String>,
    detail: String,
}

impl NewRow {
    /// The row for `entry`, stamped now.
    pub fn of(entry: &Entry<'_>) -> NewRow {
        NewRow {
            at: now_ms(),
            username: cap(entry.username),
            device_id: entry.device_id.map(|d| d.to_string()),
            action: entry.action.as_str(),
            case_id: entry.case_id.map(|c| c.to_string()),
            detail: cap(&entry.detail),
        }
    }
}

/// Appends rows, in order, in multi-row statements (inside the caller's transaction).
pub async fn record_all(conn: &mut AnyConnection, rows: &[NewRow]) -> Result<(), sqlx::Error> {
    crate::db::insert_rows(
        conn,
        "INSERT INTO audit (at, username, device_id, action, case_id, detail)",
        "",
        6,
        rows,
        |q, r| {
            q.bind(r.at)
                .bind(r.username.clone())
                .bind(r.device_id.clone())
                .bind(r.action)
                .bind(r.case_id.clone())
                .bind(r.detail.clone())
        },
    )
    .await
}

/// Appends an entry (inside the caller's transaction, when there is one).
pub async fn record(conn: &mut AnyConnection, entry: &Entry<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit (at, username, device_id, action, case_id, detail) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(now_ms())
    .bind(cap(entry.username))
    .bind(entry.device_id.map(|d| d.to_string()))
    .bind(entry.action.as_str())
    .bind(entry.case_id.map(|c| c.to_string()))
    .bind(cap(&entry.detail))
    .execute(conn)
    .await?;
    Ok(())
}

/// One row of the audit log as exported.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Row {
    pub id: i64,
    /// Milliseconds since the Unix epoch.
    pub at: i64,
    pub username: String,
    pub device_id: Option<String>,
    pub action: String,
    pub case_id: Option<String>,
    pub detail: String,
}

type StoredRow = (
    i64,
    i64,
    String,
    Option<String>,
    String,
    Option<String>,
    String,
);

/// A case's whole audit trail, oldest first: every read, change, refusal and assignment.
pub async fn case_trail(db: &crate::db::Db, case_id: Uuid) -> Result<Vec<Row>, sqlx::Error> {
    let rows: Vec<StoredRow> = sqlx::query_as(
        "SELECT id, at, username, device_id, action, case_id, detail FROM audit \
             WHERE case_id = $1 ORDER BY id",
    )
    .bind(case_id.to_string())
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, at, username, device_id, action, case_id, detail)| Row {
                id,
                at,
                username,
                device_id,
                action,
                case_id,
                detail,
            },
        )
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_text_is_capped_and_has_no_nul() {
        assert_eq!(cap("a\0b"), "a\u{fffd}b");
        assert_eq!(cap(&"x".repeat(10_000)).chars().count(), MAX_CHARS);
    }
}
