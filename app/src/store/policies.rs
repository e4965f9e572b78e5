//! Policies, their deliverables, steps and dated history.
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::ids::{deliverable_id, policy_id, step_id};
use super::{Store, StoreError};
use crate::domain::Author;

/// Who wrote the texts a policy starts with (the seeded history).
const INITIAL_AUTHOR: &str = "Pasos";
use crate::domain::{
    steps_of, Annulment, CeplanAnswer, DatePrecision, DeliverableState, EventDate, EventKind, Milestone, Policy, PolicyEvent, DELIVERABLES,
};
use crate::domain::{DeliverableOverview, PolicyDetail, PolicyOverview, PolicyStart, StepText};

#[derive(Debug, Clone, SurrealValue)]
struct PolicyRow {
    code: String,
    name: String,
    topic: String,
    rector_sector: String,
    #[surreal(default)]
    responsible_unit: Option<String>,
    #[surreal(default)]
    start_resolution: Option<String>,
    #[surreal(default)]
    horizon_year: Option<i64>,
    /// Counted up by the database when the policy's deliverables, steps' text or history change
    /// (migration 0010); read to know whether the kept `PolicyParts` are current.
    #[surreal(default)]
    changes: Option<i64>,
}

#[derive(Debug, Clone, SurrealValue)]
struct DeliverableRow {
    id: RecordId,
    policy: RecordId,
    number: i64,
    state: String,
}

#[derive(Debug, Clone, SurrealValue)]
struct StepRow {
    id: RecordId,
    policy: RecordId,
    deliverable: RecordId,
    number: i64,
    body: String,
    #[surreal(default)]
    updated_at: Option<DateTime<Utc>>,
    revision: i64,
    #[surreal(default)]
    updated_by: Option<String>,
}

#[derive(Debug, Clone, SurrealValue)]
pub(super) struct EventRow {
    pub policy: RecordId,
    pub seq: i64,
    pub date: NaiveDate,
    pub precision: String,
    pub until: Option<NaiveDate>,
    pub kind: String,
    pub deliverable: Option<i64>,
    pub state_from: Option<String>,
    pub state_to: Option<String>,
    pub milestone: Option<String>,
    pub title: String,
    pub detail: String,
    pub document: Option<String>,
    pub source: Option<String>,
    pub version: Option<i64>,
    pub answer: Option<String>,
    pub skipped: Option<bool>,
    pub link: Option<String>,
    pub recorded_by: Option<String>,
}

impl EventRow {
    /// The row that stores `e` as event number `seq` of the policy.
    pub(super) fn new(code: &str, seq: i64, e: &PolicyEvent) -> Self {
        EventRow {
            policy: policy_id(code),
            seq,
            date: e.date.date,
            precision: e.date.precision.key().to_string(),
            until: e.date.until,
            kind: e.kind.key().to_string(),
            deliverable: e.deliverable.map(i64::from),
            state_from: e.state_from.map(|s| s.key().to_string()),
            state_to: e.state_to.map(|s| s.key().to_string()),
            milestone: e.milestone.map(|m| m.key().to_string()),
            title: e.title.clone(),
            detail: e.detail.clone(),
            document: e.document.clone(),
            source: e.source.clone(),
            version: e.version.map(i64::from),
            answer: e.answer.map(|a| a.key().to_string()),
            skipped: e.skipped.then_some(true),
            link: e.link.clone(),
            recorded_by: e.recorded_by.clone(),
        }
    }
}

/// Rows as read back for the overviews (the link fields come back as the policy code).
#[derive(Debug, Clone, SurrealValue)]
struct DeliverableStateRow {
    policy_code: String,
    number: i64,
    state: String,
}

#[derive(Debug, Clone, SurrealValue)]
struct StepTextRow {
    policy_code: String,
    number: i64,
    has_text: bool,
}

#[derive(Debug, Clone, SurrealValue)]
pub(super) struct EventReadRow {
    id: String,
    pub policy_code: String,
    date: NaiveDate,
    precision: String,
    #[surreal(default)]
    until: Option<NaiveDate>,
    #[surreal(default)]
    kind: Option<String>,
    #[surreal(default)]
    deliverable: Option<i64>,
    #[surreal(default)]
    state_from: Option<String>,
    #[surreal(default)]
    state_to: Option<String>,
    #[surreal(default)]
    milestone: Option<String>,
    title: String,
    detail: String,
    #[surreal(default)]
    document: Option<String>,
    #[surreal(default)]
    source: Option<String>,
    #[surreal(default)]
    version: Option<i64>,
    #[surreal(default)]
    answer: Option<String>,
    #[surreal(default)]
    skipped: Option<bool>,
    #[surreal(default)]
    link: Option<String>,
    #[surreal(default)]
    recorded_by: Option<String>,
    #[surreal(default)]
    annul_reason: Option<String>,
    #[surreal(default)]
    annulled_by: Option<String>,
    #[surreal(default)]
    annulled_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, SurrealValue)]
struct StepBodyRow {
    body: String,
    #[surreal(default)]
    updated_at: Option<DateTime<Utc>>,
    revision: i64,
    #[surreal(default)]
    updated_by: Option<String>,
}

pub(super) fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

impl PolicyRow {
    fn into_domain(self) -> Result<Policy, StoreError> {
        let horizon_year = self.horizon_year.map(u16::try_from).transpose().map_err(corrupt)?;
        Ok(Policy {
            code: self.code,
            name: self.name,
            topic: self.topic,
            rector_sector: self.rector_sector,
            responsible_unit: self.responsible_unit,
            start_resolution: self.start_resolution,
            horizon_year,
        })
    }
}

pub(super) fn state_of(key: &str) -> Result<DeliverableState, StoreError> {
    DeliverableState::from_key(key).ok_or_else(|| corrupt(format!("estado desconocido {key}")))
}

pub(super) fn small(n: i64) -> Result<u8, StoreError> {
    u8::try_from(n).map_err(corrupt)
}

impl EventReadRow {
    pub(super) fn into_domain(self) -> Result<PolicyEvent, StoreError> {
        let precision = DatePrecision::from_key(&self.precision).ok_or_else(|| corrupt(&self.precision))?;
        let kind = match self.kind.as_deref() {
            Some(k) => EventKind::from_key(k).ok_or_else(|| corrupt(k))?,
            None if self.state_to.is_some() => EventKind::Transition,
            None => EventKind::Note,
        };
        let annulled = match (self.annul_reason, self.annulled_at) {
            (Some(reason), Some(at)) => Some(Annulment { reason, by: self.annulled_by.unwrap_or_default(), at }),
            _ => None,
        };
        Ok(PolicyEvent {
            id: self.id,
            kind,
            date: EventDate { date: self.date, precision, until: self.until },
            deliverable: self.deliverable.map(small).transpose()?,
            state_from: self.state_from.as_deref().map(state_of).transpose()?,
            state_to: self.state_to.as_deref().map(state_of).transpose()?,
            milestone: self.milestone.as_deref().map(|m| Milestone::from_key(m).ok_or_else(|| corrupt(m))).transpose()?,
            title: self.title,
            detail: self.detail,
            document: self.document,
            source: self.source,
            version: self.version.map(|v| u32::try_from(v).map_err(corrupt)).transpose()?,
            answer: self.answer.as_deref().map(|a| CeplanAnswer::from_key(a).ok_or_else(|| corrupt(a))).transpose()?,
            skipped: self.skipped.unwrap_or(false),
            link: self.link,
            recorded_by: self.recorded_by,
            annulled,
        })
    }
}

const POLICY_FIELDS: &str = "code, name, topic, rector_sector, responsible_unit, start_resolution, horizon_year";
pub(super) const EVENT_FIELDS: &str = "record::id(id) AS id, record::id(policy) AS policy_code, date, precision, until, kind, \
     deliverable, state_from, state_to, milestone, title, detail, document, source, version, answer, skipped, link, recorded_by, \
     annul_reason, annulled_by, annulled_at";

impl Store {
    /// Creates a policy with its five deliverables and nine steps, in one transaction.
    pub async fn create_policy(&self, policy: Policy) -> Result<Policy, StoreError> {
        self.create_policy_with(policy, PolicyStart::default()).await
    }

    /// Creates a policy, its deliverables, steps and initial history, all or nothing.
    pub async fn create_policy_with(&self, policy: Policy, start: PolicyStart) -> Result<Policy, StoreError> {
        let code = policy.code.clone();
        if self.policy(&code).await?.is_some() {
            return Err(StoreError::DuplicatePolicy(code));
        }
        let pid = policy_id(&code);
        let state_of_deliverable =
            |n: u8| start.states.iter().find(|s| s.0 == n).map(|s| s.1).unwrap_or(DeliverableState::NoIniciado);
        let deliverables: Vec<DeliverableRow> = DELIVERABLES
            .iter()
            .map(|d| DeliverableRow {
                id: deliverable_id(&code, d.number),
                policy: pid.clone(),
                number: d.number.into(),
                state: state_of_deliverable(d.number).key().to_string(),
            })
            .collect();
        let now = Utc::now();
        let steps: Vec<StepRow> = DELIVERABLES
            .iter()
            .flat_map(|d| steps_of(d.number))
            .map(|s| {
                let body = start.bodies.iter().find(|b| b.0 == s.number).map(|b| b.1.clone()).unwrap_or_default();
                StepRow {
                    id: step_id(&code, s.number),
                    policy: pid.clone(),
                    deliverable: deliverable_id(&code, s.deliverable),
                    number: s.number.into(),
                    updated_at: (!body.is_empty()).then_some(now),
                    revision: i64::from(!body.is_empty()),
                    updated_by: (!body.is_empty()).then(|| INITIAL_AUTHOR.to_string()),
                    body,
                }
            })
            .collect();
        let events: Vec<EventRow> = start.events.iter().enumerate().map(|(i, e)| EventRow::new(&code, i as i64, e)).collect();
        let row = PolicyRow {
            code: code.clone(),
            name: policy.name.clone(),
            topic: policy.topic.clone(),
            rector_sector: policy.rector_sector.clone(),
            responsible_unit: policy.responsible_unit.clone(),
            start_resolution: policy.start_resolution.clone(),
            horizon_year: policy.horizon_year.map(i64::from),
            changes: Some(0),
        };
        let revisions = super::drafting::first_revisions(&code, &start.bodies, &Author::System(INITIAL_AUTHOR));
        let mut script = String::from(
            "BEGIN TRANSACTION;\nCREATE $pid CONTENT $policy;\nINSERT INTO deliverable $deliverables;\nINSERT INTO step $steps;\n",
        );
        if !revisions.is_empty() {
            script.push_str("INSERT INTO revision $revisions;\n");
        }
        if !events.is_empty() {
            script.push_str("INSERT INTO event $events;\n");
        }
        script.push_str("COMMIT TRANSACTION;");
        let result = super::retrying(|| {
            self.db
                .query(script.as_str())
                .bind(("pid", pid.clone()))
                .bind(("policy", row.clone()))
                .bind(("deliverables", deliverables.clone()))
                .bind(("steps", steps.clone()))
                .bind(("events", events.clone()))
                .bind(("revisions", revisions.clone()))
        })
        .await;
        match result {
            Ok(_) => Ok(policy),
            // Another writer created the same code between our check and our transaction.
            Err(_) if self.policy(&code).await?.is_some() => Err(StoreError::DuplicatePolicy(code)),
            Err(e) => Err(e.into()),
        }
    }

    /// The policy with this code (already normalised), if any.
    pub async fn policy(&self, code: &str) -> Result<Option<Policy>, StoreError> {
        let mut res =
            self.db.query(format!("SELECT {POLICY_FIELDS} FROM ONLY $pid")).bind(("pid", policy_id(code))).await?.check()?;
        let row: Option<PolicyRow> = res.take(0)?;
        row.map(PolicyRow::into_domain).transpose()
    }

    /// Every policy with its deliverables and latest event, ordered by code.
    pub async fn overview(&self) -> Result<Vec<PolicyOverview>, StoreError> {
        Ok(self.details().await?.iter().map(|d| d.overview.clone()).collect())
    }

    /// Every policy with its deliverables and full history (oldest first), ordered by code. The
    /// dashboard reads them all on every view: while the count of changes to any policy stands
    /// still (`stamp:policies`, migration 0010) they come from memory after one record read;
    /// otherwise the policies' rows are read, and each policy's deliverables and history come
    /// from memory while its own `changes` stands still.
    pub async fn details(&self) -> Result<Arc<Vec<PolicyDetail>>, StoreError> {
        let mut res = self.db.query("SELECT VALUE changes FROM ONLY stamp:policies").await?.check()?;
        let stamp: Option<i64> = res.take(0)?;
        self.overview
            .current_or_load("", |kept| Some(kept) == stamp, |_| async {
                let mut res = self.db.query(format!("SELECT {POLICY_FIELDS}, changes FROM policy ORDER BY code")).await?.check()?;
                let policies: Vec<PolicyRow> = res.take(0)?;
                let mut all = Vec::with_capacity(policies.len());
                for row in policies {
                    let parts = self.policy_parts(&row.code, row.changes.unwrap_or(0)).await?;
                    all.push(parts.detail(row.into_domain()?));
                }
                // Without the stamp (a database before migration 0010) nothing is kept as current.
                Ok((stamp.unwrap_or(-1), Arc::new(all)))
            })
            .await
    }

    /// One policy with its deliverables, steps and full history (oldest first).
    pub async fn policy_detail(&self, code: &str) -> Result<Option<PolicyDetail>, StoreError> {
        let mut res = self
            .db
            .query(format!("SELECT {POLICY_FIELDS}, changes FROM ONLY $pid"))
            .bind(("pid", policy_id(code)))
            .await?
            .check()?;
        let Some(row): Option<PolicyRow> = res.take(0)? else { return Ok(None) };
        let parts = self.policy_parts(&row.code, row.changes.unwrap_or(0)).await?;
        Ok(Some(parts.detail(row.into_domain()?)))
    }

    /// A policy's deliverables and history as of its `changes` counter: from memory when this
    /// server read them at that count, else read now. The counter was read before this call, so
    /// what is read here is at least as new as the count it is kept under.
    async fn policy_parts(&self, code: &str, changes: i64) -> Result<Arc<PolicyParts>, StoreError> {
        self.policies.current_or_load(code, |count| count == changes, |_| self.read_policy_parts(code, changes)).await
    }

    async fn read_policy_parts(&self, code: &str, changes: i64) -> Result<(i64, Arc<PolicyParts>), StoreError> {
        let mut res = self
            .db
            .query("SELECT record::id(policy) AS policy_code, number, state FROM deliverable WHERE policy = $pid")
            .query(
                "SELECT record::id(policy) AS policy_code, number, string::len(string::trim(body)) > 0 AS has_text \
                 FROM step WHERE policy = $pid",
            )
            .query(format!("SELECT {EVENT_FIELDS}, seq FROM event WHERE policy = $pid ORDER BY date, seq"))
            .bind(("pid", policy_id(code)))
            .await?
            .check()?;
        let deliverables: Vec<DeliverableStateRow> = res.take(0)?;
        let steps: Vec<StepTextRow> = res.take(1)?;
        let events: Vec<EventReadRow> = res.take(2)?;
        let parts = Arc::new(PolicyParts {
            deliverables: assemble(deliverables.iter(), steps.iter())?,
            events: events.into_iter().map(EventReadRow::into_domain).collect::<Result<Vec<_>, _>>()?,
        });
        Ok((changes, parts))
    }

    /// A step's text and last change, with its deliverable's state; `None` for an unknown
    /// policy or step.
    pub async fn step_text(
        &self,
        code: &str,
        number: u8,
    ) -> Result<Option<StepText>, StoreError> {
        let Some(def) = crate::domain::step(number) else { return Ok(None) };
        let mut res = self
            .db
            .query(format!("SELECT {POLICY_FIELDS} FROM ONLY $pid"))
            .query("SELECT VALUE state FROM ONLY $did")
            .query("SELECT body, updated_at, revision, updated_by FROM ONLY $sid")
            .bind(("pid", policy_id(code)))
            .bind(("did", deliverable_id(code, def.deliverable)))
            .bind(("sid", step_id(code, number)))
            .await?
            .check()?;
        let Some(policy): Option<PolicyRow> = res.take(0)? else { return Ok(None) };
        let state: Option<String> = res.take(1)?;
        let step: Option<StepBodyRow> = res.take(2)?;
        let (Some(state), Some(step)) = (state, step) else {
            return Err(corrupt(format!("la política {code} no tiene el paso {number}")));
        };
        Ok(Some(StepText {
            policy: policy.into_domain()?,
            deliverable_state: state_of(&state)?,
            body: step.body,
            revision: u32::try_from(step.revision).map_err(corrupt)?,
            updated_at: step.updated_at,
            updated_by: step.updated_by,
        }))
    }

    /// Counts of the rows that make a policy, for checks and tests.
    pub async fn count(&self, table: &str) -> Result<usize, StoreError> {
        let table = match table {
            "policy" | "deliverable" | "step" | "event" | "jurisdiction" | "schema_migration" | "user" | "session"
            | "audit" | "sign_in_count" | "device" | "revision" | "version" | "version_step" | "draft" | "report_status" => table,
            other => return Err(corrupt(format!("tabla desconocida {other}"))),
        };
        let mut res = self.db.query(format!("SELECT count() FROM {table} GROUP ALL")).await?.check()?;
        let n: Option<i64> = res.take((0, "count"))?;
        Ok(n.unwrap_or(0) as usize)
    }
}

/// How many policies a server keeps in memory before it starts afresh (a national workload has a
/// few dozen).
pub(super) const KEPT_POLICIES: usize = 4096;

/// What the dashboard and the policy page show of a policy besides its own row, kept per policy.
#[derive(Debug)]
pub(super) struct PolicyParts {
    deliverables: Vec<DeliverableOverview>,
    events: Vec<PolicyEvent>,
}

impl PolicyParts {
    fn detail(&self, policy: Policy) -> PolicyDetail {
        let last_event = self.events.iter().rev().find(|e| e.stands()).cloned();
        PolicyDetail {
            overview: PolicyOverview { policy, deliverables: self.deliverables.clone(), last_event },
            events: self.events.clone(),
        }
    }
}

/// Groups deliverable and step rows of one policy into overviews, in the method's order.
fn assemble<'a>(
    deliverables: impl Iterator<Item = &'a DeliverableStateRow>,
    steps: impl Iterator<Item = &'a StepTextRow> + Clone,
) -> Result<Vec<DeliverableOverview>, StoreError> {
    let mut out = deliverables
        .map(|d| {
            let number = small(d.number)?;
            let texts: Vec<(u8, bool)> = steps_of(number)
                .map(|def| {
                    let has_text = steps.clone().any(|s| s.number == i64::from(def.number) && s.has_text);
                    (def.number, has_text)
                })
                .collect();
            Ok(DeliverableOverview::new(number, state_of(&d.state)?, &texts))
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    out.sort_by_key(|d| d.number);
    Ok(out)
}
