//! The change log and the field heads, as stored.

use crate::db::{insert_rows, is_postgres, Db, Marks, MAX_PARAMS};
use crate::users::User;
use homeward_core::sync::{Change, ChangeOutcome, Entity, PulledChange};
use homeward_core::Hlc;
use sqlx::AnyConnection;
use std::collections::{HashMap, HashSet};
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

/// The logged changes among `change_ids`, by id.
pub async fn by_change_ids(
    conn: &mut AnyConnection,
    change_ids: &[Uuid],
) -> Result<HashMap<Uuid, Logged>, sqlx::Error> {
    let marks = Marks::of(conn);
    let mut logged = HashMap::new();
    for chunk in change_ids.chunks(MAX_PARAMS) {
        let sql = format!(
            "SELECT {COLUMNS} FROM changes c WHERE c.change_id IN ({})",
            marks.params(1, chunk.len())
        );
        let mut query = sqlx::query_as(&sql);
        for id in chunk {
            query = query.bind(id.to_string());
        }
        let rows: Vec<Row> = query.fetch_all(&mut *conn).await?;
        for row in rows {
            let l = from_row(row)?;
            logged.insert(l.change.change_id, l);
        }
    }
    Ok(logged)
}

/// The last seq handed out (the write lock must be held: the caller appends after it).
pub async fn last_seq(conn: &mut AnyConnection) -> Result<i64, sqlx::Error> {
    let (last,): (Option<i64>,) = if is_postgres(conn) {
        // A rolled-back push may have taken numbers from the identity's sequence: start after them.
        sqlx::query_as(
            "SELECT GREATEST((SELECT MAX(seq) FROM changes), \
             (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END \
              FROM changes_seq_seq))",
        )
        .fetch_one(&mut *conn)
        .await?
    } else {
        // AUTOINCREMENT: never below a number once given out.
        sqlx::query_as(
            "SELECT MAX(n) FROM (SELECT MAX(seq) AS n FROM changes \
             UNION ALL SELECT seq AS n FROM sqlite_sequence WHERE name = 'changes') AS s",
        )
        .fetch_one(&mut *conn)
        .await?
    };
    Ok(last.unwrap_or(0))
}

/// Appends changes to the log with the seqs given them (after [`last_seq`], in order).
pub async fn append_all(
    conn: &mut AnyConnection,
    rows: &[(i64, Change, Outcome, i64)],
) -> Result<(), sqlx::Error> {
    let Some(&(last, ..)) = rows.last() else {
        return Ok(());
    };
    let postgres = is_postgres(conn);
    insert_rows(
        conn,
        &format!(
            "INSERT INTO changes (seq, change_id, device_id, username, case_id, entity, entity_id, \
             field, value, hlc, base, outcome, received_at){}",
            if postgres {
                " OVERRIDING SYSTEM VALUE"
            } else {
                ""
            }
        ),
        "",
        13,
        rows,
        |q, (seq, change, outcome, now)| {
            q.bind(*seq)
                .bind(change.change_id.to_string())
                .bind(change.device_id.to_string())
                .bind(change.user.clone())
                .bind(change.case_id.to_string())
                .bind(change.entity.as_str())
                .bind(change.entity_id.to_string())
                .bind(change.field.clone())
                .bind(change.value.to_string())
                .bind(change.hlc.to_string())
                .bind(change.base)
                .bind(outcome.as_str())
                .bind(*now)
        },
    )
    .await?;
    if postgres {
        // Seqs were given explicitly: the identity's sequence goes on after them.
        sqlx::query("SELECT setval(pg_get_serial_sequence('changes', 'seq'), $1)")
            .bind(last)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// A field of a record of a case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FieldKey {
    pub case_id: Uuid,
    pub entity: Entity,
    pub entity_id: Uuid,
    pub field: String,
}

impl FieldKey {
    pub fn of(change: &Change) -> FieldKey {
        FieldKey {
            case_id: change.case_id,
            entity: change.entity,
            entity_id: change.entity_id,
            field: change.field.clone(),
        }
    }

    fn parse(case_id: &str, entity: &str, entity_id: &str, field: String) -> Option<FieldKey> {
        Some(FieldKey {
            case_id: Uuid::parse_str(case_id).ok()?,
            entity: Entity::parse(entity)?,
            entity_id: Uuid::parse_str(entity_id).ok()?,
            field,
        })
    }
}

/// A field head as stored (value and clock decoded only when used, as [`head`] does).
#[derive(Debug, Clone)]
pub struct StoredHead {
    pub value: String,
    pub hlc: String,
    pub version: i64,
    pub change_id: String,
    pub username: String,
    pub device_id: String,
}

impl StoredHead {
    /// The head `change`, logged at `seq`, sets.
    pub fn of(change: &Change, seq: i64) -> StoredHead {
        StoredHead {
            value: change.value.to_string(),
            hlc: change.hlc.to_string(),
            version: seq,
            change_id: change.change_id.to_string(),
            username: change.user.clone(),
            device_id: change.device_id.to_string(),
        }
    }

    pub fn decode(&self) -> Result<Head, sqlx::Error> {
        Ok(Head {
            value: decode("value", serde_json::from_str(&self.value))?,
            hlc: decode("clock", self.hlc.parse::<Hlc>())?,
            version: self.version,
            change_id: self.change_id.clone(),
            username: self.username.clone(),
            device_id: self.device_id.clone(),
        })
    }
}

/// Pairs of ids per query in [`heads`]: each binds the chunk's case ids and record ids.
const HEAD_CHUNK: usize = MAX_PARAMS / 2;

/// The heads of every field of the records `(case_id, entity_id)`.
pub async fn heads(
    conn: &mut AnyConnection,
    records: &[(Uuid, Uuid)],
) -> Result<HashMap<FieldKey, StoredHead>, sqlx::Error> {
    let marks = Marks::of(conn);
    let mut heads = HashMap::new();
    for chunk in records.chunks(HEAD_CHUNK) {
        let wanted: HashSet<(Uuid, Uuid)> = chunk.iter().copied().collect();
        let case_ids: Vec<String> = distinct_strings(chunk.iter().map(|r| r.0));
        let entity_ids: Vec<String> = distinct_strings(chunk.iter().map(|r| r.1));
        let sql = format!(
            "SELECT h.case_id, h.entity, h.entity_id, h.field, h.value, h.hlc, h.version, \
             h.change_id, c.username, c.device_id \
             FROM field_heads h JOIN changes c ON c.change_id = h.change_id \
             WHERE h.case_id IN ({}) AND h.entity_id IN ({})",
            marks.params(1, case_ids.len()),
            marks.params(1 + case_ids.len(), entity_ids.len())
        );
        let mut query = sqlx::query_as(&sql);
        for id in case_ids.into_iter().chain(entity_ids) {
            query = query.bind(id);
        }
        type HeadRow = (
            String,
            String,
            String,
            String,
            String,
            String,
            i64,
            String,
            String,
            String,
        );
        let rows: Vec<HeadRow> = query.fetch_all(&mut *conn).await?;
        for (case_id, entity, entity_id, field, value, hlc, version, change_id, user, device) in
            rows
        {
            let Some(key) = FieldKey::parse(&case_id, &entity, &entity_id, field) else {
                continue;
            };
            if wanted.contains(&(key.case_id, key.entity_id)) {
                heads.insert(
                    key,
                    StoredHead {
                        value,
                        hlc,
                        version,
                        change_id,
                        username: user,
                        device_id: device,
                    },
                );
            }
        }
    }
    Ok(heads)
}

fn distinct_strings(ids: impl Iterator<Item = Uuid>) -> Vec<String> {
    let mut seen = HashSet::new();
    ids.filter(|id| seen.insert(*id))
        .map(|id| id.to_string())
        .collect()
}

/// Makes each of `heads` its field's current value.
pub async fn set_heads(
    conn: &mut AnyConnection,
    heads: &[(&FieldKey, &StoredHead)],
) -> Result<(), sqlx::Error> {
    insert_rows(
        conn,
        "INSERT INTO field_heads (case_id, entity, entity_id, field, value, hlc, version, change_id)",
        "ON CONFLICT (case_id, entity, entity_id, field) DO UPDATE SET \
         value = excluded.value, hlc = excluded.hlc, version = excluded.version, \
         change_id = excluded.change_id",
        8,
        heads,
        |q, (key, head)| {
            q.bind(key.case_id.to_string())
                .bind(key.entity.as_str())
                .bind(key.entity_id.to_string())
                .bind(key.field.clone())
                .bind(head.value.clone())
                .bind(head.hlc.clone())
                .bind(head.version)
                .bind(head.change_id.clone())
        },
    )
    .await
}

/// Where an open conflict is: stored (by id), or queued to be written by this push.
#[derive(Debug, Clone, Copy)]
pub enum ConflictAt {
    Stored(i64),
    Queued(usize),
}

/// A conflict not resolved yet, and the seq of its change.
#[derive(Debug, Clone, Copy)]
pub struct OpenConflict {
    pub seq: i64,
    pub at: ConflictAt,
}

/// The open conflicts of the fields of `case_ids`, oldest first.
pub async fn open_conflicts(
    conn: &mut AnyConnection,
    case_ids: &[Uuid],
) -> Result<HashMap<FieldKey, Vec<OpenConflict>>, sqlx::Error> {
    let marks = Marks::of(conn);
    let mut open: HashMap<FieldKey, Vec<OpenConflict>> = HashMap::new();
    for chunk in case_ids.chunks(MAX_PARAMS) {
        let sql = format!(
            "SELECT id, case_id, entity, entity_id, field, seq FROM conflicts \
             WHERE resolved_by IS NULL AND case_id IN ({}) ORDER BY id",
            marks.params(1, chunk.len())
        );
        let mut query = sqlx::query_as(&sql);
        for id in chunk {
            query = query.bind(id.to_string());
        }
        let rows: Vec<(i64, String, String, String, String, i64)> =
            query.fetch_all(&mut *conn).await?;
        for (id, case_id, entity, entity_id, field, seq) in rows {
            if let Some(key) = FieldKey::parse(&case_id, &entity, &entity_id, field) {
                open.entry(key).or_default().push(OpenConflict {
                    seq,
                    at: ConflictAt::Stored(id),
                });
            }
        }
    }
    Ok(open)
}

/// A concurrent text edit to record next to the value it conflicts with.
#[derive(Debug, Clone)]
pub struct NewConflict {
    pub case_id: Uuid,
    pub entity: Entity,
    pub entity_id: Uuid,
    pub field: String,
    pub change_id: Uuid,
    pub head_change_id: String,
    pub seq: i64,
    pub created_at: i64,
    /// Set when a later change of the same push resolved it.
    pub resolved_by: Option<Uuid>,
}

/// Records conflicts, in order.
pub async fn record_conflicts(
    conn: &mut AnyConnection,
    conflicts: &[NewConflict],
) -> Result<(), sqlx::Error> {
    insert_rows(
        conn,
        "INSERT INTO conflicts (case_id, entity, entity_id, field, change_id, head_change_id, \
         seq, created_at, resolved_by)",
        "",
        9,
        conflicts,
        |q, c| {
            q.bind(c.case_id.to_string())
                .bind(c.entity.as_str())
                .bind(c.entity_id.to_string())
                .bind(c.field.clone())
                .bind(c.change_id.to_string())
                .bind(c.head_change_id.clone())
                .bind(c.seq)
                .bind(c.created_at)
                .bind(c.resolved_by.map(|id| id.to_string()))
        },
    )
    .await
}

/// Marks stored conflicts as resolved by change `by`.
pub async fn resolve_stored_conflicts(
    conn: &mut AnyConnection,
    by: Uuid,
    ids: &[i64],
) -> Result<(), sqlx::Error> {
    let marks = Marks::of(conn);
    for chunk in ids.chunks(MAX_PARAMS - 1) {
        let sql = format!(
            "UPDATE conflicts SET resolved_by = {} WHERE resolved_by IS NULL AND id IN ({})",
            marks.params(1, 1),
            marks.params(2, chunk.len())
        );
        let mut query = sqlx::query(&sql).bind(by.to_string());
        for id in chunk {
            query = query.bind(*id);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// The cases the records among `records` belong to.
pub async fn record_cases(
    conn: &mut AnyConnection,
    records: &[(Entity, Uuid)],
) -> Result<HashMap<(Entity, Uuid), Uuid>, sqlx::Error> {
    let mut by_entity: Vec<(Entity, Vec<Uuid>)> = Vec::new();
    for &(entity, id) in records {
        match by_entity.iter_mut().find(|(e, _)| *e == entity) {
            Some((_, ids)) => ids.push(id),
            None => by_entity.push((entity, vec![id])),
        }
    }
    let marks = Marks::of(conn);
    let mut cases = HashMap::with_capacity(records.len());
    for (entity, ids) in by_entity {
        for chunk in ids.chunks(MAX_PARAMS - 1) {
            let sql = format!(
                "SELECT entity_id, case_id FROM records WHERE entity = {} AND entity_id IN ({})",
                marks.params(1, 1),
                marks.params(2, chunk.len())
            );
            let mut query = sqlx::query_as(&sql).bind(entity.as_str());
            for id in chunk {
                query = query.bind(id.to_string());
            }
            let rows: Vec<(String, String)> = query.fetch_all(&mut *conn).await?;
            for (entity_id, case_id) in rows {
                let Ok(entity_id) = Uuid::parse_str(&entity_id) else {
                    continue;
                };
                let case_id = decode("case id", Uuid::parse_str(&case_id))?;
                cases.insert((entity, entity_id), case_id);
            }
        }
    }
    Ok(cases)
}

/// Binds new records (entity, id, case, time) to the case of their first change.
pub async fn bind_records(
    conn: &mut AnyConnection,
    records: &[(Entity, Uuid, Uuid, i64)],
) -> Result<(), sqlx::Error> {
    insert_rows(
        conn,
        "INSERT INTO records (entity, entity_id, case_id, created_at)",
        "ON CONFLICT (entity, entity_id) DO NOTHING",
        4,
        records,
        |q, (entity, entity_id, case_id, at)| {
            q.bind(entity.as_str())
                .bind(entity_id.to_string())
                .bind(case_id.to_string())
                .bind(*at)
        },
    )
    .await
}
