//! Structured items of the steps: added with the next stable code, changed in place, deleted as
//! tombstones only when nothing points to them.
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::ids::policy_id;
use super::policies::corrupt;
use super::{Store, StoreError};
use crate::domain::Author;
use super::ids::step_id;
use crate::domain::structure::ItemRefusal;
use crate::domain::structure::{next_code, referrers, renumbered, snapshot, Item, ItemKind, DEFAULT_CRITERIA, DEFAULT_HORIZON};

#[derive(Debug, Clone, SurrealValue)]
struct ItemRow {
    policy: RecordId,
    step: i64,
    kind: String,
    code: String,
    parent: Option<String>,
    data: String,
    targets: String,
    created_by: String,
    updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, SurrealValue)]
struct ItemReadRow {
    id: String,
    kind: String,
    code: String,
    #[surreal(default)]
    parent: Option<String>,
    data: String,
    targets: String,
    #[surreal(default)]
    deleted_at: Option<DateTime<Utc>>,
}

impl ItemReadRow {
    fn into_item(self) -> Result<Item, StoreError> {
        Ok(Item {
            id: self.id,
            kind: ItemKind::from_key(&self.kind).ok_or_else(|| corrupt(&self.kind))?,
            code: self.code,
            parent: self.parent,
            values: serde_json::from_str(&self.data).map_err(corrupt)?,
            targets: serde_json::from_str(&self.targets).map_err(corrupt)?,
        })
    }
}

#[derive(Debug, Clone, SurrealValue)]
struct CodeStep {
    code: String,
    step: i64,
}

#[derive(Debug, Clone, SurrealValue)]
struct SettingsRow {
    #[surreal(default)]
    horizon_year: Option<i64>,
    #[surreal(default)]
    criteria: Option<Vec<String>>,
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(corrupt)
}


impl Store {
    /// Every item of a policy, or only the standing ones (`with_deleted` false).
    async fn item_rows(&self, code: &str, with_deleted: bool) -> Result<Vec<(Item, bool)>, StoreError> {
        let mut res = self
            .db
            .query("SELECT record::id(id) AS id, kind, code, parent, data, targets, deleted_at FROM item WHERE policy = $pid")
            .bind(("pid", policy_id(code)))
            .await?
            .check()?;
        let rows: Vec<ItemReadRow> = res.take(0)?;
        rows.into_iter()
            .filter(|r| with_deleted || r.deleted_at.is_none())
            .map(|r| {
                let deleted = r.deleted_at.is_some();
                r.into_item().map(|i| (i, deleted))
            })
            .collect()
    }

    /// The standing items of a policy.
    pub async fn items(&self, code: &str) -> Result<Vec<Item>, StoreError> {
        Ok(self.item_rows(code, false).await?.into_iter().map(|(i, _)| i).collect())
    }

    /// Adds an item (values already checked) with the next code under its parent.
    pub async fn add_item(
        &self,
        code: &str,
        kind: ItemKind,
        parent: Option<&str>,
        values: &BTreeMap<String, String>,
        targets: &BTreeMap<u16, String>,
        by: &Author,
    ) -> Result<Result<Item, ItemRefusal>, StoreError> {
        for attempt in 0..super::RETRIES {
            super::backoff(attempt).await;
            let all = self.item_rows(code, true).await?;
            let parent_code = match (kind.parent(), parent) {
                (None, _) => None,
                (Some(pk), Some(pid)) => match all.iter().find(|(i, deleted)| i.id == pid && i.kind == pk && !deleted) {
                    Some((p, _)) => Some(p.code.clone()),
                    None => return Ok(Err(ItemRefusal::NoParent)),
                },
                (Some(_), None) => return Ok(Err(ItemRefusal::NoParent)),
            };
            let used: Vec<String> = all.iter().map(|(i, _)| i.code.clone()).collect();
            let new_code = next_code(kind, parent_code.as_deref(), &used);
            let row = ItemRow {
                policy: policy_id(code),
                step: kind.step().into(),
                kind: kind.key().into(),
                code: new_code.clone(),
                parent: parent.filter(|_| kind.parent().is_some()).map(str::to_string),
                data: json(values)?,
                targets: json(targets)?,
                created_by: by.name(),
                updated_at: Utc::now(),
            };
            // Two people adding at once may compute the same code: the unique index takes one,
            // the other computes again.
            let mut res = self.db.query("CREATE item CONTENT $row RETURN VALUE record::id(id)").bind(("row", row)).await?;
            if res.take_errors().is_empty() {
                let id: Option<String> = res.take(0)?;
                let what = crate::i18n::t().audit_item_added(&new_code);
                self.audit(by, Some(code), "estructura", &what).await?;
                self.structure_revision(code, kind.step(), &what, by).await?;
                let item = Item {
                    id: id.ok_or_else(|| corrupt("ítem sin id"))?,
                    kind,
                    code: new_code,
                    parent: parent.map(str::to_string),
                    values: values.clone(),
                    targets: targets.clone(),
                };
                return Ok(Ok(item));
            }
        }
        Err(corrupt("no se pudo asignar un código"))
    }

    /// Replaces an item's values and targets (already checked); its code and parent stay.
    pub async fn update_item(
        &self,
        code: &str,
        id: &str,
        values: &BTreeMap<String, String>,
        targets: &BTreeMap<u16, String>,
        by: &Author,
    ) -> Result<bool, StoreError> {
        let mut res = self
            .db
            .query("UPDATE $iid SET data = $data, targets = $targets, updated_at = time::now() WHERE policy = $pid AND deleted_at = NONE RETURN code, step")
            .bind(("iid", RecordId::new("item", id)))
            .bind(("data", json(values)?))
            .bind(("targets", json(targets)?))
            .bind(("pid", policy_id(code)))
            .await?
            .check()?;
        let changed: Vec<CodeStep> = res.take(0)?;
        if let Some(c) = changed.first() {
            let what = crate::i18n::t().audit_item_changed(&c.code);
            self.audit(by, Some(code), "estructura", &what).await?;
            self.structure_revision(code, c.step as u8, &what, by).await?;
        }
        Ok(!changed.is_empty())
    }

    /// Deletes an item (as a tombstone that keeps its code taken), refused while others point to it.
    pub async fn delete_item(&self, code: &str, id: &str, by: &Author) -> Result<Result<(), ItemRefusal>, StoreError> {
        let items = self.items(code).await?;
        let Some(item) = items.iter().find(|i| i.id == id) else { return Ok(Ok(())) };
        let pointing = referrers(id, &items);
        if !pointing.is_empty() {
            return Ok(Err(ItemRefusal::Referenced(pointing)));
        }
        self.db.query("UPDATE $iid SET deleted_at = time::now()").bind(("iid", RecordId::new("item", id))).await?.check()?;
        let what = crate::i18n::t().audit_item_deleted(&item.code);
        self.audit(by, Some(code), "estructura", &what).await?;
        self.structure_revision(code, item.kind.step(), &what, by).await?;
        Ok(Ok(()))
    }

    /// Makes the codes consecutive again (an explicit action): tombstones give up their codes,
    /// standing items take the codes `renumbered` computes. Returns how many codes changed.
    pub async fn renumber(&self, code: &str, by: &Author) -> Result<usize, StoreError> {
        let items = self.items(code).await?;
        let changes = renumbered(&items);
        if changes.is_empty() {
            return Ok(0);
        }
        let ids: Vec<RecordId> = changes.iter().map(|(id, _)| RecordId::new("item", id.as_str())).collect();
        let finals: Vec<(RecordId, String)> = changes.iter().map(|(id, c)| (RecordId::new("item", id.as_str()), c.clone())).collect();
        // Two passes inside one transaction, so no code is ever held twice under the unique index.
        self.db
            .query(
                "BEGIN TRANSACTION;
                 UPDATE item SET code = 'borrado:' + record::id(id) WHERE policy = $pid AND deleted_at != NONE;
                 FOR $i IN $ids { UPDATE $i SET code = 'renumerando:' + record::id(id) };
                 FOR $f IN $finals { UPDATE $f[0] SET code = $f[1] };
                 COMMIT TRANSACTION;",
            )
            .bind(("pid", policy_id(code)))
            .bind(("ids", ids))
            .bind(("finals", finals))
            .await?
            .check()?;
        let what = crate::i18n::t().audit_renumbered(changes.len());
        self.audit(by, Some(code), "estructura", &what).await?;
        // Every step with items: links to other steps' items are written as codes in snapshots.
        let steps: std::collections::BTreeSet<u8> = items.iter().map(|i| i.kind.step()).collect();
        for step in steps {
            self.structure_revision(code, step, &what, by).await?;
        }
        Ok(changes.len())
    }

    /// A new revision of the step (same text) holding the snapshot of its items as they are now.
    async fn structure_revision(&self, code: &str, step: u8, summary: &str, by: &Author) -> Result<(), StoreError> {
        for attempt in 0..super::RETRIES {
            super::backoff(attempt).await;
            let snap = snapshot(step, &self.items(code).await?);
            let mut res = self
                .db
                .query(
                    "BEGIN TRANSACTION;
                     LET $s = (SELECT revision, body FROM ONLY $sid);
                     LET $n = $s.revision + 1;
                     CREATE type::record('revision', $code + '-' + <string>$step + '-' + <string>$n) CONTENT {
                         policy: $pid, step: $step, number: $n, body: $s.body, summary: $summary,
                         author: $author, author_name: $name, created_at: time::now(), structure: $structure
                     };
                     UPDATE $sid SET revision = $n, updated_at = time::now(), updated_by = $name;
                     COMMIT TRANSACTION;",
                )
                .bind(("sid", step_id(code, step)))
                .bind(("pid", policy_id(code)))
                .bind(("code", code.to_string()))
                .bind(("step", i64::from(step)))
                .bind(("summary", crate::i18n::t().structure_revision(summary)))
                .bind(("author", super::accounts::author_record(by)))
                .bind(("name", by.name()))
                .bind(("structure", json(&snap)?))
                .await?;
            // Two changes at once compute the same revision number: the unique id takes one.
            if res.take_errors().is_empty() {
                return Ok(());
            }
        }
        Err(corrupt("no se pudo registrar la revisión de la estructura"))
    }

    /// The structure a step had at a revision: the snapshot of the latest revision up to it that
    /// carries one (none: the step had no items then).
    pub async fn structure_at(&self, code: &str, step: u8, revision: u32) -> Result<Vec<Item>, StoreError> {
        let mut res = self
            .db
            .query("SELECT VALUE structure FROM revision WHERE policy = $pid AND step = $step AND number <= $n AND structure != NONE ORDER BY number DESC LIMIT 1")
            .bind(("pid", policy_id(code)))
            .bind(("step", i64::from(step)))
            .bind(("n", i64::from(revision)))
            .await?
            .check()?;
        let snap: Vec<String> = res.take(0)?;
        match snap.first() {
            Some(s) => serde_json::from_str(s).map_err(corrupt),
            None => Ok(Vec::new()),
        }
    }

    /// A policy's horizon year and the criteria its alternatives are scored on (defaults when unset).
    pub async fn structure_settings(&self, code: &str) -> Result<(u16, Vec<String>), StoreError> {
        let mut res = self
            .db
            .query("SELECT horizon_year, criteria FROM ONLY $pid")
            .bind(("pid", policy_id(code)))
            .await?
            .check()?;
        let row: Option<SettingsRow> = res.take(0)?;
        let horizon = row.as_ref().and_then(|r| r.horizon_year).and_then(|y| u16::try_from(y).ok()).unwrap_or(DEFAULT_HORIZON);
        let criteria = row
            .and_then(|r| r.criteria)
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| DEFAULT_CRITERIA.iter().map(|c| c.to_string()).collect());
        Ok((horizon, criteria))
    }

    pub async fn set_horizon(&self, code: &str, year: u16, by: &Author) -> Result<(), StoreError> {
        super::retrying(|| {
            self.db
                .query("UPDATE $pid SET horizon_year = $y")
                .bind(("y", i64::from(year)))
                .bind(("pid", policy_id(code)))
        })
        .await?;
        self.audit(by, Some(code), "estructura", &crate::i18n::t().audit_horizon(year)).await
    }

    pub async fn set_criteria(&self, code: &str, criteria: &[String], by: &Author) -> Result<(), StoreError> {
        super::retrying(|| {
            self.db
                .query("UPDATE $pid SET criteria = $c")
                .bind(("c", criteria.to_vec()))
                .bind(("pid", policy_id(code)))
        })
        .await?;
        self.audit(by, Some(code), "estructura", &crate::i18n::t().audit_criteria(&criteria.join(", "))).await
    }
}
