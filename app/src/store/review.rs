//! Recording the formal review: transitions move a deliverable's state and milestones mark the
//! policy's way to its decree, each as an event on the timeline; a mistaken one is annulled.
use chrono::Utc;
use surrealdb::types::{RecordId, SurrealValue};

use super::ids::{deliverable_id, policy_id};
use super::policies::EventRow;
use super::{Store, StoreError};
use crate::domain::Author;
use crate::domain::review::{CheckedTransition, DeliverableFacts, Record};
use crate::domain::report::{ReportStatus, StatusChoice};
use crate::domain::{DeliverableState, EventDate, EventKind, Milestone, PolicyEvent, ReviewError};


/// The event a record becomes, before it is stored.
fn recorded(record: &Record, title: String, by: &Author) -> PolicyEvent {
    PolicyEvent {
        detail: record.note.clone(),
        document: record.document.clone(),
        answer: record.answer,
        skipped: record.skipped,
        link: record.link.clone(),
        recorded_by: Some(by.name()),
        ..PolicyEvent::new(EventKind::Note, EventDate::exact(record.date), title)
    }
}

impl Store {
    /// The versions of a deliverable sent to CEPLAN.
    pub async fn sent_versions(&self, code: &str, number: u8) -> Result<Vec<u32>, StoreError> {
        let events = self.policy_detail(code).await?.map(|d| d.events).unwrap_or_default();
        Ok(crate::domain::review::sent_versions(&events, number))
    }

    /// What the transition rules need to know about deliverable `number` of a policy.
    pub async fn deliverable_facts(&self, code: &str, number: u8) -> Result<Option<DeliverableFacts>, StoreError> {
        let Some(detail) = self.policy_detail(code).await? else { return Ok(None) };
        let state_of = |n: u8| detail.overview.deliverables.iter().find(|d| d.number == n).map(|d| d.state);
        let Some(state) = state_of(number) else { return Ok(None) };
        let last_event = detail
            .events
            .iter()
            .filter(|e| e.stands() && e.deliverable == Some(number))
            .map(|e| e.date.date)
            .max();
        let versions = self.versions(code, number).await?.into_iter().map(|v| v.number).collect();
        let policy_approved = detail.events.iter().any(|e| e.stands() && e.milestone == Some(Milestone::Aprobacion));
        Ok(Some(DeliverableFacts {
            number,
            state,
            previous_deliverable: number.checked_sub(1).and_then(state_of),
            last_event,
            versions,
            policy_approved,
        }))
    }

    /// Records a checked transition with the version it sends (already frozen or named). Nothing is
    /// written if, meanwhile, the deliverable left the state the check saw or the previous
    /// deliverable stopped being *Conforme*; the answer is then `false`.
    pub async fn record_transition(
        &self,
        code: &str,
        number: u8,
        t: &CheckedTransition,
        version: Option<u32>,
        title: String,
        by: &Author,
    ) -> Result<bool, StoreError> {
        let event = PolicyEvent {
            kind: EventKind::Transition,
            deliverable: Some(number),
            state_from: Some(t.from),
            state_to: Some(t.to),
            version,
            ..recorded(&t.record, title, by)
        };
        let previous = (crate::domain::review::sends_to_ceplan(t.to) && number > 1).then(|| deliverable_id(code, number - 1));
        let result = super::retrying(|| {
            self.db
                .query(
                    "BEGIN TRANSACTION;
                     IF (SELECT VALUE state FROM ONLY $did) != $from { THROW 'estado cambiado' };
                     IF $previous != NONE AND (SELECT VALUE state FROM ONLY $previous) != 'conforme' { THROW 'anterior no conforme' };
                     LET $seq = ((SELECT VALUE seq FROM event WHERE policy = $pid ORDER BY seq DESC LIMIT 1)[0] ?? -1) + 1;
                     LET $created = CREATE ONLY event CONTENT $event;
                     UPDATE $created.id SET seq = $seq;
                     UPDATE $did SET state = $to;
                     COMMIT TRANSACTION;",
                )
                .bind(("did", deliverable_id(code, number)))
                .bind(("from", t.from.key()))
                .bind(("to", t.to.key()))
                .bind(("previous", previous.clone()))
                .bind(("pid", policy_id(code)))
                .bind(("event", EventRow::new(code, -1, &event)))
        })
        .await;
        match result {
            Ok(_) => {
                let what = crate::i18n::t().audit_transition(number, t.from, t.to);
                self.audit(by, Some(code), "revision_ceplan", &what).await?;
                if t.to == DeliverableState::ObservadoCeplan {
                    // Each recording of observations is news to the team (a second round too).
                    let subject = format!("{code}:{number}:{}", chrono::Utc::now().timestamp_micros());
                    self.notify_observations(code, number, &subject).await?;
                }
                Ok(true)
            }
            Err(e) => {
                let moved = self.deliverable_facts(code, number).await?.is_some_and(|f| {
                    f.state != t.from || (previous.is_some() && f.previous_deliverable != Some(DeliverableState::Conforme))
                });
                if moved { Ok(false) } else { Err(e.into()) }
            }
        }
    }

    /// Records a checked milestone.
    pub async fn record_milestone(
        &self,
        code: &str,
        milestone: Milestone,
        record: &Record,
        title: String,
        by: &Author,
    ) -> Result<(), StoreError> {
        let event = PolicyEvent { kind: EventKind::Milestone, milestone: Some(milestone), ..recorded(record, title, by) };
        self.append_event(code, &event).await?;
        self.audit(by, Some(code), "hito", &crate::i18n::t().audit_milestone(milestone, record.skipped)).await?;
        Ok(())
    }

    /// Records a checked validation of deliverable `number` by the policy's commission or working
    /// group. The same validation sent again (same date, document and note, still standing) is
    /// recorded once.
    pub async fn record_validation(&self, code: &str, number: u8, record: &Record, title: String, by: &Author) -> Result<(), StoreError> {
        let event = PolicyEvent { kind: EventKind::Validation, deliverable: Some(number), ..recorded(record, title.clone(), by) };
        let same = |e: &PolicyEvent| {
            e.stands() && e.kind == EventKind::Validation && e.deliverable == Some(number) && e.date == event.date && e.document == event.document && e.detail == event.detail
        };
        if self.policy_detail(code).await?.is_some_and(|d| d.events.iter().any(same)) {
            return Ok(());
        }
        self.append_event(code, &event).await?;
        self.audit(by, Some(code), "validacion", &title).await?;
        Ok(())
    }

    /// Adds an event at the end of the policy's history (its number after the last one).
    async fn append_event(&self, code: &str, event: &PolicyEvent) -> Result<(), StoreError> {
        super::retrying(|| {
            self.db
                .query(
                    "BEGIN TRANSACTION;
                     LET $seq = ((SELECT VALUE seq FROM event WHERE policy = $pid ORDER BY seq DESC LIMIT 1)[0] ?? -1) + 1;
                     LET $created = CREATE ONLY event CONTENT $event;
                     UPDATE $created.id SET seq = $seq;
                     COMMIT TRANSACTION;",
                )
                .bind(("pid", policy_id(code)))
                .bind(("event", EventRow::new(code, -1, event)))
        })
        .await?;
        Ok(())
    }

    /// Annuls an event with a reason; it stays on the timeline, marked. A transition can be
    /// annulled only while it is the deliverable's latest standing one (its deliverable goes back to
    /// the state it left), a milestone only while it is the latest standing milestone.
    pub async fn annul_event(&self, code: &str, id: &str, reason: &str, by: &Author) -> Result<Result<PolicyEvent, ReviewError>, StoreError> {
        let Some(detail) = self.policy_detail(code).await? else { return Ok(Err(ReviewError::NotLatest)) };
        let standing: Vec<&PolicyEvent> = detail.events.iter().filter(|e| e.stands()).collect();
        let Some(event) = standing.iter().find(|e| e.id == id).copied() else { return Ok(Err(ReviewError::NotLatest)) };
        let latest_of = |kind: EventKind, deliverable: Option<u8>| {
            standing.iter().rfind(|e| e.kind == kind && e.deliverable == deliverable).map(|e| e.id.as_str())
        };
        let revert = match event.kind {
            EventKind::Transition => {
                if latest_of(EventKind::Transition, event.deliverable) != Some(id) {
                    return Ok(Err(ReviewError::NotLatest));
                }
                // The state it left; for history recorded before that was kept, the transition before it.
                let earlier = standing
                    .iter().rfind(|e| e.kind == EventKind::Transition && e.deliverable == event.deliverable && e.id != id)
                    .and_then(|e| e.state_to);
                Some((event.deliverable.unwrap_or(0), event.state_to, event.state_from.or(earlier).unwrap_or(DeliverableState::NoIniciado)))
            }
            EventKind::Milestone if latest_of(EventKind::Milestone, None) != Some(id) => return Ok(Err(ReviewError::NotLatest)),
            _ => None,
        };
        let (did, current, back) = match revert {
            Some((n, current, back)) => (Some(deliverable_id(code, n)), current.map(|s| s.key()), Some(back.key())),
            None => (None, None, None),
        };
        let at = Utc::now();
        super::retrying(|| {
            self.db
                .query(
                    "BEGIN TRANSACTION;
                     IF $did != NONE AND (SELECT VALUE state FROM ONLY $did) != $current { THROW 'estado cambiado' };
                     UPDATE $eid SET annul_reason = $reason, annulled_by = $by, annulled_at = $at;
                     IF $did != NONE { UPDATE $did SET state = $back };
                     COMMIT TRANSACTION;",
                )
                .bind(("did", did.clone()))
                .bind(("current", current))
                .bind(("back", back))
                .bind(("eid", RecordId::new("event", id)))
                .bind(("reason", reason.to_string()))
                .bind(("by", by.name()))
                .bind(("at", at))
        })
        .await?;
        self.audit(by, Some(code), "evento", &crate::i18n::t().audit_annulled(&event.title, reason)).await?;
        Ok(Ok(event.clone()))
    }

    /// The status the team chose for `code`'s report over the months `from`..=`to` ("2023-05").
    pub async fn report_choice(&self, code: &str, from: &str, to: &str) -> Result<Option<StatusChoice>, StoreError> {
        #[derive(SurrealValue)]
        struct Row {
            status: String,
            commentary: String,
            by: String,
            at: chrono::DateTime<Utc>,
        }
        let mut res = self
            .db
            .query("SELECT status, commentary, by, at FROM ONLY $id")
            .bind(("id", report_status_id(code, from, to)))
            .await?
            .check()?;
        let row: Option<Row> = res.take(0)?;
        row.map(|r| {
            let status = ReportStatus::from_key(&r.status).ok_or_else(|| super::policies::corrupt(&r.status))?;
            Ok(StatusChoice { status, commentary: r.commentary, by: r.by, at: r.at })
        })
        .transpose()
    }

    /// Records (or, with `None`, removes) the team's choice of status for a report period;
    /// written again with the same values it changes nothing but who and when.
    pub async fn set_report_choice(
        &self,
        code: &str,
        from: &str,
        to: &str,
        choice: Option<(ReportStatus, String)>,
        by: &Author,
    ) -> Result<(), StoreError> {
        let id = report_status_id(code, from, to);
        let summary = crate::i18n::t().audit_report_status(from, to, choice.as_ref().map(|c| c.0.label()));
        match choice {
            Some((status, commentary)) => {
                self.db
                    .query("UPSERT $id CONTENT { policy: $pid, status: $status, commentary: $commentary, by: $by, at: time::now() }")
                    .bind(("id", id))
                    .bind(("pid", policy_id(code)))
                    .bind(("status", status.key().to_string()))
                    .bind(("commentary", commentary))
                    .bind(("by", by.name()))
                    .await?
                    .check()?;
            }
            None => {
                self.db.query("DELETE $id").bind(("id", id)).await?.check()?;
            }
        }
        self.audit(by, Some(code), "informe", &summary).await
    }
}

/// One report period of a policy: "PNMPETF_2023-05_2023-12".
fn report_status_id(code: &str, from: &str, to: &str) -> RecordId {
    RecordId::new("report_status", format!("{code}_{from}_{to}").as_str())
}
