//! Policies, their deliverables, steps and dated history.
use chrono::{DateTime, NaiveDate, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{Author, Store, StoreError};

/// Who wrote the texts a policy starts with (the seeded history).
const INITIAL_AUTHOR: &str = "Pasos";
use crate::domain::{
    steps_of, Annulment, DatePrecision, DeliverableState, EventDate, EventKind, Milestone, Policy, PolicyEvent, DELIVERABLES,
};
use crate::model::{DeliverableOverview, PolicyDetail, PolicyOverview};

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

/// A step's working text as the step page and the editor need it.
#[derive(Debug, Clone, PartialEq)]
pub struct StepText {
    pub policy: Policy,
    pub deliverable_state: DeliverableState,
    pub body: String,
    /// 0 when the step was never saved.
    pub revision: u32,
    pub updated_at: Option<DateTime<Utc>>,
    pub updated_by: Option<String>,
}

/// What a new policy starts with besides its definition; empty for a policy created by a user,
/// filled in for the seeded history.
#[derive(Debug, Clone, Default)]
pub struct PolicyStart {
    pub states: Vec<(u8, DeliverableState)>,
    pub bodies: Vec<(u8, String)>,
    pub events: Vec<PolicyEvent>,
}

pub(super) fn policy_id(code: &str) -> RecordId {
    RecordId::new("policy", code)
}
pub(super) fn deliverable_id(code: &str, n: u8) -> RecordId {
    RecordId::new("deliverable", format!("{code}-{n}"))
}
pub(super) fn step_id(code: &str, n: u8) -> RecordId {
    RecordId::new("step", format!("{code}-{n}"))
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
            date: EventDate { date: self.date, precision },
            deliverable: self.deliverable.map(small).transpose()?,
            state_from: self.state_from.as_deref().map(state_of).transpose()?,
            state_to: self.state_to.as_deref().map(state_of).transpose()?,
            milestone: self.milestone.as_deref().map(|m| Milestone::from_key(m).ok_or_else(|| corrupt(m))).transpose()?,
            title: self.title,
            detail: self.detail,
            document: self.document,
            source: self.source,
            version: self.version.map(|v| u32::try_from(v).map_err(corrupt)).transpose()?,
            link: self.link,
            recorded_by: self.recorded_by,
            annulled,
        })
    }
}

const POLICY_FIELDS: &str = "code, name, topic, rector_sector, responsible_unit, start_resolution, horizon_year";
pub(super) const EVENT_FIELDS: &str = "record::id(id) AS id, record::id(policy) AS policy_code, date, precision, kind, \
     deliverable, state_from, state_to, milestone, title, detail, document, source, version, link, recorded_by, \
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
        let result = self
            .db
            .query(script)
            .bind(("pid", pid))
            .bind(("policy", row))
            .bind(("deliverables", deliverables))
            .bind(("steps", steps))
            .bind(("events", events))
            .bind(("revisions", revisions))
            .await?
            .check();
        match result {
            Ok(_) => Ok(policy),
            // Another writer created the same code between our check and our transaction.
            Err(_) if self.policy(&code).await?.is_some() => Err(StoreError::DuplicatePolicy(code)),
            Err(e) => Err(e.into()),
        }
    }

    /// The policy with this code (already normalised), if any.
    pub async fn policy(&self, code: &str) -> Result<Option<Policy>, StoreError> {
        let mut res = self
            .db
            .query(format!("SELECT {POLICY_FIELDS} FROM policy WHERE code = $code LIMIT 1"))
            .bind(("code", code.to_string()))
            .await?
            .check()?;
        let rows: Vec<PolicyRow> = res.take(0)?;
        rows.into_iter().next().map(PolicyRow::into_domain).transpose()
    }

    /// Every policy with its deliverables and latest event, ordered by code.
    pub async fn overview(&self) -> Result<Vec<PolicyOverview>, StoreError> {
        Ok(self.details().await?.into_iter().map(|d| d.overview).collect())
    }

    /// Every policy with its deliverables and full history (oldest first), ordered by code: four
    /// queries whatever the number of policies (the dashboard reads them all).
    pub async fn details(&self) -> Result<Vec<PolicyDetail>, StoreError> {
        let mut res = self
            .db
            .query(format!("SELECT {POLICY_FIELDS} FROM policy ORDER BY code"))
            .query("SELECT record::id(policy) AS policy_code, number, state FROM deliverable")
            .query("SELECT record::id(policy) AS policy_code, number, string::len(string::trim(body)) > 0 AS has_text FROM step")
            .query(format!("SELECT {EVENT_FIELDS}, seq FROM event ORDER BY date, seq"))
            .await?
            .check()?;
        let policies: Vec<PolicyRow> = res.take(0)?;
        let deliverables: Vec<DeliverableStateRow> = res.take(1)?;
        let steps: Vec<StepTextRow> = res.take(2)?;
        let rows: Vec<EventReadRow> = res.take(3)?;
        let mut events: std::collections::HashMap<String, Vec<PolicyEvent>> = std::collections::HashMap::new();
        for row in rows {
            events.entry(row.policy_code.clone()).or_default().push(row.into_domain()?);
        }
        policies
            .into_iter()
            .map(|p| {
                let code = p.code.clone();
                let events = events.remove(&code).unwrap_or_default();
                let deliverables = assemble(
                    deliverables.iter().filter(|d| d.policy_code == code),
                    steps.iter().filter(|s| s.policy_code == code),
                )?;
                let last_event = events.iter().rev().find(|e| e.stands()).cloned();
                Ok(PolicyDetail { overview: PolicyOverview { policy: p.into_domain()?, deliverables, last_event }, events })
            })
            .collect()
    }

    /// One policy with its deliverables, steps and full history (oldest first).
    pub async fn policy_detail(&self, code: &str) -> Result<Option<PolicyDetail>, StoreError> {
        let mut res = self
            .db
            .query(format!("SELECT {POLICY_FIELDS} FROM policy WHERE code = $code LIMIT 1"))
            .query("SELECT record::id(policy) AS policy_code, number, state FROM deliverable WHERE policy = $pid")
            .query(
                "SELECT record::id(policy) AS policy_code, number, string::len(string::trim(body)) > 0 AS has_text \
                 FROM step WHERE policy = $pid",
            )
            .query(format!("SELECT {EVENT_FIELDS}, seq FROM event WHERE policy = $pid ORDER BY date, seq"))
            .bind(("code", code.to_string()))
            .bind(("pid", policy_id(code)))
            .await?
            .check()?;
        let policies: Vec<PolicyRow> = res.take(0)?;
        let Some(policy) = policies.into_iter().next() else { return Ok(None) };
        let deliverables: Vec<DeliverableStateRow> = res.take(1)?;
        let steps: Vec<StepTextRow> = res.take(2)?;
        let events: Vec<EventReadRow> = res.take(3)?;
        let events = events.into_iter().map(EventReadRow::into_domain).collect::<Result<Vec<_>, _>>()?;
        let overview = PolicyOverview {
            policy: policy.into_domain()?,
            deliverables: assemble(deliverables.iter(), steps.iter())?,
            last_event: events.iter().rev().find(|e| e.stands()).cloned(),
        };
        Ok(Some(PolicyDetail { overview, events }))
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
            .query(format!("SELECT {POLICY_FIELDS} FROM policy WHERE code = $code LIMIT 1"))
            .query("SELECT VALUE state FROM ONLY $did")
            .query("SELECT body, updated_at, revision, updated_by FROM ONLY $sid")
            .bind(("code", code.to_string()))
            .bind(("did", deliverable_id(code, def.deliverable)))
            .bind(("sid", step_id(code, number)))
            .await?
            .check()?;
        let policies: Vec<PolicyRow> = res.take(0)?;
        let Some(policy) = policies.into_iter().next() else { return Ok(None) };
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
            | "audit" | "login_failure" | "revision" | "version" | "version_step" | "draft" => table,
            other => return Err(corrupt(format!("tabla desconocida {other}"))),
        };
        let mut res = self.db.query(format!("SELECT count() FROM {table} GROUP ALL")).await?.check()?;
        let n: Option<i64> = res.take((0, "count"))?;
        Ok(n.unwrap_or(0) as usize)
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
