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
    /// The policy's multisectoral commission or working group validated a deliverable (optional;
    /// changes no state).
    Validation,
}

impl EventKind {
    pub fn key(self) -> &'static str {
        match self {
            EventKind::Note => "nota",
            EventKind::Transition => "transicion",
            EventKind::Milestone => "hito",
            EventKind::Validation => "validacion",
        }
    }
    pub fn from_key(key: &str) -> Option<EventKind> {
        [EventKind::Note, EventKind::Transition, EventKind::Milestone, EventKind::Validation].into_iter().find(|k| k.key() == key)
    }
}

/// The policy's milestones once its five deliverables are *Conforme*, in their order: CEPLAN's
/// favourable technical opinion, the prepublication of the draft decree, the conformity of the
/// co-responsible sectors, the Consejo de Ministros' approving vote (Ley N° 29158, art. 4), the
/// Decreto Supremo, its publication in El Peruano, and implementation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Milestone {
    OpinionTecnica,
    Prepublicacion,
    ConformidadSectores,
    ConsejoMinistros,
    Aprobacion,
    Publicacion,
    Implementacion,
}

impl Milestone {
    pub const ALL: [Milestone; 7] = [
        Milestone::OpinionTecnica,
        Milestone::Prepublicacion,
        Milestone::ConformidadSectores,
        Milestone::ConsejoMinistros,
        Milestone::Aprobacion,
        Milestone::Publicacion,
        Milestone::Implementacion,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Milestone::OpinionTecnica => "opinion_tecnica",
            Milestone::Prepublicacion => "prepublicacion",
            Milestone::ConformidadSectores => "conformidad_sectores",
            Milestone::ConsejoMinistros => "consejo_ministros",
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

    /// Whether it may be left out, with a reason: a prepublication not made, or a policy with no
    /// co-responsible sector.
    pub fn skippable(self) -> bool {
        matches!(self, Milestone::Prepublicacion | Milestone::ConformidadSectores)
    }
}

/// The kind of answer CEPLAN sent (its *informe*), in the words CEPLAN uses: the progress report
/// and the team's reply depend on it (comments are considered, observations must be lifted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CeplanAnswer {
    ComentariosRecomendaciones,
    Observaciones,
    Conformidad,
    OpinionTecnicaFavorable,
}

impl CeplanAnswer {
    pub const ALL: [CeplanAnswer; 4] = [
        CeplanAnswer::ComentariosRecomendaciones,
        CeplanAnswer::Observaciones,
        CeplanAnswer::Conformidad,
        CeplanAnswer::OpinionTecnicaFavorable,
    ];

    pub fn key(self) -> &'static str {
        match self {
            CeplanAnswer::ComentariosRecomendaciones => "comentarios_recomendaciones",
            CeplanAnswer::Observaciones => "observaciones",
            CeplanAnswer::Conformidad => "conformidad",
            CeplanAnswer::OpinionTecnicaFavorable => "opinion_tecnica_favorable",
        }
    }

    pub fn from_key(key: &str) -> Option<CeplanAnswer> {
        CeplanAnswer::ALL.into_iter().find(|a| a.key() == key)
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

/// How exactly a date is known, as the source gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Day,
    Month,
    Year,
    /// A stretch of whole months ("entre abril y mayo de 2023", "de octubre a diciembre de 2023").
    Months,
    /// Only known to have happened by a day: a state reported *as of* it ("al 31/12/2023").
    AsOf,
}

impl DatePrecision {
    pub const ALL: [DatePrecision; 5] = [Self::Day, Self::Month, Self::Year, Self::Months, Self::AsOf];

    /// The stable key stored in the database.
    pub fn key(self) -> &'static str {
        match self {
            Self::Day => "dia",
            Self::Month => "mes",
            Self::Year => "anio",
            Self::Months => "meses",
            Self::AsOf => "al",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// A calendar date known to a given precision. `date` is where the event sorts: the first day of
/// its month, year or first month when only those are known, and for [`DatePrecision::AsOf`] the
/// day by which it had happened. `until` is the first day of the last month of a
/// [`DatePrecision::Months`] stretch (none otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDate {
    pub date: NaiveDate,
    pub precision: DatePrecision,
    #[serde(default)]
    pub until: Option<NaiveDate>,
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
    /// Months `from` to `to` of year `y` (both whole months; `to` after `from`).
    pub fn months(y: i32, from: u32, to: u32) -> Self {
        Self { until: NaiveDate::from_ymd_opt(y, to, 1), ..Self::new(y, from, 1, DatePrecision::Months) }
    }
    /// Known only to have happened by this day.
    pub fn as_of(y: i32, m: u32, d: u32) -> Self {
        Self::new(y, m, d, DatePrecision::AsOf)
    }
    /// A day exactly known.
    pub fn exact(date: NaiveDate) -> Self {
        Self { date, precision: DatePrecision::Day, until: None }
    }
    fn new(y: i32, m: u32, d: u32, precision: DatePrecision) -> Self {
        let date = NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN);
        Self { date, precision, until: None }
    }

    /// The first day the date may stand for; none when only a later bound is known (*as of*).
    pub fn start(&self) -> Option<NaiveDate> {
        (self.precision != DatePrecision::AsOf).then_some(self.date)
    }

    /// The last day the date may stand for (the end of its month, year or last month).
    pub fn end(&self) -> NaiveDate {
        let month_end = |d: NaiveDate| d.checked_add_months(chrono::Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(d);
        match self.precision {
            DatePrecision::Day | DatePrecision::AsOf => self.date,
            DatePrecision::Month => month_end(self.date),
            DatePrecision::Months => month_end(self.until.unwrap_or(self.date)),
            DatePrecision::Year => {
                self.date.checked_add_months(chrono::Months::new(12)).and_then(|d| d.pred_opt()).unwrap_or(self.date)
            }
        }
    }

    /// The day itself when it is known to the day.
    pub fn exact_day(&self) -> Option<NaiveDate> {
        (self.precision == DatePrecision::Day).then_some(self.date)
    }

    /// The ISO 8601 form for `<time datetime>`, never more precise than the date is known: a
    /// stretch of months gives its year when it lies in one (else nothing), an *as of* date
    /// gives nothing (the day is a bound, not the date).
    pub fn iso(&self) -> Option<String> {
        match self.precision {
            DatePrecision::Day => Some(self.date.format("%Y-%m-%d").to_string()),
            DatePrecision::Month => Some(format!("{:04}-{:02}", self.date.year(), self.date.month())),
            DatePrecision::Year => Some(format!("{:04}", self.date.year())),
            DatePrecision::Months => (self.end().year() == self.date.year()).then(|| format!("{:04}", self.date.year())),
            DatePrecision::AsOf => None,
        }
    }

    /// "desde …" as precisely as the date is known: "desde el 09/11/2022", "desde junio de 2023",
    /// "desde algún día de octubre a diciembre de 2023", "desde una fecha no registrada, a más
    /// tardar el 31/12/2023".
    pub fn since_text(&self) -> String {
        match self.precision {
            DatePrecision::Day => format!("desde el {}", self.text()),
            DatePrecision::Month | DatePrecision::Year => format!("desde {}", self.text()),
            DatePrecision::Months => format!("desde algún día {}", self.text()),
            DatePrecision::AsOf => {
                format!("{}, a más tardar el {}", crate::i18n::t().since_not_recorded, self.date.format("%d/%m/%Y"))
            }
        }
    }

    /// The date as a person writes it, only as precise as it is known: "09/11/2022",
    /// "junio de 2023", "2023", "entre abril y mayo de 2023", "de octubre a diciembre de 2023",
    /// "al 31/12/2023 (fecha no registrada)".
    pub fn text(&self) -> String {
        let t = crate::i18n::t();
        let month = |d: NaiveDate| t.months[d.month0() as usize];
        match self.precision {
            DatePrecision::Day => self.date.format("%d/%m/%Y").to_string(),
            DatePrecision::Month => format!("{} de {}", month(self.date), self.date.year()),
            DatePrecision::Year => self.date.year().to_string(),
            DatePrecision::Months => {
                let last = self.until.unwrap_or(self.date);
                let (a, b) = (month(self.date), month(last));
                match (last.year() == self.date.year(), self.date.checked_add_months(chrono::Months::new(1)) == Some(last)) {
                    (true, true) => format!("entre {a} y {b} de {}", last.year()),
                    (true, false) => format!("de {a} a {b} de {}", last.year()),
                    (false, _) => format!("de {a} de {} a {b} de {}", self.date.year(), last.year()),
                }
            }
            DatePrecision::AsOf => format!("al {} ({})", self.date.format("%d/%m/%Y"), t.date_not_recorded),
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
    /// For a transition: the state the deliverable left and the one it entered. A transition
    /// with no `state_from` is history imported from before Pasos: the state found, the ones
    /// before it not recorded (only the seeded history has such transitions).
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
    /// For CEPLAN's answer: what kind of answer it was (none when not recorded).
    #[serde(default)]
    pub answer: Option<CeplanAnswer>,
    /// For a milestone: it does not apply and was left out (the reason is the detail).
    #[serde(default)]
    pub skipped: bool,
    /// A link to the document or attachment.
    pub link: Option<String>,
    pub recorded_by: Option<String>,
    /// Set when the event was recorded by mistake: it stays on the timeline, marked as annulled.
    pub annulled: Option<Annulment>,
}

impl PolicyEvent {
    /// An event of `kind` on `date` titled `title`, about the whole policy, with nothing else
    /// recorded yet (the fields a caller needs are set on the value).
    pub fn new(kind: EventKind, date: EventDate, title: impl Into<String>) -> PolicyEvent {
        PolicyEvent {
            id: String::new(),
            kind,
            date,
            deliverable: None,
            state_from: None,
            state_to: None,
            milestone: None,
            title: title.into(),
            detail: String::new(),
            document: None,
            source: None,
            version: None,
            answer: None,
            skipped: false,
            link: None,
            recorded_by: None,
            annulled: None,
        }
    }

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
        assert_eq!(EventDate::day(2022, 11, 9).iso().as_deref(), Some("2022-11-09"));
        assert_eq!(EventDate::month(2023, 6).iso().as_deref(), Some("2023-06"));
        assert_eq!(EventDate::year(2023).iso().as_deref(), Some("2023"));
        assert_eq!(EventDate::months(2023, 4, 5).iso().as_deref(), Some("2023"));
        assert_eq!(EventDate::as_of(2023, 12, 31).iso(), None, "the day is a bound, not the date");
    }

    #[test]
    fn each_precision_reads_as_the_source_gives_it() {
        assert_eq!(EventDate::day(2022, 11, 9).text(), "09/11/2022");
        assert_eq!(EventDate::month(2023, 9).text(), "setiembre de 2023");
        assert_eq!(EventDate::year(2023).text(), "2023");
        assert_eq!(EventDate::months(2023, 4, 5).text(), "entre abril y mayo de 2023");
        assert_eq!(EventDate::months(2023, 10, 12).text(), "de octubre a diciembre de 2023");
        assert_eq!(EventDate::as_of(2023, 12, 31).text(), "al 31/12/2023 (fecha no registrada)");
        assert_eq!(EventDate::months(2023, 10, 12).since_text(), "desde algún día de octubre a diciembre de 2023");
        assert_eq!(EventDate::as_of(2023, 12, 31).since_text(), "desde una fecha no registrada, a más tardar el 31/12/2023");
        assert_eq!(EventDate::day(2022, 11, 9).since_text(), "desde el 09/11/2022");
    }

    #[test]
    fn bounds_are_as_wide_as_the_precision() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(EventDate::months(2023, 4, 5).start(), Some(d(2023, 4, 1)));
        assert_eq!(EventDate::months(2023, 4, 5).end(), d(2023, 5, 31));
        assert_eq!(EventDate::months(2023, 10, 12).end(), d(2023, 12, 31));
        assert_eq!(EventDate::as_of(2023, 12, 31).start(), None);
        assert_eq!(EventDate::as_of(2023, 12, 31).end(), d(2023, 12, 31));
        assert_eq!(EventDate::day(2023, 6, 14).exact_day(), Some(d(2023, 6, 14)));
        assert_eq!(EventDate::month(2023, 6).exact_day(), None);
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
        for p in DatePrecision::ALL {
            assert_eq!(DatePrecision::from_key(p.key()), Some(p));
        }
    }
}
