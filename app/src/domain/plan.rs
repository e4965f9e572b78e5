//! The work plan (*plan de trabajo*) of a policy's formulation, which the preparatory stage of
//! CEPLAN's 2023 guide asks for: a planned start and end for each deliverable and each milestone
//! after the fifth; each re-planning kept as a new version with its reason; and each target's
//! standing against the record: pending, late by N days, done on time or late, or — when the record
//! dates the act only to the month or year — not determinable.
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::dashboard::Days;
use super::event::{EventDate, EventKind, Milestone, PolicyEvent};
use super::DeliverableState;

/// What a line of the plan is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PlanTarget {
    Deliverable(u8),
    Milestone(Milestone),
}

impl PlanTarget {
    /// The five deliverables, then the milestones in their order.
    pub fn all() -> Vec<PlanTarget> {
        (1..=5).map(PlanTarget::Deliverable).chain(Milestone::ALL.into_iter().map(PlanTarget::Milestone)).collect()
    }

    /// "entregable-2", or the milestone's key.
    pub fn key(self) -> String {
        match self {
            PlanTarget::Deliverable(n) => format!("entregable-{n}"),
            PlanTarget::Milestone(m) => m.key().to_string(),
        }
    }

    pub fn from_key(key: &str) -> Option<PlanTarget> {
        PlanTarget::all().into_iter().find(|t| t.key() == key)
    }
}

/// One line of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanEntry {
    pub target: PlanTarget,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// A version of a policy's plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkPlan {
    /// 1 for the first plan, then one more for each re-planning.
    pub number: u32,
    pub entries: Vec<PlanEntry>,
    /// Why it was re-planned (none for the first plan).
    pub reason: Option<String>,
    pub author: String,
    pub at: DateTime<Utc>,
}

impl WorkPlan {
    pub fn entry(&self, target: PlanTarget) -> Option<&PlanEntry> {
        self.entries.iter().find(|e| e.target == target)
    }
}

/// A line as typed: the target's key and two ISO dates (either may be empty: nothing planned).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanInput {
    pub target: String,
    pub start: String,
    pub end: String,
}

pub const MAX_REASON_CHARS: usize = 1_000;
/// How far ahead a plan may reach, in years.
pub const LATEST_YEARS: i32 = 15;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlanError {
    BadDate,
    /// Only one of the two dates of a line.
    HalfEntered,
    EndBeforeStart,
    /// Before 1990 or more than [`LATEST_YEARS`] ahead.
    Implausible,
    Empty,
    /// A re-planning says why.
    MissingReason,
    ReasonTooLong,
    /// The same dates as the plan in force.
    Unchanged,
    UnknownTarget,
    /// The plan changed since the form was opened: what was typed is offered back.
    Stale,
}

impl PlanError {
    pub const ALL: [PlanError; 10] = [
        PlanError::BadDate,
        PlanError::HalfEntered,
        PlanError::EndBeforeStart,
        PlanError::Implausible,
        PlanError::Empty,
        PlanError::MissingReason,
        PlanError::ReasonTooLong,
        PlanError::Unchanged,
        PlanError::UnknownTarget,
        PlanError::Stale,
    ];

    pub fn key(self) -> &'static str {
        match self {
            PlanError::BadDate => "fecha",
            PlanError::HalfEntered => "fecha_faltante",
            PlanError::EndBeforeStart => "fin_antes",
            PlanError::Implausible => "fecha_improbable",
            PlanError::Empty => "vacio",
            PlanError::MissingReason => "motivo",
            PlanError::ReasonTooLong => "motivo_largo",
            PlanError::Unchanged => "sin_cambios",
            PlanError::UnknownTarget => "linea",
            PlanError::Stale => "plan_cambiado",
        }
    }

    pub fn from_key(key: &str) -> Option<PlanError> {
        PlanError::ALL.into_iter().find(|e| e.key() == key)
    }
}

/// A refusal, and the line it is about (none: the plan as a whole).
pub type PlanRefusal = (PlanError, Option<PlanTarget>);

/// A plan to record: lines with both dates (the end not before the start, between 1990 and
/// [`LATEST_YEARS`] from `today`), at least one, and, when it replaces `previous`, different from
/// it and with the reason (trimmed, bounded).
pub fn check_plan(inputs: &[PlanInput], reason: &str, previous: Option<&WorkPlan>, today: NaiveDate) -> Result<(Vec<PlanEntry>, Option<String>), PlanRefusal> {
    let latest = today.with_year(today.year_ce().1 as i32 + LATEST_YEARS).unwrap_or(today);
    let mut entries: Vec<PlanEntry> = Vec::new();
    for input in inputs {
        let target = PlanTarget::from_key(&input.target).ok_or((PlanError::UnknownTarget, None))?;
        let refuse = |e: PlanError| (e, Some(target));
        let date = |s: &str| match s.trim() {
            "" => Ok(None),
            s => NaiveDate::parse_from_str(s, "%Y-%m-%d").map(Some).map_err(|_| refuse(PlanError::BadDate)),
        };
        match (date(&input.start)?, date(&input.end)?) {
            (None, None) => continue,
            (Some(start), Some(end)) => {
                if start < super::event::EARLIEST_DATE || end > latest {
                    return Err(refuse(PlanError::Implausible));
                }
                if end < start {
                    return Err(refuse(PlanError::EndBeforeStart));
                }
                entries.retain(|e| e.target != target);
                entries.push(PlanEntry { target, start, end });
            }
            _ => return Err(refuse(PlanError::HalfEntered)),
        }
    }
    if entries.is_empty() {
        return Err((PlanError::Empty, None));
    }
    let order = PlanTarget::all();
    entries.sort_by_key(|e| order.iter().position(|t| *t == e.target));
    let reason = reason.trim().replace("\r\n", "\n");
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err((PlanError::ReasonTooLong, None));
    }
    match previous {
        Some(p) if p.entries == entries => Err((PlanError::Unchanged, None)),
        Some(_) if reason.is_empty() => Err((PlanError::MissingReason, None)),
        _ => Ok((entries, (!reason.is_empty()).then_some(reason))),
    }
}

use chrono::Datelike;

/// A line's standing against the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlanStatus {
    /// Not done, and its planned end has not passed.
    Pending,
    /// Not started although its planned start passed this many days ago (its end has not).
    StartOverdue(i64),
    /// Not done, and its planned end passed this many days ago.
    Late(i64),
    /// Done by its planned end.
    DoneOnTime,
    /// Done after its planned end, by these days (a range when the record dates it to the month).
    DoneLate(Days),
    /// Done, but the record's date is too coarse to tell whether by the planned end.
    Undetermined,
}

/// The standing of `entry` when the target was done on `done` (none: not yet), on `today`.
pub fn status(entry: &PlanEntry, done: Option<&EventDate>, today: NaiveDate) -> PlanStatus {
    match done {
        None if today > entry.end => PlanStatus::Late((today - entry.end).num_days()),
        None => PlanStatus::Pending,
        Some(d) if d.end() <= entry.end => PlanStatus::DoneOnTime,
        Some(d) if d.start().is_some_and(|s| s > entry.end) => PlanStatus::DoneLate(Days::between(&EventDate::exact(entry.end), d)),
        Some(_) => PlanStatus::Undetermined,
    }
}

/// When the record says a target started and was done: a deliverable started with its first
/// standing transition and is done while it stands *Conforme* (on the day it last became so); a
/// milestone is done on the day recorded (left out counts as done).
pub fn actual(target: PlanTarget, state: Option<DeliverableState>, events: &[PolicyEvent]) -> (Option<EventDate>, Option<EventDate>) {
    let standing = || events.iter().filter(|e| e.stands());
    match target {
        PlanTarget::Deliverable(n) => {
            let transitions: Vec<&PolicyEvent> = standing().filter(|e| e.kind == EventKind::Transition && e.deliverable == Some(n)).collect();
            let started = transitions.first().map(|e| e.date);
            let done = (state == Some(DeliverableState::Conforme))
                .then(|| transitions.iter().rev().find(|e| e.state_to == Some(DeliverableState::Conforme)).map(|e| e.date))
                .flatten();
            (started, done)
        }
        PlanTarget::Milestone(m) => {
            let done = standing().find(|e| e.kind == EventKind::Milestone && e.milestone == Some(m)).map(|e| e.date);
            (done, done)
        }
    }
}

/// Whether a later version of the plan moved the target's end (it was re-planned).
pub fn replanned(plans: &[WorkPlan], target: PlanTarget) -> bool {
    let mut ends = plans.iter().filter_map(|p| p.entry(target).map(|e| e.end));
    let first = ends.next();
    ends.any(|e| Some(e) != first)
}

/// One line of the plan against the record, as the page, the dashboard and the timeline show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanLine {
    pub entry: PlanEntry,
    pub started: Option<EventDate>,
    pub done: Option<EventDate>,
    pub status: PlanStatus,
    pub replanned: bool,
}

/// The plan in force (the last of `plans`) against the record, line by line.
pub fn plan_lines(plans: &[WorkPlan], states: &[DeliverableState], events: &[PolicyEvent], today: NaiveDate) -> Vec<PlanLine> {
    let Some(current) = plans.last() else { return Vec::new() };
    current
        .entries
        .iter()
        .map(|entry| {
            let state = match entry.target {
                PlanTarget::Deliverable(n) => states.get(usize::from(n).saturating_sub(1)).copied(),
                PlanTarget::Milestone(_) => None,
            };
            let (started, done) = actual(entry.target, state, events);
            // Done without a dated record of it (a policy approved before Pasos): it cannot be
            // said whether on time, and it is not late.
            let undated = done.is_none() && state == Some(DeliverableState::Conforme);
            let status = match status(entry, done.as_ref(), today) {
                _ if undated => PlanStatus::Undetermined,
                PlanStatus::Pending if started.is_none() && today > entry.start && matches!(entry.target, PlanTarget::Deliverable(_)) => {
                    PlanStatus::StartOverdue((today - entry.start).num_days())
                }
                s => s,
            };
            PlanLine { entry: *entry, started, done, status, replanned: replanned(plans, entry.target) }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn input(target: &str, start: &str, end: &str) -> PlanInput {
        PlanInput { target: target.into(), start: start.into(), end: end.into() }
    }

    fn plan(number: u32, entries: Vec<PlanEntry>) -> WorkPlan {
        WorkPlan { number, entries, reason: None, author: "Ana".into(), at: DateTime::default() }
    }

    #[test]
    fn a_plan_is_checked_line_by_line() {
        let today = d(2026, 12, 1);
        let e1 = PlanTarget::Deliverable(1);
        let ok = check_plan(&[input("entregable-1", "2026-01-05", "2026-03-31"), input("entregable-2", "", "")], "", None, today).unwrap();
        assert_eq!(ok.0, vec![PlanEntry { target: e1, start: d(2026, 1, 5), end: d(2026, 3, 31) }]);
        assert_eq!(ok.1, None);
        assert_eq!(check_plan(&[input("entregable-1", "2026-03-31", "2026-01-05")], "", None, today), Err((PlanError::EndBeforeStart, Some(e1))));
        assert_eq!(check_plan(&[input("entregable-1", "2026-01-05", "")], "", None, today), Err((PlanError::HalfEntered, Some(e1))));
        assert_eq!(check_plan(&[input("entregable-1", "05/01/2026", "2026-03-31")], "", None, today), Err((PlanError::BadDate, Some(e1))));
        assert_eq!(check_plan(&[input("entregable-1", "1989-01-05", "2026-03-31")], "", None, today), Err((PlanError::Implausible, Some(e1))));
        assert_eq!(check_plan(&[input("entregable-1", "2026-01-05", "2042-01-01")], "", None, today), Err((PlanError::Implausible, Some(e1))));
        assert_eq!(check_plan(&[input("entregable-9", "2026-01-05", "2026-02-01")], "", None, today), Err((PlanError::UnknownTarget, None)));
        assert_eq!(check_plan(&[input("entregable-1", "", "")], "", None, today), Err((PlanError::Empty, None)));
        // Re-planning keeps the earlier version and says why; the same dates are no new version.
        let first = plan(1, ok.0.clone());
        let same = [input("entregable-1", "2026-01-05", "2026-03-31")];
        assert_eq!(check_plan(&same, "otra vez", Some(&first), today), Err((PlanError::Unchanged, None)));
        let moved = [input("entregable-1", "2026-01-05", "2026-05-31")];
        assert_eq!(check_plan(&moved, "  ", Some(&first), today), Err((PlanError::MissingReason, None)));
        let (_, reason) = check_plan(&moved, " El CEPLAN pidió\r\nampliar el paso 2. ", Some(&first), today).unwrap();
        assert_eq!(reason.as_deref(), Some("El CEPLAN pidió\nampliar el paso 2."));
        // Lines come in the method's order whatever the form's.
        let both = check_plan(&[input("aprobacion", "2027-01-01", "2027-02-01"), input("entregable-3", "2026-01-01", "2026-02-01")], "", None, today).unwrap();
        assert_eq!(both.0.iter().map(|e| e.target).collect::<Vec<_>>(), vec![PlanTarget::Deliverable(3), PlanTarget::Milestone(Milestone::Aprobacion)]);
        for e in PlanError::ALL {
            assert_eq!(PlanError::from_key(e.key()), Some(e));
        }
        for t in PlanTarget::all() {
            assert_eq!(PlanTarget::from_key(&t.key()), Some(t));
        }
    }

    /// Against the record: late by the days since the planned end; done on time, or late by the
    /// days after it; and a date known to the month that straddles the end tells neither.
    #[test]
    fn the_standing_of_a_line_keeps_the_records_precision() {
        let entry = PlanEntry { target: PlanTarget::Deliverable(2), start: d(2023, 3, 1), end: d(2023, 6, 30) };
        assert_eq!(status(&entry, None, d(2023, 6, 30)), PlanStatus::Pending);
        assert_eq!(status(&entry, None, d(2023, 7, 10)), PlanStatus::Late(10));
        assert_eq!(status(&entry, Some(&EventDate::day(2023, 6, 12)), d(2024, 1, 1)), PlanStatus::DoneOnTime);
        assert_eq!(status(&entry, Some(&EventDate::day(2023, 7, 5)), d(2024, 1, 1)), PlanStatus::DoneLate(Days::exact(5)));
        assert_eq!(status(&entry, Some(&EventDate::month(2023, 8)), d(2024, 1, 1)), PlanStatus::DoneLate(Days { min: 32, max: Some(62) }));
        assert_eq!(status(&entry, Some(&EventDate::month(2023, 6)), d(2024, 1, 1)), PlanStatus::DoneOnTime, "all of June is by 30 June");
        let mid = PlanEntry { end: d(2023, 6, 15), ..entry };
        assert_eq!(status(&mid, Some(&EventDate::month(2023, 6)), d(2024, 1, 1)), PlanStatus::Undetermined);
    }

    /// A deliverable *Conforme* whose conformity has no dated record (seeded from a decree) is
    /// not late: whether it was on time cannot be said.
    #[test]
    fn an_undated_conformity_is_not_late() {
        let entry = PlanEntry { target: PlanTarget::Deliverable(1), start: d(2019, 1, 1), end: d(2019, 12, 31) };
        let lines = plan_lines(&[plan(1, vec![entry])], &[DeliverableState::Conforme; 5], &[], d(2026, 12, 1));
        assert_eq!(lines[0].status, PlanStatus::Undetermined);
        let lines = plan_lines(&[plan(1, vec![entry])], &[DeliverableState::EnElaboracion; 5], &[], d(2026, 12, 1));
        assert!(matches!(lines[0].status, PlanStatus::Late(_)));
    }

    /// A deliverable whose planned start passed with nothing recorded says so before it is late.
    #[test]
    fn a_start_that_passed_is_said() {
        let entry = PlanEntry { target: PlanTarget::Deliverable(4), start: d(2026, 11, 1), end: d(2027, 3, 31) };
        let lines = plan_lines(&[plan(1, vec![entry])], &[DeliverableState::NoIniciado; 5], &[], d(2026, 12, 1));
        assert_eq!(lines[0].status, PlanStatus::StartOverdue(30));
        let lines = plan_lines(&[plan(1, vec![entry])], &[DeliverableState::NoIniciado; 5], &[], d(2026, 10, 1));
        assert_eq!(lines[0].status, PlanStatus::Pending);
    }

    #[test]
    fn a_moved_end_is_a_replanning() {
        let e = |end| PlanEntry { target: PlanTarget::Deliverable(1), start: d(2026, 1, 1), end };
        let other = PlanEntry { target: PlanTarget::Deliverable(2), start: d(2026, 1, 1), end: d(2026, 5, 1) };
        let plans = vec![plan(1, vec![e(d(2026, 3, 1)), other]), plan(2, vec![e(d(2026, 4, 1)), other])];
        assert!(replanned(&plans, PlanTarget::Deliverable(1)));
        assert!(!replanned(&plans, PlanTarget::Deliverable(2)));
        assert!(!replanned(&plans[..1], PlanTarget::Deliverable(1)));
    }
}
