//! What managers watch, computed from the recorded transitions: how long each deliverable has been
//! in its state, how long it has waited on CEPLAN, how many rounds it went through, and what needs
//! attention.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{DeliverableState, EventDate, EventKind, PolicyEvent};

/// A stretch of calendar time a deliverable spent in one state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateSpan {
    pub state: DeliverableState,
    pub from: NaiveDate,
    /// Exclusive; today for the current state.
    pub to: NaiveDate,
}

impl StateSpan {
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days().max(0)
    }
}

/// One deliverable as the dashboard shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliverableTrack {
    pub number: u8,
    pub state: DeliverableState,
    /// When it entered its current state, as precisely as recorded (none: no dated transition).
    pub since: Option<EventDate>,
    pub days_in_state: Option<i64>,
    /// Days spent *Remitido* or *Reingresado* (with CEPLAN), over all rounds.
    pub days_with_ceplan: i64,
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
    let mut spans: Vec<StateSpan> = Vec::new();
    for (i, e) in transitions.iter().enumerate() {
        let to = transitions.get(i + 1).map_or(today, |next| next.date.date).max(e.date.date);
        if let Some(s) = e.state_to {
            spans.push(StateSpan { state: s, from: e.date.date, to });
        }
    }
    let since = transitions.last().map(|e| e.date);
    let days_with_ceplan = spans.iter().filter(|s| s.state.is_with_ceplan()).map(StateSpan::days).sum();
    let ceplan_rounds = spans.iter().filter(|s| s.state.is_with_ceplan()).count() as u32;
    DeliverableTrack {
        number,
        state,
        since,
        days_in_state: since.map(|d| (today - d.date).num_days().max(0)),
        days_with_ceplan,
        ceplan_rounds,
        spans,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttentionKind {
    /// With CEPLAN for longer than the threshold.
    WaitingOnCeplan,
    /// CEPLAN's observations not yet answered (observed or being addressed) for longer than the threshold.
    ObservationsUnanswered,
}

/// Why a deliverable needs a manager's attention, if it does.
pub fn attention(track: &DeliverableTrack, threshold_days: i64) -> Option<AttentionKind> {
    let days = track.days_in_state?;
    if days <= threshold_days {
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
        PolicyEvent {
            id: String::new(),
            kind: EventKind::Transition,
            date,
            deliverable: Some(deliverable),
            state_from: None,
            state_to: Some(to),
            milestone: None,
            title: "t".into(),
            detail: String::new(),
            document: None,
            source: None,
            version: None,
            link: None,
            recorded_by: None,
            annulled: None,
        }
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
        assert_eq!(t.days_with_ceplan, 30 + 31);
        assert_eq!(t.days_in_state, Some(31));
        assert_eq!(t.spans.len(), 5);
        assert_eq!(t.spans[0], StateSpan { state: EnRevisionInterna, from: day(2023, 4, 1), to: day(2023, 6, 1) });
        assert_eq!(attention(&t, 30), Some(AttentionKind::WaitingOnCeplan));
        assert_eq!(attention(&t, 31), None, "exactly the threshold is not late");
    }

    #[test]
    fn annulled_transitions_do_not_count() {
        let mut wrong = transition(EventDate::day(2023, 8, 1), 1, ObservadoCeplan);
        wrong.annulled = Some(crate::domain::Annulment { reason: "error".into(), by: "x".into(), at: chrono::Utc::now() });
        let events = vec![transition(EventDate::day(2023, 6, 1), 1, RemitidoCeplan), wrong];
        let t = track(1, RemitidoCeplan, &events, day(2023, 9, 1));
        assert_eq!((t.ceplan_rounds, t.days_with_ceplan, t.spans.len()), (1, 92, 1));
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
}
