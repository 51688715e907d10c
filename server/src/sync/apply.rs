//! What the server does with one pushed change. Both pushes and the demo seed come through here,
//! so every stored change has passed the same checks.

use super::log::{self, ConflictAt, FieldKey, Head, Logged, OpenConflict, Outcome, StoredHead};
use crate::audit::{self, Action, Entry};
use crate::cases::{self, Owner, NO_ACCESS};
use crate::clock::now_ms;
use crate::users::User;
use chrono::NaiveDate;
use homeward_core::sync::{
    check_change, merge, Change, ChangeOutcome, ChangeResult, Entity, FieldHead, Merge, MergeKind,
};
use sqlx::AnyConnection;
use std::collections::{HashMap, HashSet};
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
    let mut results = apply_all(conn, user, device_id, std::slice::from_ref(change), today).await?;
    Ok(results.pop().expect("one result per change"))
}

/// Applies the changes of one push, in order, for `user`, pushed from `device_id`, inside the
/// caller's write transaction (which must hold the sync write lock: see `Db::begin_write`).
///
/// Everything the checks and the merge read is fetched first in a few set-based queries
/// ([`Known::load`]); each change is then decided in order against that state, which is updated
/// as it goes (so a change can depend on an earlier one of the same push: a record created then
/// edited, a field written twice, a change id repeated); and what was decided is written last in
/// multi-row statements ([`Writes::flush`]). The outcome is the same as applying the changes
/// one at a time, query by query; only the number of round trips differs.
pub async fn apply_all(
    conn: &mut AnyConnection,
    user: &User,
    device_id: Uuid,
    changes: &[Change],
    today: NaiveDate,
) -> Result<Vec<ChangeResult>, sqlx::Error> {
    let mut known = Known::load(conn, changes).await?;
    let mut writes = Writes::new(user, device_id);
    let results = changes
        .iter()
        .map(|change| decide(&mut known, &mut writes, user, change, today))
        .collect::<Result<Vec<_>, _>>()?;
    writes.flush(conn, &known.heads).await?;
    Ok(results)
}

/// What the decisions read, for the changes of one push: fetched before, kept up to date during.
struct Known {
    logged: HashMap<Uuid, Logged>,
    records: HashMap<(Entity, Uuid), Uuid>,
    /// The owner of each case the push names; `None` for a case that does not exist (yet).
    owners: HashMap<Uuid, Option<Owner>>,
    heads: HashMap<FieldKey, StoredHead>,
    /// The field's conflicts not resolved yet, oldest first.
    open_conflicts: HashMap<FieldKey, Vec<OpenConflict>>,
    /// The last seq handed out: the next appended change gets the one after.
    last_seq: i64,
}

impl Known {
    async fn load(conn: &mut AnyConnection, changes: &[Change]) -> Result<Known, sqlx::Error> {
        let change_ids: Vec<Uuid> = distinct(changes.iter().map(|c| c.change_id));
        // A record that is one per case is in the case of its id (see `decide`): nothing to read.
        let records: Vec<(Entity, Uuid)> = distinct(
            changes
                .iter()
                .filter(|c| !c.entity.one_per_case())
                .map(|c| (c.entity, c.entity_id)),
        );
        let case_ids: Vec<Uuid> = distinct(changes.iter().map(|c| c.case_id));
        let fields: Vec<(Uuid, Uuid)> = distinct(changes.iter().map(|c| (c.case_id, c.entity_id)));
        Ok(Known {
            logged: log::by_change_ids(conn, &change_ids).await?,
            records: log::record_cases(conn, &records).await?,
            owners: cases::owners(conn, &case_ids).await?,
            heads: log::heads(conn, &fields).await?,
            open_conflicts: log::open_conflicts(conn, &case_ids).await?,
            last_seq: log::last_seq(conn).await?,
        })
    }
}

fn distinct<T: Copy + Eq + std::hash::Hash>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut seen = HashSet::new();
    items.filter(|x| seen.insert(*x)).collect()
}

/// Decides one change against `known`, updates `known` with its effects, and queues its writes.
fn decide(
    known: &mut Known,
    writes: &mut Writes,
    user: &User,
    change: &Change,
    today: NaiveDate,
) -> Result<ChangeResult, sqlx::Error> {
    let what = format!("{}.{}", change.entity.as_str(), change.field);

    if change.user != user.username {
        writes.audit(
            change,
            Action::Refused,
            format!("{what}: change claims another author"),
        );
        return Ok(rejected(change, NOT_YOURS));
    }

    // A change seen before: the same answer as the first time, and nothing changes.
    if let Some(logged) = known.logged.get(&change.change_id) {
        if same_change(&logged.change, change) {
            let outcome = logged.outcome.reply(logged.seq);
            writes.audit(
                change,
                Action::Push,
                format!("{what}: repeat of change {}", change.change_id),
            );
            return Ok(ChangeResult {
                change_id: change.change_id,
                outcome,
            });
        }
        writes.audit(
            change,
            Action::Refused,
            format!("{what}: change id {} reused", change.change_id),
        );
        return Ok(rejected(change, REUSED_ID));
    }

    let kind = match check_change(change, today) {
        Ok(kind) => kind,
        Err(e) => {
            let reason = e.to_string();
            writes.audit(change, Action::Rejected, format!("{what}: {reason}"));
            return Ok(rejected(change, reason));
        }
    };

    // Only a team manager signs off, in their own name.
    if let Err(e) = homeward_core::signoff::may_write(change, user.role) {
        let reason = e.to_string();
        writes.audit(change, Action::Refused, format!("{what}: {reason}"));
        return Ok(rejected(change, reason));
    }

    // A record stays in the case it was first written under.
    let record = (change.entity, change.entity_id);
    let bound = known.records.get(&record).copied();
    if bound.is_some_and(|case_id| case_id != change.case_id) {
        writes.audit(
            change,
            Action::Refused,
            format!("{what}: record of another case"),
        );
        return Ok(rejected(change, OTHER_CASE));
    }

    let owner = known.owners.entry(change.case_id).or_insert(None);
    match owner {
        None => {
            writes.cases.push((change.case_id, now_ms()));
            *owner = Some(Owner {
                username: user.username.clone(),
                team: user.team.clone(),
            });
        }
        Some(owner) if owner.lets(user) => {}
        Some(_) => {
            writes.audit(
                change,
                Action::Refused,
                format!("{what}: no access to the case"),
            );
            return Ok(rejected(change, NO_ACCESS));
        }
    }

    let now = now_ms();
    // A record that is one per case has the case's id (check_change refused any other), so it
    // can never be written under another case and needs no row in `records`: for a new case,
    // that is one index entry fewer to write per record of this kind.
    if bound.is_none() && !change.entity.one_per_case() {
        writes
            .records
            .push((change.entity, change.entity_id, change.case_id, now));
        known.records.insert(record, change.case_id);
    }

    let key = FieldKey::of(change);
    let head = known.heads.get(&key).map(StoredHead::decode).transpose()?;
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
    known.last_seq += 1;
    let seq = known.last_seq;
    writes.changes.push((seq, change.clone(), outcome, now));
    match (decision, head) {
        (Merge::Apply, _) => {
            writes.set_head(&key);
            known.heads.insert(key.clone(), StoredHead::of(change, seq));
            if kind == MergeKind::Text {
                // The field's open conflicts that this change was made after seeing.
                if let Some(open) = known.open_conflicts.get_mut(&key) {
                    let (resolved, still_open): (Vec<_>, Vec<_>) =
                        open.drain(..).partition(|c| c.seq <= change.base);
                    *open = still_open;
                    writes.resolve(change.change_id, resolved);
                }
            }
        }
        (Merge::Conflict, Some(head)) => {
            let at = writes.record_conflict(change, head.change_id, seq, now);
            known
                .open_conflicts
                .entry(key)
                .or_default()
                .push(OpenConflict {
                    seq,
                    at: ConflictAt::Queued(at),
                });
        }
        (Merge::Conflict, None) | (Merge::Supersede, _) => {}
    }
    known.logged.insert(
        change.change_id,
        Logged {
            seq,
            outcome,
            change: change.clone(),
        },
    );
    writes.audit(
        change,
        Action::Push,
        format!("{what}: {} at {seq}", outcome.as_str()),
    );
    Ok(ChangeResult {
        change_id: change.change_id,
        outcome: outcome.reply(seq),
    })
}

/// What a push writes, queued while its changes are decided, written at the end.
struct Writes {
    username: String,
    device_id: Uuid,
    /// New cases, on the pushing user's caseload, with their creation time.
    cases: Vec<(Uuid, i64)>,
    records: Vec<(Entity, Uuid, Uuid, i64)>,
    /// Log rows: seq, change, outcome, time received.
    changes: Vec<(i64, Change, Outcome, i64)>,
    /// The fields whose head changed, in the order they first changed.
    heads: Vec<FieldKey>,
    heads_seen: HashSet<FieldKey>,
    conflicts: Vec<log::NewConflict>,
    /// Stored conflicts resolved by a change: the change and the conflicts' ids.
    resolved: Vec<(Uuid, Vec<i64>)>,
    audit: Vec<audit::NewRow>,
}

impl Writes {
    fn new(user: &User, device_id: Uuid) -> Writes {
        Writes {
            username: user.username.clone(),
            device_id,
            cases: Vec::new(),
            records: Vec::new(),
            changes: Vec::new(),
            heads: Vec::new(),
            heads_seen: HashSet::new(),
            conflicts: Vec::new(),
            resolved: Vec::new(),
            audit: Vec::new(),
        }
    }

    fn audit(&mut self, change: &Change, action: Action, detail: String) {
        self.audit.push(audit::NewRow::of(&Entry {
            username: &self.username,
            device_id: Some(self.device_id),
            action,
            case_id: Some(change.case_id),
            detail,
        }));
    }

    fn set_head(&mut self, key: &FieldKey) {
        if self.heads_seen.insert(key.clone()) {
            self.heads.push(key.clone());
        }
    }

    /// Queues a conflict row and returns where it is in the queue.
    fn record_conflict(
        &mut self,
        change: &Change,
        head_change_id: String,
        seq: i64,
        now: i64,
    ) -> usize {
        self.conflicts.push(log::NewConflict {
            case_id: change.case_id,
            entity: change.entity,
            entity_id: change.entity_id,
            field: change.field.clone(),
            change_id: change.change_id,
            head_change_id,
            seq,
            created_at: now,
            resolved_by: None,
        });
        self.conflicts.len() - 1
    }

    fn resolve(&mut self, by: Uuid, conflicts: Vec<OpenConflict>) {
        let mut stored = Vec::new();
        for c in conflicts {
            match c.at {
                ConflictAt::Stored(id) => stored.push(id),
                ConflictAt::Queued(i) => self.conflicts[i].resolved_by = Some(by),
            }
        }
        if !stored.is_empty() {
            self.resolved.push((by, stored));
        }
    }
}

impl Writes {
    async fn flush(
        self,
        conn: &mut AnyConnection,
        heads: &HashMap<FieldKey, StoredHead>,
    ) -> Result<(), sqlx::Error> {
        // In this order for the foreign keys: cases before the records and log rows naming them.
        cases::create_all(conn, &self.cases, &self.username).await?;
        log::bind_records(conn, &self.records).await?;
        log::append_all(conn, &self.changes).await?;
        let heads: Vec<(&FieldKey, &StoredHead)> =
            self.heads.iter().map(|key| (key, &heads[key])).collect();
        log::set_heads(conn, &heads).await?;
        log::record_conflicts(conn, &self.conflicts).await?;
        for (by, ids) in &self.resolved {
            log::resolve_stored_conflicts(conn, *by, ids).await?;
        }
        audit::record_all(conn, &self.audit).await
    }
}

fn field_head(head: &Head, change: &Change) -> FieldHead {
    FieldHead {
        hlc: head.hlc.clone(),
        version: head.version,
        same_value: head.value == change.value,
        same_device: head.username == change.user && head.device_id == change.device_id.to_string(),
    }
}
