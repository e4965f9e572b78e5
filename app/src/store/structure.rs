//! Structured items of the steps: added with the next stable code, changed in place, deleted as
//! tombstones only when nothing points to them.
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::policies::{corrupt, policy_id};
use super::{Author, Store, StoreError};
use crate::domain::structure::{next_code, referrers, Item, ItemKind};

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

fn json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(corrupt)
}


/// Why an item could not be deleted or added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemRefusal {
    /// Items still point to it (their codes).
    Referenced(Vec<String>),
    /// Its parent is not there (or is of another kind).
    NoParent,
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
                self.audit(by, Some(code), "estructura", &format!("Agrega {new_code}")).await?;
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
            .query("UPDATE $iid SET data = $data, targets = $targets, updated_at = time::now() WHERE policy = $pid AND deleted_at = NONE RETURN VALUE code")
            .bind(("iid", RecordId::new("item", id)))
            .bind(("data", json(values)?))
            .bind(("targets", json(targets)?))
            .bind(("pid", policy_id(code)))
            .await?
            .check()?;
        let codes: Vec<String> = res.take(0)?;
        if let Some(c) = codes.first() {
            self.audit(by, Some(code), "estructura", &format!("Modifica {c}")).await?;
        }
        Ok(!codes.is_empty())
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
        self.audit(by, Some(code), "estructura", &format!("Elimina {}", item.code)).await?;
        Ok(Ok(()))
    }
}
