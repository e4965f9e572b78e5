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
use crate::domain::structure::{next_code, referrers, renumbered, snapshot, CodeScheme, Item, ItemKind, StructureSettings};

#[derive(Debug, Clone, SurrealValue)]
struct ItemRow {
    policy: RecordId,
    step: i64,
    kind: String,
    code: String,
    parent: Option<String>,
    data: String,
    targets: String,
    observed: String,
    code_key: String,
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
    observed: Option<String>,
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
            observed: serde_json::from_str(self.observed.as_deref().unwrap_or("{}")).map_err(corrupt)?,
        }
        .upgraded())
    }
}

#[derive(Debug, Clone, SurrealValue)]
struct CodeStep {
    code: String,
    step: i64,
}

#[derive(Debug, Clone, SurrealValue)]
struct SnapshotRow {
    step: i64,
    structure: String,
}

#[derive(Debug, Clone, SurrealValue)]
struct SettingsRow {
    #[surreal(default)]
    horizon_year: Option<i64>,
    #[surreal(default)]
    criteria: Option<Vec<String>>,
    #[surreal(default)]
    code_scheme: Option<String>,
    #[surreal(default)]
    standard_attributes: Option<Vec<String>>,
}

/// An item to add, or the new values of one (its kind and parent are then ignored).
#[derive(Debug, Clone, Copy)]
pub struct NewItem<'a> {
    pub kind: ItemKind,
    pub parent: Option<&'a str>,
    pub values: &'a BTreeMap<String, String>,
    pub targets: &'a BTreeMap<u16, String>,
    pub observed: &'a BTreeMap<u16, String>,
    /// The code typed by the team, under the policy's own scheme.
    pub typed_code: Option<&'a str>,
}

/// The key that keeps an item's code (or, for a kind a policy has one of, its place) unique.
fn key_of(kind: ItemKind, code: &str) -> String {
    if kind.single() {
        format!("unico:{}", kind.key())
    } else {
        crate::domain::structure::code_key(code)
    }
}

/// No yearly values.
static NO_YEARS: BTreeMap<u16, String> = BTreeMap::new();

impl<'a> NewItem<'a> {
    /// An item of `kind` under `parent` with these values, no yearly values and no typed code.
    pub fn new(kind: ItemKind, parent: Option<&'a str>, values: &'a BTreeMap<String, String>) -> Self {
        NewItem { kind, parent, values, targets: &NO_YEARS, observed: &NO_YEARS, typed_code: None }
    }

    pub fn targets(self, targets: &'a BTreeMap<u16, String>) -> Self {
        NewItem { targets, ..self }
    }
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(corrupt)
}


impl Store {
    /// Every item of a policy, or only the standing ones (`with_deleted` false).
    async fn item_rows(&self, code: &str, with_deleted: bool) -> Result<Vec<(Item, bool)>, StoreError> {
        let mut res = self
            .db
            .query("SELECT record::id(id) AS id, kind, code, parent, data, targets, observed, deleted_at FROM item WHERE policy = $pid")
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

    /// Adds an item (values and yearly values already checked) with the next code under its
    /// parent in the policy's scheme, or with `typed_code` under the policy's own scheme.
    pub async fn add_item(&self, code: &str, new: NewItem<'_>, by: &Author) -> Result<Result<Item, ItemRefusal>, StoreError> {
        let NewItem { kind, parent, values, targets, observed, typed_code } = new;
        let scheme = self.structure_settings(code).await?.scheme;
        for attempt in 0..super::RETRIES {
            super::backoff(attempt).await;
            let all = self.item_rows(code, true).await?;
            if kind.single() && all.iter().any(|(i, deleted)| i.kind == kind && !deleted) {
                return Ok(Err(ItemRefusal::OnlyOne));
            }
            if all.iter().filter(|(_, deleted)| !deleted).count() >= crate::domain::structure::MAX_ITEMS {
                return Ok(Err(ItemRefusal::TooMany));
            }
            let parent_code = match (kind.parents(), parent) {
                ([], _) => None,
                (kinds, Some(pid)) => match all.iter().find(|(i, deleted)| i.id == pid && kinds.contains(&i.kind) && !deleted) {
                    Some((p, _)) => Some(p.code.clone()),
                    None => return Ok(Err(ItemRefusal::NoParent)),
                },
                (_, None) => return Ok(Err(ItemRefusal::NoParent)),
            };
            let used: Vec<String> = all.iter().map(|(i, _)| i.code.clone()).collect();
            let new_code = match (next_code(kind, parent_code.as_deref(), &used, scheme), typed_code) {
                (Some(c), _) => c,
                (None, Some(typed)) => typed.to_string(),
                (None, None) => return Ok(Err(ItemRefusal::CodeTaken(String::new()))),
            };
            let row = ItemRow {
                policy: policy_id(code),
                step: kind.step().into(),
                kind: kind.key().into(),
                code: new_code.clone(),
                parent: parent.filter(|_| !kind.parents().is_empty()).map(str::to_string),
                data: json(values)?,
                targets: json(targets)?,
                observed: json(observed)?,
                code_key: key_of(kind, &new_code),
                created_by: by.name(),
                updated_at: Utc::now(),
            };
            // Two people adding at once may compute the same code: the unique index takes one,
            // the other computes again (a typed code that is taken is refused).
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
                    observed: observed.clone(),
                };
                return Ok(Ok(item));
            }
            if typed_code.is_some() {
                return Ok(Err(ItemRefusal::CodeTaken(new_code)));
            }
        }
        Err(corrupt("no se pudo asignar un código"))
    }

    /// Replaces an item's values and yearly values (already checked), and its code when the
    /// policy keeps its own (`typed_code`); its parent stays. `Ok(None)`: the item is gone.
    pub async fn update_item(&self, code: &str, id: &str, change: NewItem<'_>, by: &Author) -> Result<Result<Option<String>, ItemRefusal>, StoreError> {
        let NewItem { values, targets, observed, typed_code, .. } = change;
        let mut res = self
            .db
            .query(
                "UPDATE $iid SET data = $data, targets = $targets, observed = $observed, code = $code ?? code, \
                 code_key = IF $key = NONE OR string::starts_with(code_key, 'unico:') THEN code_key ELSE $key END, updated_at = time::now() \
                 WHERE policy = $pid AND deleted_at = NONE RETURN code, step",
            )
            .bind(("iid", RecordId::new("item", id)))
            .bind(("data", json(values)?))
            .bind(("targets", json(targets)?))
            .bind(("observed", json(observed)?))
            .bind(("code", typed_code.map(str::to_string)))
            .bind(("key", typed_code.map(crate::domain::structure::code_key)))
            .bind(("pid", policy_id(code)))
            .await?;
        if !res.take_errors().is_empty() {
            // Only the unique index on codes refuses this update.
            return Ok(Err(ItemRefusal::CodeTaken(typed_code.unwrap_or_default().to_string())));
        }
        let changed: Vec<CodeStep> = res.take(0)?;
        if let Some(c) = changed.first() {
            let what = crate::i18n::t().audit_item_changed(&c.code);
            self.audit(by, Some(code), "estructura", &what).await?;
            self.structure_revision(code, c.step as u8, &what, by).await?;
        }
        Ok(Ok(changed.first().map(|c| c.code.clone())))
    }

    /// Deletes an item (as a tombstone that keeps its code taken), refused while others point to it.
    pub async fn delete_item(&self, code: &str, id: &str, by: &Author) -> Result<Result<(), ItemRefusal>, StoreError> {
        let items = self.items(code).await?;
        let Some(item) = items.iter().find(|i| i.id == id) else { return Ok(Ok(())) };
        let pointing = referrers(id, &items);
        if !pointing.is_empty() {
            return Ok(Err(ItemRefusal::Referenced(pointing)));
        }
        // A kind a policy has one of frees its place; any other tombstone keeps its code taken.
        self.db
            .query("UPDATE $iid SET deleted_at = time::now(), code_key = IF string::starts_with(code_key, 'unico:') THEN 'borrado:' + record::id(id) ELSE code_key END")
            .bind(("iid", RecordId::new("item", id)))
            .await?
            .check()?;
        let what = crate::i18n::t().audit_item_deleted(&item.code);
        self.audit(by, Some(code), "estructura", &what).await?;
        self.structure_revision(code, item.kind.step(), &what, by).await?;
        Ok(Ok(()))
    }

    /// Makes the codes consecutive again (an explicit action): tombstones give up their codes,
    /// standing items take the codes `renumbered` computes. Returns how many codes changed.
    pub async fn renumber(&self, code: &str, by: &Author) -> Result<usize, StoreError> {
        let items = self.items(code).await?;
        let changes = renumbered(&items, self.structure_settings(code).await?.scheme);
        if changes.is_empty() {
            return Ok(0);
        }
        let ids: Vec<RecordId> = changes.iter().map(|(id, _)| RecordId::new("item", id.as_str())).collect();
        let finals: Vec<(RecordId, String, String)> = changes.iter().map(|(id, c)| (RecordId::new("item", id.as_str()), c.clone(), crate::domain::structure::code_key(c))).collect();
        // Two passes inside one transaction, so no code is ever held twice under the unique index.
        self.db
            .query(
                "BEGIN TRANSACTION;
                 UPDATE item SET code = 'borrado:' + record::id(id), code_key = 'borrado:' + record::id(id) WHERE policy = $pid AND deleted_at != NONE;
                 FOR $i IN $ids { UPDATE $i SET code = 'renumerando:' + record::id(id), code_key = IF string::starts_with(code_key, 'unico:') THEN code_key ELSE 'renumerando:' + record::id(id) END };
                 FOR $f IN $finals { UPDATE $f[0] SET code = $f[1], code_key = IF string::starts_with(code_key, 'unico:') THEN code_key ELSE $f[2] END };
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
            Some(s) => Ok(serde_json::from_str::<Vec<Item>>(s).map_err(corrupt)?.into_iter().map(Item::upgraded).collect()),
            None => Ok(Vec::new()),
        }
    }

    /// Every step's items as they stood at `at`: each step's latest snapshot saved by then.
    pub async fn structure_as_of(&self, code: &str, at: DateTime<Utc>) -> Result<Vec<Item>, StoreError> {
        let mut res = self
            .db
            .query(
                "SELECT step, structure, number FROM revision WHERE policy = $pid AND created_at <= $at AND structure != NONE ORDER BY step, number DESC",
            )
            .bind(("pid", policy_id(code)))
            .bind(("at", at))
            .await?
            .check()?;
        let rows: Vec<SnapshotRow> = res.take(0)?;
        let mut out = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for r in rows {
            if seen.insert(r.step) {
                out.extend(serde_json::from_str::<Vec<Item>>(&r.structure).map_err(corrupt)?.into_iter().map(Item::upgraded));
            }
        }
        Ok(out)
    }

    /// A policy's horizon, scoring criteria, code scheme and standard attributes (defaults when
    /// unset).
    pub async fn structure_settings(&self, code: &str) -> Result<StructureSettings, StoreError> {
        let mut res = self
            .db
            .query("SELECT horizon_year, criteria, code_scheme, standard_attributes FROM ONLY $pid")
            .bind(("pid", policy_id(code)))
            .await?
            .check()?;
        let row: Option<SettingsRow> = res.take(0)?;
        let mut settings = StructureSettings::default();
        if let Some(r) = row {
            if let Some(y) = r.horizon_year.and_then(|y| u16::try_from(y).ok()) {
                settings.horizon = y;
            }
            settings.criteria = r.criteria.filter(|c| !c.is_empty()).unwrap_or(settings.criteria);
            settings.scheme = r.code_scheme.as_deref().and_then(CodeScheme::from_key).unwrap_or_default();
            settings.attributes = r.standard_attributes.filter(|c| !c.is_empty()).unwrap_or(settings.attributes);
        }
        Ok(settings)
    }

    pub async fn set_scheme(&self, code: &str, scheme: CodeScheme, by: &Author) -> Result<(), StoreError> {
        super::retrying(|| self.db.query("UPDATE $pid SET code_scheme = $s").bind(("s", scheme.key())).bind(("pid", policy_id(code)))).await?;
        self.audit(by, Some(code), "estructura", &crate::i18n::t().audit_scheme(scheme)).await
    }

    pub async fn set_attributes(&self, code: &str, attributes: &[String], by: &Author) -> Result<(), StoreError> {
        super::retrying(|| self.db.query("UPDATE $pid SET standard_attributes = $a").bind(("a", attributes.to_vec())).bind(("pid", policy_id(code)))).await?;
        self.audit(by, Some(code), "estructura", &crate::i18n::t().audit_attributes(&attributes.join(", "))).await
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
