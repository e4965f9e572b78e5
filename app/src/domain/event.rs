//! Dated events in a policy's history. Official records often give only a month or a year,
//! so each date carries its precision and is never shown more exactly than it is known.
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::DeliverableState;

/// What an event on the timeline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A fact worth recording that changes no state (a workshop, a resolution).
    Note,
    /// A deliverable changed state.
    Transition,
    /// A policy milestone after the fifth deliverable.
    Milestone,
}

impl EventKind {
    pub fn key(self) -> &'static str {
        match self {
            EventKind::Note => "nota",
            EventKind::Transition => "transicion",
            EventKind::Milestone => "hito",
        }
    }
    pub fn from_key(key: &str) -> Option<EventKind> {
        [EventKind::Note, EventKind::Transition, EventKind::Milestone].into_iter().find(|k| k.key() == key)
    }
}

/// The policy's milestones once its five deliverables are *Conforme*, in their order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Milestone {
    OpinionTecnica,
    Prepublicacion,
    Aprobacion,
    Publicacion,
    Implementacion,
}

impl Milestone {
    pub const ALL: [Milestone; 5] = [
        Milestone::OpinionTecnica,
        Milestone::Prepublicacion,
        Milestone::Aprobacion,
        Milestone::Publicacion,
        Milestone::Implementacion,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Milestone::OpinionTecnica => "opinion_tecnica",
            Milestone::Prepublicacion => "prepublicacion",
            Milestone::Aprobacion => "aprobacion",
            Milestone::Publicacion => "publicacion",
            Milestone::Implementacion => "implementacion",
        }
    }

    pub fn from_key(key: &str) -> Option<Milestone> {
        Milestone::ALL.into_iter().find(|m| m.key() == key)
    }

    /// The milestone that may be recorded after `last` (none recorded yet: the first).
    pub fn next_after(last: Option<Milestone>) -> Option<Milestone> {
        match last {
            None => Some(Milestone::OpinionTecnica),
            Some(m) => Milestone::ALL.into_iter().find(|n| *n > m),
        }
    }
}

/// The earliest date a record of the formulation process may carry (a sending, an answer, a
/// contribution received, a consultation opened). Policies formulated with CEPLAN's method date
/// from the 2010s; 1990 leaves room for the antecedents a team enters, and refuses a mistyped
/// year such as 0001 or 202.
pub const EARLIEST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1990, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// How far ahead a consultation may close: two years from the moment it is opened.
pub const LATEST_CLOSE_YEARS: i64 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Day,
    Month,
    Year,
}

impl DatePrecision {
    pub fn key(self) -> &'static str {
        match self {
            Self::Day => "dia",
            Self::Month => "mes",
            Self::Year => "anio",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        [Self::Day, Self::Month, Self::Year].into_iter().find(|p| p.key() == key)
    }
}

/// A calendar date known to a given precision (the day is the first of the month or year when
/// only the month or year is known, which keeps events sortable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDate {
    pub date: NaiveDate,
    pub precision: DatePrecision,
}

impl EventDate {
    pub fn day(y: i32, m: u32, d: u32) -> Self {
        Self::new(y, m, d, DatePrecision::Day)
    }
    pub fn month(y: i32, m: u32) -> Self {
        Self::new(y, m, 1, DatePrecision::Month)
    }
    pub fn year(y: i32) -> Self {
        Self::new(y, 1, 1, DatePrecision::Year)
    }
    fn new(y: i32, m: u32, d: u32, precision: DatePrecision) -> Self {
        let date = NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN);
        Self { date, precision }
    }

    /// The last day the date may stand for (the end of its month or year when only those are known).
    pub fn end(&self) -> NaiveDate {
        let next = match self.precision {
            DatePrecision::Day => return self.date,
            DatePrecision::Month => self.date.checked_add_months(chrono::Months::new(1)),
            DatePrecision::Year => self.date.checked_add_months(chrono::Months::new(12)),
        };
        next.and_then(|d| d.pred_opt()).unwrap_or(self.date)
    }

    /// The ISO 8601 form for `<time datetime>`, only as precise as the date is known.
    pub fn iso(&self) -> String {
        match self.precision {
            DatePrecision::Day => self.date.format("%Y-%m-%d").to_string(),
            DatePrecision::Month => format!("{:04}-{:02}", self.date.year(), self.date.month()),
            DatePrecision::Year => format!("{:04}", self.date.year()),
        }
    }
}

/// Something that happened to a policy or to one of its deliverables, on a known date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyEvent {
    /// The stored event's id (empty before it is stored).
    pub id: String,
    pub kind: EventKind,
    pub date: EventDate,
    /// The deliverable it concerns, if any (a resolution concerns the whole policy).
    pub deliverable: Option<u8>,
    /// For a transition: the state the deliverable left and the one it entered.
    pub state_from: Option<DeliverableState>,
    pub state_to: Option<DeliverableState>,
    pub milestone: Option<Milestone>,
    pub title: String,
    pub detail: String,
    /// The official document, as numbered on it ("Oficio N° …").
    pub document: Option<String>,
    /// Where the record comes from (for the seeded history: the 2023 progress report).
    pub source: Option<String>,
    /// The deliverable version sent to CEPLAN.
    pub version: Option<u32>,
    /// A link to the document or attachment.
    pub link: Option<String>,
    pub recorded_by: Option<String>,
    /// Set when the event was recorded by mistake: it stays on the timeline, marked as annulled.
    pub annulled: Option<Annulment>,
}

impl PolicyEvent {
    /// An event that is not annulled.
    pub fn stands(&self) -> bool {
        self.annulled.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annulment {
    pub reason: String,
    pub by: String,
    pub at: chrono::DateTime<chrono::Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_is_only_as_precise_as_the_date() {
        assert_eq!(EventDate::day(2022, 11, 9).iso(), "2022-11-09");
        assert_eq!(EventDate::month(2023, 6).iso(), "2023-06");
        assert_eq!(EventDate::year(2023).iso(), "2023");
    }

    #[test]
    fn partial_dates_sort_at_their_start() {
        assert!(EventDate::month(2023, 6).date < EventDate::day(2023, 6, 2).date);
        assert!(EventDate::year(2023).date < EventDate::month(2023, 1).date.succ_opt().unwrap());
    }

    #[test]
    fn a_partial_date_ends_with_its_month_or_year() {
        assert_eq!(EventDate::month(2023, 2).end(), NaiveDate::from_ymd_opt(2023, 2, 28).unwrap());
        assert_eq!(EventDate::year(2023).end(), NaiveDate::from_ymd_opt(2023, 12, 31).unwrap());
        assert_eq!(EventDate::day(2023, 6, 14).end(), NaiveDate::from_ymd_opt(2023, 6, 14).unwrap());
    }

    #[test]
    fn precision_keys_round_trip() {
        for p in [DatePrecision::Day, DatePrecision::Month, DatePrecision::Year] {
            assert_eq!(DatePrecision::from_key(p.key()), Some(p));
        }
    }
}
