//! The change log and the field heads, as stored.

use crate::db::Db;
use crate::users::User;
use homeward_core::sync::{Change, ChangeOutcome, Entity, PulledChange};
use homeward_core::Hlc;
use sqlx::AnyConnection;
use uuid::Uuid;

/// How a logged change was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Applied,
    Superseded,
    Conflict,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Applied => "applied",
            Outcome::Superseded => "superseded",
            Outcome::Conflict => "conflict",
        }
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        match s {
            "applied" => Some(Outcome::Applied),
            "superseded" => Some(Outcome::Superseded),
            "conflict" => Some(Outcome::Conflict),
            _ => None,
        }
    }

    /// The reply for a change logged at `seq`.
    pub fn reply(self, seq: i64) -> ChangeOutcome {
        match self {
            Outcome::Applied => ChangeOutcome::Applied { version: seq },
            Outcome::Superseded => ChangeOutcome::Superseded { version: seq },
            Outcome::Conflict => ChangeOutcome::Conflict { version: seq },
        }
    }
}

/// A change as the log holds it.
#[derive(Debug, Clone)]
pub struct Logged {
    pub seq: i64,
    pub outcome: Outcome,
    pub change: Change,
}

const COLUMNS: &str = "c.seq, c.outcome, c.change_id, c.device_id, c.username, c.case_id, \
                       c.entity, c.entity_id, c.field, c.value, c.hlc, c.base";

type Row = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    i64,
);

fn decode<T, E: std::fmt::Display>(what: &str, r: Result<T, E>) -> Result<T, sqlx::Error> {
    r.map_err(|e| sqlx::Error::Decode(format!("stored {what} is unreadable: {e}").into()))
}

fn from_row(row: Row) -> Result<Logged, sqlx::Error> {
    let (
        seq,
        outcome,
        change_id,
        device_id,
        user,
        case_id,
        entity,
        entity_id,
        field,
        value,
        hlc,
        base,
    ) = row;
    let outcome = decode("outcome", Outcome::parse(&outcome).ok_or(outcome))?;
    let entity = decode("entity", Entity::parse(&entity).ok_or(entity))?;
    Ok(Logged {
        seq,
        outcome,
        change: Change {
            change_id: decode("change id", Uuid::parse_str(&change_id))?,
            device_id: decode("device id", Uuid::parse_str(&device_id))?,
            user,
            case_id: decode("case id", Uuid::parse_str(&case_id))?,
            entity,
            entity_id: decode("entity id", Uuid::parse_str(&entity_id))?,
            field,
            value: decode("value", serde_json::from_str(&value))?,
            hlc: decode("clock", hlc.parse::<Hlc>())?,
            base,
        },
    })
}

/// The logged change with this id, if any.
pub async fn by_change_id(
    conn: &mut AnyConnection,
    change_id: Uuid,
) -> Result<Option<Logged>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM changes c WHERE c.change_id = $1"
    ))
    .bind(change_id.to_string())
    .fetch_optional(conn)
    .await?;
    row.map(from_row).transpose()
}

/// Appends a change to the log and returns its seq.
pub async fn append(
    conn: &mut AnyConnection,
    change: &Change,
    outcome: Outcome,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let (seq,): (i64,) = sqlx::query_as(
        "INSERT INTO changes (change_id, device_id, username, case_id, entity, entity_id, field, \
         value, hlc, base, outcome, received_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING seq",
    )
    .bind(change.change_id.to_string())
    .bind(change.device_id.to_string())
    .bind(&change.user)
    .bind(change.case_id.to_string())
    .bind(change.entity.as_str())
    .bind(change.entity_id.to_string())
    .bind(&change.field)
    .bind(change.value.to_string())
    .bind(change.hlc.to_string())
    .bind(change.base)
    .bind(outcome.as_str())
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(seq)
}

/// Changes after `since` that `user` may read and that carry data (applied or conflict), in
/// log order.
pub async fn readable_after(
    db: &Db,
    user: &User,
    since: i64,
    limit: usize,
) -> Result<Vec<PulledChange>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM changes c \
         JOIN cases k ON k.case_id = c.case_id \
         JOIN users o ON o.username = k.owner \
         WHERE c.seq > $1 AND c.outcome IN ('applied', 'conflict') \
           AND (k.owner = $2 OR o.team = $3) \
         ORDER BY c.seq LIMIT $4"
    ))
    .bind(since)
    .bind(&user.username)
    .bind(user.managed_team())
    .bind(i64::try_from(limit).unwrap_or(i64::MAX))
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter()
        .map(|row| {
            let logged = from_row(row)?;
            Ok(PulledChange {
                seq: logged.seq,
                conflict: logged.outcome == Outcome::Conflict,
                change: logged.change,
            })
        })
        .collect()
}

/// Changes of one case after `since` that carry data, in log order (the caller checked access).
pub async fn case_after(
    db: &Db,
    case_id: Uuid,
    since: i64,
    limit: usize,
) -> Result<Vec<PulledChange>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM changes c \
         WHERE c.case_id = $1 AND c.seq > $2 AND c.outcome IN ('applied', 'conflict') \
         ORDER BY c.seq LIMIT $3"
    ))
    .bind(case_id.to_string())
    .bind(since)
    .bind(i64::try_from(limit).unwrap_or(i64::MAX))
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter()
        .map(|row| {
            let logged = from_row(row)?;
            Ok(PulledChange {
                seq: logged.seq,
                conflict: logged.outcome == Outcome::Conflict,
                change: logged.change,
            })
        })
        .collect()
}

/// The current value of one field.
#[derive(Debug, Clone)]
pub struct Head {
    pub value: serde_json::Value,
    pub hlc: Hlc,
    pub version: i64,
    pub change_id: String,
    /// Who wrote the current value, and on which device.
    pub username: String,
    pub device_id: String,
}

/// The current value of a change's field, if it was ever set.
pub async fn head(conn: &mut AnyConnection, change: &Change) -> Result<Option<Head>, sqlx::Error> {
    let row: Option<(String, String, i64, String, String, String)> = sqlx::query_as(
        "SELECT h.value, h.hlc, h.version, h.change_id, c.username, c.device_id \
         FROM field_heads h JOIN changes c ON c.change_id = h.change_id \
         WHERE h.case_id = $1 AND h.entity = $2 AND h.entity_id = $3 AND h.field = $4",
    )
    .bind(change.case_id.to_string())
    .bind(change.entity.as_str())
    .bind(change.entity_id.to_string())
    .bind(&change.field)
    .fetch_optional(conn)
    .await?;
    row.map(|(value, hlc, version, change_id, username, device_id)| {
        Ok(Head {
            value: decode("value", serde_json::from_str(&value))?,
            hlc: decode("clock", hlc.parse::<Hlc>())?,
            version,
            change_id,
            username,
            device_id,
        })
    })
    .transpose()
}

/// Makes `change` (logged at `seq`) the field's current value.
pub async fn set_head(
    conn: &mut AnyConnection,
    change: &Change,
    seq: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO field_heads (case_id, entity, entity_id, field, value, hlc, version, change_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (case_id, entity, entity_id, field) DO UPDATE SET \
         value = excluded.value, hlc = excluded.hlc, version = excluded.version, \
         change_id = excluded.change_id",
    )
    .bind(change.case_id.to_string())
    .bind(change.entity.as_str())
    .bind(change.entity_id.to_string())
    .bind(&change.field)
    .bind(change.value.to_string())
    .bind(change.hlc.to_string())
    .bind(seq)
    .bind(change.change_id.to_string())
    .execute(conn)
    .await?;
    Ok(())
}

/// Records a concurrent text edit (logged at `seq`) next to the value it conflicts with.
pub async fn record_conflict(
    conn: &mut AnyConnection,
    change: &Change,
    head: &Head,
    seq: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO conflicts (case_id, entity, entity_id, field, change_id, head_change_id, \
         seq, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(change.case_id.to_string())
    .bind(change.entity.as_str())
    .bind(change.entity_id.to_string())
    .bind(&change.field)
    .bind(change.change_id.to_string())
    .bind(&head.change_id)
    .bind(seq)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Marks the field's open conflicts that the applied `change` was made after seeing (its base
/// is at or after them) as resolved by it.
pub async fn resolve_conflicts(
    conn: &mut AnyConnection,
    change: &Change,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE conflicts SET resolved_by = $1 \
         WHERE case_id = $2 AND entity = $3 AND entity_id = $4 AND field = $5 \
           AND resolved_by IS NULL AND seq <= $6",
    )
    .bind(change.change_id.to_string())
    .bind(change.case_id.to_string())
    .bind(change.entity.as_str())
    .bind(change.entity_id.to_string())
    .bind(&change.field)
    .bind(change.base)
    .execute(conn)
    .await?;
    Ok(())
}

/// The case a record belongs to, if it was ever written.
pub async fn record_case(
    conn: &mut AnyConnection,
    change: &Change,
) -> Result<Option<Uuid>, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT case_id FROM records WHERE entity = $1 AND entity_id = $2")
            .bind(change.entity.as_str())
            .bind(change.entity_id.to_string())
            .fetch_optional(conn)
            .await?;
    row.map(|(case_id,)| decode("case id", Uuid::parse_str(&case_id)))
        .transpose()
}

/// Binds a new record to the case of its first change.
pub async fn bind_record(
    conn: &mut AnyConnection,
    change: &Change,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO records (entity, entity_id, case_id, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (entity, entity_id) DO NOTHING",
    )
    .bind(change.entity.as_str())
    .bind(change.entity_id.to_string())
    .bind(change.case_id.to_string())
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}
