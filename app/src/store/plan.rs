//! The work plans of policies: every version kept, the one in force the last.
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use surrealdb::types::{RecordId, SurrealValue};

use super::ids::policy_id;
use super::policies::corrupt;
use super::{Store, StoreError};
use crate::domain::plan::{PlanEntry, PlanTarget, WorkPlan};
use crate::domain::Author;

#[derive(Debug, Clone, SurrealValue)]
struct PlanRow {
    policy: RecordId,
    number: i64,
    entries: String,
    reason: Option<String>,
    author_name: String,
    created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, SurrealValue)]
struct PlanReadRow {
    code: String,
    number: i64,
    entries: String,
    #[surreal(default)]
    reason: Option<String>,
    author_name: String,
    created_at: DateTime<Utc>,
}

/// A line as stored: the target's key and ISO dates.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredEntry {
    target: String,
    start: NaiveDate,
    end: NaiveDate,
}

impl PlanReadRow {
    fn into_plan(self) -> Result<(String, WorkPlan), StoreError> {
        let stored: Vec<StoredEntry> = serde_json::from_str(&self.entries).map_err(|_| corrupt(&self.entries))?;
        let entries = stored
            .into_iter()
            .map(|e| Ok(PlanEntry { target: PlanTarget::from_key(&e.target).ok_or_else(|| corrupt(&e.target))?, start: e.start, end: e.end }))
            .collect::<Result<Vec<_>, StoreError>>()?;
        let plan = WorkPlan { number: self.number as u32, entries, reason: self.reason, author: self.author_name, at: self.created_at };
        Ok((self.code, plan))
    }
}

const PLAN_FIELDS: &str = "record::id(policy) AS code, number, entries, reason, author_name, created_at";

impl Store {
    /// The versions of a policy's plan, oldest first (the last is in force).
    pub async fn work_plans(&self, code: &str) -> Result<Vec<WorkPlan>, StoreError> {
        let rows: Vec<PlanReadRow> = self
            .db
            .query(format!("SELECT {PLAN_FIELDS} FROM work_plan WHERE policy = $pid ORDER BY number"))
            .bind(("pid", policy_id(code)))
            .await?
            .take(0)?;
        rows.into_iter().map(|r| r.into_plan().map(|(_, p)| p)).collect()
    }

    /// Every policy's plan versions, by policy code (for the dashboard: one query).
    pub async fn all_work_plans(&self) -> Result<std::collections::HashMap<String, Vec<WorkPlan>>, StoreError> {
        let rows: Vec<PlanReadRow> = self.db.query(format!("SELECT {PLAN_FIELDS} FROM work_plan ORDER BY number")).await?.take(0)?;
        let mut out: std::collections::HashMap<String, Vec<WorkPlan>> = std::collections::HashMap::new();
        for row in rows {
            let (code, plan) = row.into_plan()?;
            out.entry(code).or_default().push(plan);
        }
        Ok(out)
    }

    /// Records version `number` of a policy's plan. `Ok(false)`: that version exists already
    /// (someone re-planned meanwhile) and nothing was written.
    pub async fn add_work_plan(&self, code: &str, number: u32, entries: &[PlanEntry], reason: Option<&str>, by: &Author) -> Result<bool, StoreError> {
        let stored: Vec<StoredEntry> = entries.iter().map(|e| StoredEntry { target: e.target.key(), start: e.start, end: e.end }).collect();
        let row = PlanRow {
            policy: policy_id(code),
            number: number.into(),
            entries: serde_json::to_string(&stored).map_err(|_| corrupt("plan"))?,
            reason: reason.map(str::to_string),
            author_name: by.name(),
            created_at: Utc::now(),
        };
        let created = self
            .db
            .query("CREATE $id CONTENT $row")
            .bind(("id", RecordId::new("work_plan", format!("{code}-{number}"))))
            .bind(("row", row))
            .await?
            .check();
        match created {
            Ok(_) => {}
            Err(e) if e.to_string().contains("already exists") || e.to_string().contains("already contains") => return Ok(false),
            Err(e) => return Err(e.into()),
        }
        self.audit(by, Some(code), "plan", &crate::i18n::t().audit_plan(number, reason)).await?;
        Ok(true)
    }
}
