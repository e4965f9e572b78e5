//! What managers watch, computed from the recorded transitions: how long each deliverable has been
//! in its state, how long it has waited on CEPLAN, how many rounds it went through, and what needs
//! attention.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{DeliverableState, EventDate, EventKind, PolicyEvent};

/// A number of calendar days known within bounds: exact when both ends of the stretch are known
/// to the day, between two figures when they are known to the month or year, and at least a
/// figure when the start is known only *as of* a date. Never more precise than the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Days {
    pub min: i64,
    /// None: no upper bound (the start is not recorded).
    pub max: Option<i64>,
}

impl Days {
    pub fn exact(n: i64) -> Days {
        Days { min: n, max: Some(n) }
    }

    /// The days from a date known as `from` to one known as `to` (later or equal).
    pub fn between(from: &EventDate, to: &EventDate) -> Days {
        // The shortest the stretch can be: from the latest `from` may mean to the earliest `to`
        // may mean (an *as of* end may be as early as the start); the longest: earliest to latest.
        let min = to.start().map_or(0, |t| (t - from.end()).num_days()).max(0);
        let max = from.start().map(|f| (to.end() - f).num_days().max(min));
        Days { min, max }
    }

    pub fn is_exact(&self) -> bool {
        self.max == Some(self.min)
    }
}

impl std::ops::Add for Days {
    type Output = Days;
    fn add(self, other: Days) -> Days {
        Days { min: self.min + other.min, max: self.max.zip(other.max).map(|(a, b)| a + b) }
    }
}

/// A stretch of calendar time a deliverable spent in one state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateSpan {
    pub state: DeliverableState,
    /// When it entered the state, as precisely as recorded.
    pub from: EventDate,
    /// When it left it (the next transition); none while it is still there.
    pub to: Option<EventDate>,
    pub days: Days,
}

/// One deliverable as the dashboard shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliverableTrack {
    pub number: u8,
    pub state: DeliverableState,
    /// When it entered its current state, as precisely as recorded (none: no dated transition).
    pub since: Option<EventDate>,
    pub days_in_state: Option<Days>,
    /// The same in working days, when the deployment gives its holidays and they cover the stretch.
    #[serde(default)]
    pub working_days_in_state: Option<Days>,
    /// Days spent *Remitido* or *Reingresado* (with CEPLAN), over all rounds.
    pub days_with_ceplan: Days,
    /// Times it was sent (or sent again) to CEPLAN.
    pub ceplan_rounds: u32,
    pub spans: Vec<StateSpan>,
}

/// Replays a deliverable's standing transitions (in the order given: by date, then as recorded).
pub fn track(number: u8, state: DeliverableState, events: &[PolicyEvent], today: NaiveDate) -> DeliverableTrack {
    let transitions: Vec<&PolicyEvent> = events
        .iter()
        .filter(|e| e.stands() && e.kind == EventKind::Transition && e.deliverable == Some(number) && e.state_to.is_some())
        .collect();
    let now = EventDate::exact(today);
    let mut spans: Vec<StateSpan> = Vec::new();
    for (i, e) in transitions.iter().enumerate() {
        let to = transitions.get(i + 1).map(|next| next.date);
        if let Some(s) = e.state_to {
            spans.push(StateSpan { state: s, from: e.date, to, days: Days::between(&e.date, &to.unwrap_or(now)) });
        }
    }
    let since = transitions.last().map(|e| e.date);
    let with_ceplan: Vec<Days> = spans.iter().filter(|s| s.state.is_with_ceplan()).map(|s| s.days).collect();
    DeliverableTrack {
        number,
        state,
        since,
        days_in_state: since.map(|d| Days::between(&d, &now)),
        working_days_in_state: None,
        days_with_ceplan: with_ceplan.iter().fold(Days::exact(0), |a, b| a + *b),
        ceplan_rounds: with_ceplan.len() as u32,
        spans,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttentionKind {
    /// With CEPLAN for longer than the threshold.
    WaitingOnCeplan,
    /// CEPLAN's observations not yet answered (observed or being addressed) for longer than the threshold.
    ObservationsUnanswered,
    /// Not done, and its planned end in the work plan has passed (`domain::plan`).
    LateAgainstPlan,
}

/// Why a deliverable needs a manager's attention, if it does: only when even the shortest the
/// wait can have been is over the threshold.
pub fn attention(track: &DeliverableTrack, threshold_days: i64) -> Option<AttentionKind> {
    let days = track.days_in_state?;
    if days.min <= threshold_days {
        return None;
    }
    match track.state {
        s if s.is_with_ceplan() => Some(AttentionKind::WaitingOnCeplan),
        DeliverableState::ObservadoCeplan | DeliverableState::EnLevantamiento => Some(AttentionKind::ObservationsUnanswered),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::DeliverableState::*;
    use super::*;
    use crate::domain::EventDate;

    fn transition(date: EventDate, deliverable: u8, to: DeliverableState) -> PolicyEvent {
        PolicyEvent { deliverable: Some(deliverable), state_to: Some(to), ..PolicyEvent::new(EventKind::Transition, date, "t") }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn time_in_state_time_with_ceplan_and_rounds() {
        let events = vec![
            transition(EventDate::month(2023, 4), 1, EnRevisionInterna),
            transition(EventDate::day(2023, 6, 1), 1, RemitidoCeplan),
            transition(EventDate::day(2023, 7, 1), 1, ObservadoCeplan),
            transition(EventDate::day(2023, 10, 1), 1, EnLevantamiento),
            transition(EventDate::day(2023, 12, 1), 1, ReingresadoCeplan),
            transition(EventDate::day(2023, 12, 5), 2, EnElaboracion),
        ];
        let t = track(1, ReingresadoCeplan, &events, day(2024, 1, 1));
        assert_eq!(t.ceplan_rounds, 2);
        assert_eq!(t.days_with_ceplan, Days::exact(30 + 31));
        assert_eq!(t.days_in_state, Some(Days::exact(31)));
        assert_eq!(t.spans.len(), 5);
        // Entered in April (the day unknown), left on 1 June: between 32 and 61 days.
        assert_eq!(t.spans[0].days, Days { min: 32, max: Some(61) });
        assert_eq!(attention(&t, 30), Some(AttentionKind::WaitingOnCeplan));
        assert_eq!(attention(&t, 31), None, "exactly the threshold is not late");
    }

    #[test]
    fn annulled_transitions_do_not_count() {
        let mut wrong = transition(EventDate::day(2023, 8, 1), 1, ObservadoCeplan);
        wrong.annulled = Some(crate::domain::Annulment { reason: "error".into(), by: "x".into(), at: chrono::Utc::now() });
        let events = vec![transition(EventDate::day(2023, 6, 1), 1, RemitidoCeplan), wrong];
        let t = track(1, RemitidoCeplan, &events, day(2023, 9, 1));
        assert_eq!((t.ceplan_rounds, t.days_with_ceplan, t.spans.len()), (1, Days::exact(92), 1));
    }

    #[test]
    fn unanswered_observations_need_attention() {
        let events = vec![transition(EventDate::day(2023, 7, 1), 1, ObservadoCeplan)];
        let t = track(1, ObservadoCeplan, &events, day(2023, 9, 1));
        assert_eq!(attention(&t, 30), Some(AttentionKind::ObservationsUnanswered));
        let drafting = track(2, EnElaboracion, &[transition(EventDate::day(2020, 1, 1), 2, EnElaboracion)], day(2023, 9, 1));
        assert_eq!(attention(&drafting, 30), None, "drafting for long is the team's business");
        let undated = track(3, Conforme, &[], day(2023, 9, 1));
        assert_eq!((undated.days_in_state, attention(&undated, 0)), (None, None));
    }

    /// Day, month, year, a stretch of months and an *as of* date: the figure is never more
    /// precise than the dates it is computed from.
    #[test]
    fn durations_keep_the_precision_of_their_dates() {
        let today = day(2024, 1, 31);
        let since = |d: EventDate| track(1, RemitidoCeplan, &[transition(d, 1, RemitidoCeplan)], today).days_in_state.unwrap();
        assert_eq!(since(EventDate::day(2024, 1, 1)), Days::exact(30));
        assert_eq!(since(EventDate::month(2023, 12)), Days { min: 31, max: Some(61) });
        assert_eq!(since(EventDate::year(2023)), Days { min: 31, max: Some(395) });
        assert_eq!(since(EventDate::months(2023, 10, 12)), Days { min: 31, max: Some(122) });
        assert_eq!(since(EventDate::as_of(2023, 12, 31)), Days { min: 31, max: None });
        // A month to the next month: at least a day, at most two months.
        let sent = transition(EventDate::month(2023, 6), 1, RemitidoCeplan);
        let observed = transition(EventDate::month(2023, 7), 1, ObservadoCeplan);
        let t = track(1, ObservadoCeplan, &[sent, observed], today);
        assert_eq!(t.days_with_ceplan, Days { min: 1, max: Some(60) });
        // An *as of* state since the end of 2023, and the threshold: only the certain part counts.
        let held = track(1, RemitidoCeplan, &[transition(EventDate::as_of(2023, 12, 31), 1, RemitidoCeplan)], today);
        assert_eq!(attention(&held, 30), Some(AttentionKind::WaitingOnCeplan));
        assert_eq!(attention(&held, 31), None, "31 days is all the record proves");
        let year = track(1, RemitidoCeplan, &[transition(EventDate::year(2023), 1, RemitidoCeplan)], today);
        assert_eq!(attention(&year, 100), None, "up to 395 days, but only 31 are certain");
    }
}
