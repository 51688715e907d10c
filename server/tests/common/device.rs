//! A device as the PWA runs it, minus the browser: records built with core's `Record`, an outbox,
//! a pull cursor and a hybrid logical clock, synced against the real router and database. It
//! follows `src/store.rs` and `src/sync.rs` step by step, so a test can take devices offline,
//! edit, reconnect in any order and compare what each ends up holding.

use super::TestApp;
use axum::http::StatusCode;
use homeward_core::record::Record;
use homeward_core::sync::{Change, ChangeOutcome, Entity, PullResponse, PushRequest, PushResponse};
use homeward_core::Hlc;
use serde_json::Value;
use std::collections::BTreeMap;
use uuid::Uuid;

pub struct Device {
    pub user: String,
    pub id: Uuid,
    pub cookie: String,
    clock: Hlc,
    pub records: BTreeMap<(Entity, Uuid), Record>,
    pub outbox: Vec<Change>,
    pub refused: Vec<(Change, String)>,
    pub cursor: i64,
    /// The last case grant this device accounted for (see `PullResponse::resync`).
    pub grants: Option<i64>,
}

impl Device {
    /// Signs `user` in on a new device called `node`.
    pub async fn new(app: &TestApp, user: &str, node: &str) -> Device {
        Device {
            user: user.to_string(),
            id: super::device(node),
            cookie: app.sign_in(user).await,
            clock: Hlc::zero(node),
            records: BTreeMap::new(),
            outbox: Vec::new(),
            refused: Vec::new(),
            cursor: 0,
            grants: None,
        }
    }

    /// An edit made at `wall` ms on this device's clock, written to its record and outbox.
    pub fn edit_at(
        &mut self,
        wall: u64,
        case_id: Uuid,
        entity: Entity,
        entity_id: Uuid,
        field: &str,
        value: Value,
    ) -> Change {
        self.clock = self.clock.tick(wall);
        let record = self
            .records
            .entry((entity, entity_id))
            .or_insert_with(|| Record::new(entity, entity_id, case_id));
        let change = Change {
            change_id: Uuid::now_v7(),
            device_id: self.id,
            user: self.user.clone(),
            case_id,
            entity,
            entity_id,
            field: field.to_string(),
            value,
            hlc: self.clock.clone(),
            base: record.base(field),
        };
        record.apply_local(&change);
        self.outbox.push(change.clone());
        change
    }

    /// An edit of a case's own record.
    pub fn edit_case(&mut self, wall: u64, case_id: Uuid, field: &str, value: Value) -> Change {
        self.edit_at(wall, case_id, Entity::Case, case_id, field, value)
    }

    /// Picks or writes the text of a field in conflict: a change on the conflict's version.
    pub fn resolve(&mut self, wall: u64, case_id: Uuid, field: &str, value: Value) -> Change {
        self.clock = self.clock.tick(wall);
        let record = self
            .records
            .get_mut(&(Entity::Case, case_id))
            .expect("the case is on this device");
        let change = Change {
            change_id: Uuid::now_v7(),
            device_id: self.id,
            user: self.user.clone(),
            case_id,
            entity: Entity::Case,
            entity_id: case_id,
            field: field.to_string(),
            value,
            hlc: self.clock.clone(),
            base: record.resolution_base(field),
        };
        record.apply_local(&change);
        self.outbox.push(change.clone());
        change
    }

    pub fn case(&self, case_id: Uuid) -> &Record {
        &self.records[&(Entity::Case, case_id)]
    }

    /// Sends the outbox and returns the server's answer without taking it (the reply is lost).
    pub async fn push_only(&self, app: &TestApp) -> PushResponse {
        let body = PushRequest {
            device_id: self.id,
            changes: self.outbox.clone(),
        };
        let res = app
            .post_json("/api/sync/push", &body, Some(&self.cookie))
            .await;
        assert_eq!(res.status, StatusCode::OK, "push failed: {}", res.text());
        res.json()
    }

    /// Push everything waiting, take the answers, then pull everything new.
    pub async fn sync(&mut self, app: &TestApp) {
        if !self.outbox.is_empty() {
            let reply = self.push_only(app).await;
            self.settle(&reply);
        }
        self.pull(app).await;
    }

    pub fn settle(&mut self, reply: &PushResponse) {
        for result in &reply.results {
            let Some(i) = self
                .outbox
                .iter()
                .position(|c| c.change_id == result.change_id)
            else {
                continue;
            };
            let change = self.outbox.remove(i);
            match &result.outcome {
                ChangeOutcome::Applied { version } => {
                    if let Some(r) = self.records.get_mut(&(change.entity, change.entity_id)) {
                        r.acknowledge(&change.field, &change.hlc, *version);
                    }
                }
                ChangeOutcome::Superseded { .. } | ChangeOutcome::Conflict { .. } => {}
                ChangeOutcome::Rejected { reason } => self.refused.push((change, reason.clone())),
            }
        }
    }

    async fn get_page(&self, app: &TestApp, query: &str) -> PullResponse {
        let res = app
            .get(
                &format!("/api/sync/pull?device_id={}&{query}", self.id),
                Some(&self.cookie),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "pull failed: {}", res.text());
        res.json()
    }

    fn take(&mut self, page: &PullResponse) {
        if let Some(latest) = page.changes.iter().map(|p| &p.change.hlc).max() {
            self.clock = self.clock.receive(latest, self.clock.wall_ms);
        }
        for p in &page.changes {
            let c = &p.change;
            self.records
                .entry((c.entity, c.entity_id))
                .or_insert_with(|| Record::new(c.entity, c.entity_id, c.case_id))
                .apply_pulled(p.seq, p.conflict, c);
        }
    }

    /// Pulls what is new, then fetches whole any case newly on this user's caseload, as
    /// `src/sync.rs` does.
    pub async fn pull(&mut self, app: &TestApp) {
        let grants = match (self.grants, self.cursor) {
            (None, 0) => String::new(),
            (g, _) => format!("&grants={}", g.unwrap_or(0)),
        };
        let mut resync = Vec::new();
        let mut grants_cursor;
        loop {
            let page = self
                .get_page(app, &format!("since={}{grants}", self.cursor))
                .await;
            self.take(&page);
            self.cursor = page.cursor;
            grants_cursor = page.grants_cursor;
            resync.extend(page.resync.iter().copied());
            if !page.more {
                break;
            }
        }
        resync.sort();
        resync.dedup();
        for case in resync {
            let mut since = 0;
            loop {
                let page = self
                    .get_page(app, &format!("case={case}&since={since}"))
                    .await;
                self.take(&page);
                since = page.cursor;
                if !page.more {
                    break;
                }
            }
        }
        self.grants = Some(grants_cursor);
    }

    /// What a person sees: every field's value and every alternative's value, per record,
    /// without versions and clocks (which differ between devices by design).
    pub fn visible(&self) -> BTreeMap<String, (BTreeMap<String, Value>, Vec<Value>)> {
        self.records
            .values()
            .map(|r| {
                let fields = r
                    .fields
                    .iter()
                    .map(|(k, v)| (k.clone(), v.value.clone()))
                    .collect();
                let mut alts: Vec<Value> = r.alternatives.iter().map(|a| a.value.clone()).collect();
                alts.sort_by_key(|v| v.to_string());
                (Record::key(r.entity, r.entity_id), (fields, alts))
            })
            .collect()
    }
}
