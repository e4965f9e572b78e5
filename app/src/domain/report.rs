//! The progress-report text (the "Comentarios" of the Alliance 8.7 report), written from the
//! recorded events of a policy for a reporting period — never typed by hand. Pure: data in, text out.
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::{steps_of, CeplanAnswer, DatePrecision, DeliverableState, EventDate, EventKind, Milestone, Policy, PolicyEvent};
use crate::domain::workshop::{days_text, WorkshopSummary};
use crate::i18n::t;

/// The report's four answers to "¿Cuál es la situación…?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportStatus {
    NoAlcanzado,
    Previsto,
    EnCurso,
    Completado,
}

impl ReportStatus {
    pub const ALL: [ReportStatus; 4] =
        [ReportStatus::NoAlcanzado, ReportStatus::Previsto, ReportStatus::EnCurso, ReportStatus::Completado];

    pub fn label(self) -> &'static str {
        match self {
            ReportStatus::NoAlcanzado => "No alcanzado",
            ReportStatus::Previsto => "Previsto",
            ReportStatus::EnCurso => "En curso",
            ReportStatus::Completado => "Completado",
        }
    }

    /// The stable key stored with a team's choice.
    pub fn key(self) -> &'static str {
        match self {
            ReportStatus::NoAlcanzado => "no_alcanzado",
            ReportStatus::Previsto => "previsto",
            ReportStatus::EnCurso => "en_curso",
            ReportStatus::Completado => "completado",
        }
    }

    pub fn from_key(key: &str) -> Option<ReportStatus> {
        ReportStatus::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// The status the team chose for a period instead of the one Pasos computes, with the commentary
/// that says why (mandatory), who chose it and when. It is kept with the report and printed in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChoice {
    pub status: ReportStatus,
    pub commentary: String,
    pub by: String,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// The longest commentary of a chosen status, in characters.
pub const MAX_COMMENTARY_CHARS: usize = 2_000;

/// A team's choice as typed: a status key (empty: back to the computed status) and its
/// commentary. `Ok(None)` removes a choice.
pub fn check_choice(key: &str, commentary: &str) -> Result<Option<(ReportStatus, String)>, super::ReviewError> {
    use super::ReviewError;
    if key.trim().is_empty() {
        return Ok(None);
    }
    let status = ReportStatus::from_key(key.trim()).ok_or(ReviewError::NotAllowed)?;
    let commentary = commentary.trim().replace("\r\n", "\n");
    if commentary.is_empty() {
        return Err(ReviewError::MissingCommentary);
    }
    if commentary.chars().count() > MAX_COMMENTARY_CHARS {
        return Err(ReviewError::CommentaryTooLong);
    }
    Ok(Some((status, commentary)))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressReport {
    pub policy_code: String,
    pub policy_name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The status reported: the team's choice if there is one, else the computed one.
    pub status: ReportStatus,
    /// The status Pasos computes from the record.
    pub computed: ReportStatus,
    pub choice: Option<StatusChoice>,
    pub paragraphs: Vec<String>,
}

/// The reporting period of two months ("2023-05", "2023-12"): from the first day of the first
/// to the last day of the second; none when unreadable or reversed.
pub fn period(from: &str, to: &str) -> Option<(NaiveDate, NaiveDate)> {
    let month = |m: &str| NaiveDate::parse_from_str(&format!("{}-01", m.trim()), "%Y-%m-%d").ok();
    let (a, b) = (month(from)?, month(to)?);
    let end = b.checked_add_months(chrono::Months::new(1))?.pred_opt()?;
    (a <= b).then_some((a, end))
}

/// "mayo de 2023".
fn month_year(d: NaiveDate) -> String {
    format!("{} de {}", t().months[d.month0() as usize], d.year())
}

/// "31 de diciembre de 2023".
fn long_day(d: NaiveDate) -> String {
    format!("{} de {}", d.day(), month_year(d))
}

/// The reporting period in words: "entre mayo y diciembre de 2023", "entre noviembre de 2023 y
/// marzo de 2024", "junio de 2024".
pub fn period_text(from: NaiveDate, to: NaiveDate) -> String {
    let months = t().months;
    match (from.year() == to.year(), from.month() == to.month()) {
        (true, true) => month_year(from),
        (true, false) => format!("entre {} y {} de {}", months[from.month0() as usize], months[to.month0() as usize], to.year()),
        (false, _) => format!("entre {} y {}", month_year(from), month_year(to)),
    }
}

/// How a sentence about an event opens, as precisely as its date is known: "El 14 de junio de
/// 2023", "En el mes de junio de 2023", "En 2023", "Durante los meses de abril y mayo de 2023".
fn when(d: &EventDate) -> String {
    match d.precision {
        DatePrecision::Day => format!("El {}", long_day(d.date)),
        DatePrecision::Month => format!("En el mes de {}", month_year(d.date)),
        DatePrecision::Year => format!("En {}", d.date.year()),
        DatePrecision::Months if d.end().year() == d.date.year() => format!("Durante los meses {}", d.text().replacen("entre ", "de ", 1)),
        DatePrecision::Months => format!("Entre {} y {}", month_year(d.date), month_year(d.end())),
        DatePrecision::AsOf => format!("Al {}", long_day(d.date)),
    }
}

/// "Entregable 1 (pasos 1 y 2)".
fn deliverable(n: u8) -> String {
    let steps: Vec<String> = steps_of(n).map(|s| s.number.to_string()).collect();
    format!("Entregable {n} (pasos {})", steps.join(" y "))
}

/// "Se realizó…" → "se realizó…": a recorded sentence continued after the date that opens it.
/// Only the words a sentence of the record starts with are lowered; a name keeps its capital.
fn continued(detail: &str) -> String {
    let first = detail.split_whitespace().next().unwrap_or("");
    if ["Se", "El", "La", "Los", "Las", "Un", "Una"].contains(&first) {
        let mut chars = detail.chars();
        chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
    } else {
        detail.to_string()
    }
}

/// The kind of the latest standing answer of CEPLAN on deliverable `n` up to event `upto`.
fn latest_answer(events: &[PolicyEvent], n: u8, upto: &PolicyEvent) -> Option<CeplanAnswer> {
    let until = events.iter().position(|e| std::ptr::eq(e, upto)).unwrap_or(events.len());
    events[..until]
        .iter()
        .rev()
        .find(|e| e.stands() && e.deliverable == Some(n) && e.state_to == Some(DeliverableState::ObservadoCeplan))
        .and_then(|e| e.answer)
}

/// The clause of the report's sentence for a recorded event (without the date that opens it).
fn clause(e: &PolicyEvent, events: &[PolicyEvent]) -> String {
    let n = e.deliverable.unwrap_or(0);
    let d = deliverable(n);
    let doc = e.document.as_ref().map(|d| format!(", mediante {d}")).unwrap_or_default();
    let version = e.version.map(|v| format!(", versión {v},")).unwrap_or_default();
    let comments = |a: Option<CeplanAnswer>| a == Some(CeplanAnswer::ComentariosRecomendaciones);
    match (e.kind, e.state_to, e.milestone) {
        (EventKind::Transition, Some(to), _) => match to {
            DeliverableState::NoIniciado => format!("el {d} volvió a no iniciado"),
            DeliverableState::EnElaboracion if e.state_from == Some(DeliverableState::Conforme) => {
                format!("se reabrió el {d}, que contaba con la conformidad del CEPLAN")
            }
            DeliverableState::EnRevisionInterna if e.state_from == Some(DeliverableState::EnLevantamiento) => {
                format!("el {d}, reformulado, pasó de nuevo a revisión interna de la Oficina General de Planeamiento y Presupuesto (OGPP)")
            }
            DeliverableState::EnElaboracion if e.state_from == Some(DeliverableState::EnRevisionInterna) => {
                format!("el {d} volvió a elaboración tras la revisión interna de la Oficina General de Planeamiento y Presupuesto (OGPP)")
            }
            DeliverableState::EnElaboracion => format!("se inició la elaboración del {d}"),
            DeliverableState::EnRevisionInterna => {
                format!("se realizaron coordinaciones con la Oficina General de Planeamiento y Presupuesto (OGPP) sobre el {d}")
            }
            DeliverableState::RemitidoCeplan => format!("se remitió al CEPLAN el {d}{version} para su revisión y validación formal{doc}"),
            DeliverableState::ObservadoCeplan if comments(e.answer) => {
                format!("el CEPLAN remitió sus comentarios y recomendaciones al {d}, para su análisis y consideración{doc}")
            }
            DeliverableState::ObservadoCeplan => format!("el CEPLAN formuló observaciones al {d}{doc}"),
            DeliverableState::EnLevantamiento if comments(latest_answer(events, n, e)) => {
                format!("se reformuló el {d}, tomando en cuenta los comentarios y recomendaciones del CEPLAN")
            }
            DeliverableState::EnLevantamiento => format!("se inició el levantamiento de las observaciones del CEPLAN al {d}"),
            DeliverableState::ReingresadoCeplan => format!("se reingresó al CEPLAN el {d}{version} con las observaciones levantadas{doc}"),
            DeliverableState::Conforme => format!("el CEPLAN dio su conformidad al {d}{doc}"),
        },
        (EventKind::Milestone, _, Some(m)) if e.skipped => {
            format!("se registró que no corresponde el hito «{}»", t().milestone(m))
        }
        (EventKind::Milestone, _, Some(m)) => match m {
            Milestone::OpinionTecnica => format!("el CEPLAN emitió opinión técnica favorable sobre la política{doc}"),
            Milestone::Prepublicacion => format!("se prepublicó el proyecto de decreto supremo que aprueba la política{doc}"),
            Milestone::ConformidadSectores => format!("los sectores corresponsables dieron su conformidad a la política{doc}"),
            Milestone::ConsejoMinistros => format!("el Consejo de Ministros dio su voto aprobatorio a la política{doc}"),
            Milestone::Aprobacion => match &e.document {
                Some(decree) => format!("se aprobó la política mediante {decree}"),
                None => "se aprobó la política".to_string(),
            },
            Milestone::Publicacion => format!("se publicó en el diario oficial El Peruano el decreto supremo que aprueba la política{doc}"),
            Milestone::Implementacion => format!("se inició la implementación de la política{doc}"),
        },
        (EventKind::Validation, _, _) => {
            format!("la comisión multisectorial o grupo de trabajo de la política validó el {d}{doc}")
        }
        // A note says what its record says; with no detail, only that it was recorded.
        _ => {
            let doc = e.document.as_ref().map(|d| format!(" ({d})")).unwrap_or_default();
            match e.detail.trim() {
                "" => format!("se registró: {}{doc}", e.title.trim().trim_end_matches('.')),
                detail => format!("{}{doc}", continued(detail.trim_end_matches('.'))),
            }
        }
    }
}

/// The report's sentence for an event: its date, what happened, and for a transition or
/// milestone the detail recorded with it as a sentence of its own.
fn sentence(e: &PolicyEvent, events: &[PolicyEvent]) -> String {
    let what = clause(e, events);
    let joint = if what.starts_with("se ") { " " } else { ", " };
    let mut text = format!("{}{joint}{what}.", when(&e.date));
    if e.kind != EventKind::Note && !e.detail.trim().is_empty() {
        text.push(' ');
        text.push_str(e.detail.trim());
        if !text.ends_with('.') {
            text.push('.');
        }
    }
    text
}

/// "1 región", "12 regiones".
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The report's sentence for a workshop: its days, title and modality, who was convened and what
/// for, how many attended and from how many regions, and how many contributions were recorded
/// from it — each part only as far as the record has it.
pub fn workshop_sentence(s: &WorkshopSummary) -> String {
    let w = &s.workshop;
    // "el taller «Taller macrorregional»" would say it twice.
    let kind = if super::text::folded(&w.title).starts_with("taller") { "" } else { "taller " };
    let mut text = format!("{} se realizó el {kind}«{}»", days_text(&w.date, w.last_day, &t().months), w.title);
    if let Some(m) = w.modality {
        text.push_str(&format!(", de modalidad {}", t().modality(m).to_lowercase()));
    }
    match (&w.organisations, w.jurisdictions.len()) {
        (Some(o), 0) => text.push_str(&format!(", dirigido a {o}")),
        (Some(o), n) => text.push_str(&format!(", dirigido a {o} ({})", counted(n, "región convocada", "regiones convocadas"))),
        (None, 0) => {}
        (None, n) => text.push_str(&format!(", dirigido a {}", counted(n, "región", "regiones"))),
    }
    if let Some(p) = &w.purpose {
        text.push_str(&format!(", con el fin de {p}"));
    }
    let c = &s.counts;
    if c.total > 0 {
        let people = counted(c.total, "participante", "participantes");
        let regions = counted(c.regions(), "región", "regiones");
        match c.with_region() {
            0 => text.push_str(&format!(", con {people}")),
            n if n == c.total => text.push_str(&format!(", con {people} de {regions}")),
            n => text.push_str(&format!(", con {people} ({n} de ellos de {regions})")),
        }
    }
    match s.contributions {
        0 => {}
        1 => text.push_str("; se registró 1 aporte recibido en él"),
        n => text.push_str(&format!("; se registraron {n} aportes recibidos en él")),
    }
    text.push('.');
    text
}

/// A deliverable's state in the words of a sentence ("remitido al CEPLAN para su revisión y
/// validación formal").
fn state_words(state: DeliverableState, answer: Option<CeplanAnswer>) -> &'static str {
    let comments = answer == Some(CeplanAnswer::ComentariosRecomendaciones);
    match state {
        DeliverableState::NoIniciado => "sin iniciar",
        DeliverableState::EnElaboracion => "en elaboración",
        DeliverableState::EnRevisionInterna => "en revisión interna de la OGPP",
        DeliverableState::RemitidoCeplan => "remitido al CEPLAN para su revisión y validación formal",
        DeliverableState::ObservadoCeplan if comments => "con comentarios y recomendaciones del CEPLAN",
        DeliverableState::ObservadoCeplan => "con observaciones del CEPLAN",
        DeliverableState::EnLevantamiento if comments => "en reformulación, tomando en cuenta los comentarios y recomendaciones del CEPLAN",
        DeliverableState::EnLevantamiento => "en levantamiento de las observaciones del CEPLAN",
        DeliverableState::ReingresadoCeplan => "reingresado al CEPLAN",
        DeliverableState::Conforme => "con la conformidad del CEPLAN",
    }
}

/// Since when a deliverable is in its state, as precisely as recorded: " desde junio de 2023",
/// " desde una fecha no registrada, a más tardar el 31/12/2023"; a state with no dated
/// transition at all, " (desde una fecha no registrada)".
fn since(d: Option<&EventDate>) -> String {
    match d {
        Some(d) => format!(" {}", d.since_text()),
        None => format!(" ({})", t().since_not_recorded),
    }
}

/// A deliverable at the end of the period: its state and the transition that put it there.
struct Standing<'a> {
    number: u8,
    state: DeliverableState,
    entered: Option<&'a PolicyEvent>,
}

/// The state of each deliverable at the end of `to`: the last standing transition by then; a
/// deliverable with no dated transition at all keeps its recorded state (history before Pasos).
fn states_at<'a>(to: NaiveDate, current: &[(u8, DeliverableState)], events: &'a [PolicyEvent]) -> Vec<Standing<'a>> {
    current
        .iter()
        .map(|&(number, state)| {
            let transitions: Vec<&PolicyEvent> =
                events.iter().filter(|e| e.stands() && e.kind == EventKind::Transition && e.deliverable == Some(number)).collect();
            if transitions.is_empty() {
                return Standing { number, state, entered: None };
            }
            match transitions.iter().rfind(|e| e.date.date <= to) {
                Some(e) => Standing { number, state: e.state_to.unwrap_or(state), entered: Some(e) },
                None => Standing { number, state: DeliverableState::NoIniciado, entered: None },
            }
        })
        .collect()
}

/// The status of a period, from the state of the work (not only from what happened in it): a
/// policy approved in the period is *Completado*; one approved before it is in implementation,
/// *En curso*; a deliverable started by the end of the period (in drafting, with CEPLAN…) or an
/// event in it make the formulation *En curso*; before anything, *Previsto*. *No alcanzado*
/// means a planned step that did not happen: Pasos holds no plan, so only the team chooses it.
pub fn status(approval: Option<&EventDate>, from: NaiveDate, to: NaiveDate, started: bool, events_in_period: bool) -> ReportStatus {
    match approval {
        Some(d) if d.date <= to && d.end() >= from => ReportStatus::Completado,
        Some(d) if d.end() < from => ReportStatus::EnCurso,
        _ if started || events_in_period => ReportStatus::EnCurso,
        _ => ReportStatus::Previsto,
    }
}

/// The report for `policy` over `[from, to]` (whole days), from its events (oldest first) and its
/// deliverables' current states. It tells each event of the period in order, then the state at
/// the end of the period of what no event of the period tells; it says nothing of deliverables
/// with no record.
pub fn progress_report(
    policy: &Policy,
    current: &[(u8, DeliverableState)],
    events: &[PolicyEvent],
    workshops: &[WorkshopSummary],
    from: NaiveDate,
    to: NaiveDate,
) -> ProgressReport {
    // A date known only to the month, year or a stretch belongs to the period if it overlaps it;
    // a state known only *as of* a day is not an event of the period but part of its state.
    let in_period: Vec<&PolicyEvent> = events
        .iter()
        .filter(|e| e.stands() && e.date.precision != DatePrecision::AsOf && e.date.date <= to && e.date.end() >= from)
        .collect();
    let as_of: Vec<&PolicyEvent> = events
        .iter()
        .filter(|e| e.stands() && e.date.precision == DatePrecision::AsOf && e.date.date >= from && e.date.date <= to)
        .collect();
    let standing = states_at(to, current, events);
    let milestone = |m: Milestone| events.iter().rfind(|e| e.stands() && e.milestone == Some(m) && e.date.date <= to);
    let approval = milestone(Milestone::Aprobacion);
    let started = standing.iter().any(|s| s.state != DeliverableState::NoIniciado);
    let held: Vec<&WorkshopSummary> = workshops.iter().filter(|w| w.within(from, to)).collect();
    let status = status(approval.map(|e| &e.date), from, to, started, !in_period.is_empty() || !held.is_empty());

    // Events and workshops told in the order of their dates (a workshop after the events of its day).
    let mut dated: Vec<(NaiveDate, String)> = in_period.iter().map(|e| (e.date.date, sentence(e, events))).collect();
    dated.extend(held.iter().map(|w| (w.workshop.date.date, workshop_sentence(w))));
    dated.sort_by_key(|(d, _)| *d);
    let mut paragraphs: Vec<String> = dated.into_iter().map(|(_, s)| s).collect();
    let approved_before = approval.filter(|e| e.date.end() < from);
    if paragraphs.is_empty() && approved_before.is_none() {
        paragraphs.push(format!("{} no se registraron eventos en la formulación de la {}.", capitalized(&period_text(from, to)), policy.name));
    }
    let told = |n: u8| in_period.iter().any(|e| e.kind == EventKind::Transition && e.deliverable == Some(n));
    let end = format!("Al {}", long_day(to));
    if let Some(approved) = approved_before {
        // Approved before the period: the policy's state is its implementation.
        let decree = approved.document.as_ref().map(|d| format!(" mediante {d}")).unwrap_or_default();
        let approved_on = approved.date.text();
        paragraphs.push(match milestone(Milestone::Implementacion) {
            Some(m) if m.detail.trim().is_empty() => format!("{end}, la política se encontraba en implementación; fue aprobada{decree} ({approved_on})."),
            Some(m) => format!("{end}, la política se encontraba en implementación; fue aprobada{decree} ({approved_on}). {}", m.detail.trim()),
            None => format!("{end}, la política estaba aprobada{decree} ({approved_on})."),
        });
    } else {
        let states: Vec<String> = standing
            .iter()
            .filter(|s| s.state != DeliverableState::NoIniciado && !told(s.number))
            .map(|s| {
                let answer = s.entered.and_then(|e| e.answer.or_else(|| latest_answer(events, s.number, e)));
                format!("el {} se encontraba {}{}", deliverable(s.number), state_words(s.state, answer), since(s.entered.map(|e| &e.date)))
            })
            .collect();
        if !states.is_empty() {
            let mut text = format!("{end}: {}.", states.join("; "));
            // What the record says with a state known only as of a day.
            for e in standing.iter().filter_map(|s| s.entered).filter(|e| e.date.precision == DatePrecision::AsOf && !told(e.deliverable.unwrap_or(0))) {
                if !e.detail.trim().is_empty() {
                    text.push(' ');
                    text.push_str(e.detail.trim());
                }
            }
            paragraphs.push(text);
        }
    }
    for e in as_of.iter().filter(|e| e.kind == EventKind::Note) {
        paragraphs.push(format!("{}, {}.", when(&e.date), continued(e.detail.trim().trim_end_matches('.'))));
    }
    ProgressReport {
        policy_code: policy.code.clone(),
        policy_name: policy.name.clone(),
        from,
        to,
        status,
        computed: status,
        choice: None,
        paragraphs,
    }
}

/// A sentence as Markdown text that stays text: line breaks become spaces (so no line of it
/// can start a heading, a list or a quote), every character that could open markup anywhere is
/// escaped with a backslash, and so is what would open a block at its start ("- ", "# ", "3. ").
fn markdown_text(text: &str) -> String {
    let line: String = text.chars().filter(|c| *c != '\r').map(|c| if c == '\n' { ' ' } else { c }).collect();
    let line = line.trim_start();
    let mut out = String::with_capacity(line.len() + 8);
    // A block marker at the start: a list, heading or quote sign, or a number before "." or ")".
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let marker = match line.chars().next() {
        Some('-' | '+' | '#' | '=') => Some(0),
        Some(_) if digits > 0 && matches!(line[digits..].chars().next(), Some('.' | ')')) => Some(digits),
        _ => None,
    };
    for (i, c) in line.chars().enumerate() {
        if Some(i) == marker || matches!(c, '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '!' | '|' | '~' | '&') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

impl ProgressReport {
    /// The report with what the follow-up recorded for the years of its period, a sentence each
    /// (`followup::FollowUpYear::sentence`), after what the history tells.
    pub fn with_followup(mut self, years: &[super::followup::FollowUpYear]) -> ProgressReport {
        use chrono::Datelike;
        let within = |y: u16| (self.from.year()..=self.to.year()).contains(&i32::from(y));
        self.paragraphs.extend(years.iter().filter(|y| within(y.year)).map(|y| y.sentence()));
        self
    }

    /// The report with the team's choice of status, if any.
    pub fn with_choice(self, choice: Option<StatusChoice>) -> ProgressReport {
        ProgressReport { status: choice.as_ref().map_or(self.computed, |c| c.status), choice, ..self }
    }

    /// The sentence that says the status was chosen by the team, with its commentary.
    pub fn choice_text(&self) -> Option<String> {
        self.choice.as_ref().map(|c| {
            t().status_chosen(self.computed.label(), &c.by, &crate::domain::time::moment(&c.at), &c.commentary)
        })
    }

    /// The status and comments as plain text, to paste into the report's form.
    pub fn plain_text(&self) -> String {
        let chosen = self.choice_text().map(|c| format!("\n{c}")).unwrap_or_default();
        format!("{}: {}{chosen}\n\n{}", t().report_status, self.status.label(), self.paragraphs.join("\n\n"))
    }

    /// The report as Markdown, with the four boxes of the Alliance 8.7 form.
    pub fn markdown(&self, generated: &str) -> String {
        let boxes: Vec<String> = ReportStatus::ALL
            .iter()
            .map(|s| format!("{} {}", if *s == self.status { "☒" } else { "☐" }, s.label()))
            .collect();
        format!(
            "# {} {} ({})\n\n{}: {}\n\n{}\n\n{}: **{}**{}\n\n{}:\n\n{}\n\n_{} {generated}._\n",
            t().report_document_title,
            self.policy_name,
            self.policy_code,
            t().report_period,
            period_text(self.from, self.to),
            boxes.join(" · "),
            t().report_status,
            self.status.label(),
            self.choice_text().map(|c| format!("\n\n_{}_", markdown_text(&c))).unwrap_or_default(),
            t().report_comments,
            self.paragraphs.iter().map(|p| markdown_text(p)).collect::<Vec<_>>().join("\n\n"),
            t().report_generated,
        )
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::store::demo;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn report(code: &str, from: NaiveDate, to: NaiveDate) -> ProgressReport {
        let p = demo::policies().into_iter().find(|p| p.policy.code == code).unwrap();
        let current: Vec<(u8, DeliverableState)> = (1..=5)
            .map(|n| (n, p.states.iter().find(|s| s.0 == n).map_or(DeliverableState::NoIniciado, |s| s.1)))
            .collect();
        progress_report(&p.policy, &current, &p.events, &[], from, to)
    }

    fn may_to_december_2023(code: &str) -> ProgressReport {
        report(code, day(2023, 5, 1), day(2023, 12, 31))
    }

    /// The report's "Comentarios" for PNMPETF (lines 1043–1056), sentence by sentence.
    #[test]
    fn pnmpetf_may_to_december_2023_says_what_the_report_says() {
        let r = may_to_december_2023("PNMPETF");
        assert_eq!(r.status, ReportStatus::EnCurso);
        let text = r.paragraphs.join("\n");
        for sentence in [
            "Durante los meses de abril y mayo de 2023 se realizaron coordinaciones con la Oficina General de Planeamiento y Presupuesto (OGPP) sobre el Entregable 1 (pasos 1 y 2).",
            "tuvieron la finalidad de que la DPPDFL elabore el informe técnico correspondiente, así como la versión final del Entregable 1.",
            "En el mes de junio de 2023 se remitió al CEPLAN el Entregable 1 (pasos 1 y 2) para su revisión y validación formal.",
            "En el mes de julio de 2023, el CEPLAN remitió sus comentarios y recomendaciones al Entregable 1 (pasos 1 y 2), para su análisis y consideración.",
            "Durante los meses de octubre a diciembre de 2023 se reformuló el Entregable 1 (pasos 1 y 2), tomando en cuenta los comentarios y recomendaciones del CEPLAN.",
            "la nueva Guía de Políticas Nacionales del CEPLAN.",
        ] {
            assert!(text.contains(sentence), "missing «{sentence}» in:\n{text}");
        }
        for never in ["observaciones al Entregable", "no se han iniciado", "los demás entregables", "al CEPLAN el Entregable 1 (pasos 1 y 2).", "a CEPLAN"] {
            assert!(!text.contains(never), "«{never}» in:\n{text}");
        }
    }

    /// PNMPETI: a state known at the end of 2023, not dated moves (lines 967–970).
    #[test]
    fn pnmpeti_has_e1_with_ceplan_and_e2_in_drafting_as_of_the_end_of_2023() {
        let r = may_to_december_2023("PNMPETI");
        assert_eq!(r.status, ReportStatus::EnCurso);
        let text = r.paragraphs.join("\n");
        assert!(text.contains("Al 31 de diciembre de 2023: el Entregable 1 (pasos 1 y 2) se encontraba remitido al CEPLAN para su revisión y validación formal desde una fecha no registrada, a más tardar el 31/12/2023; el Entregable 2 (pasos 3 y 4) se encontraba en elaboración desde una fecha no registrada, a más tardar el 31/12/2023."), "{text}");
        assert!(text.contains("En el mes de octubre de 2023 se realizó un taller dirigido a las regiones (D/GRTPE y sus CDRPETI)"), "{text}");
        assert!(!text.contains("En 2023, se remitió"), "no date is invented for the sending: {text}");
        assert!(!text.contains("Taller con las regiones (D/GRTPE y CDRPETI)."), "a note has a verb: {text}");
    }

    /// PNTP: approved in 2021 and in implementation, so its item is *En curso*, not *Completado*.
    #[test]
    fn pntp_is_in_implementation_not_completed() {
        let r = may_to_december_2023("PNTP");
        assert_eq!(r.status, ReportStatus::EnCurso);
        let text = r.paragraphs.join("\n");
        assert!(text.contains("Al 31 de diciembre de 2023, la política se encontraba en implementación; fue aprobada mediante Decreto Supremo N° 009-2021-IN (27/07/2021)."), "{text}");
        assert!(!text.contains("En 2023, la política entró en implementación"), "{text}");
        // The year it was approved, the formulation was completed.
        assert_eq!(report("PNTP", day(2021, 1, 1), day(2021, 12, 31)).status, ReportStatus::Completado);
    }

    /// The three texts as a manager downloads them, May–December 2023.
    #[test]
    fn the_markdown_of_the_2023_report() {
        for code in ["PNMPETF", "PNMPETI", "PNTP"] {
            let md = may_to_december_2023(code).markdown("01/01/2024");
            insta::assert_snapshot!(format!("report_{code}"), md);
        }
    }

    /// The status follows the state of the work: every state of a deliverable, with and without
    /// events in the period, and an approval before, in and after the period.
    #[test]
    fn the_status_follows_the_state_of_the_work() {
        let (from, to) = (day(2024, 1, 1), day(2024, 6, 30));
        let p = demo::policies().into_iter().next().unwrap().policy;
        for state in DeliverableState::ALL {
            let r = progress_report(&p, &[(1, state)], &[], &[], from, to);
            let expected = if state == DeliverableState::NoIniciado { ReportStatus::Previsto } else { ReportStatus::EnCurso };
            assert_eq!(r.status, expected, "{state:?}");
            assert!(r.paragraphs[0].starts_with("Entre enero y junio de 2024 no se registraron eventos"), "{:?}", r.paragraphs);
            if state != DeliverableState::NoIniciado {
                assert!(r.paragraphs[1].starts_with("Al 30 de junio de 2024: el Entregable 1 (pasos 1 y 2) se encontraba"), "{:?}", r.paragraphs);
            }
            assert!(r.paragraphs.iter().all(|t| !t.contains("Entregable 2")), "nothing about deliverables with no record");
        }
        let approved = |d: EventDate| status(Some(&d), from, to, true, false);
        assert_eq!(approved(EventDate::day(2024, 3, 1)), ReportStatus::Completado);
        assert_eq!(approved(EventDate::day(2023, 3, 1)), ReportStatus::EnCurso, "in implementation");
        assert_eq!(status(Some(&EventDate::day(2024, 9, 1)), from, to, true, false), ReportStatus::EnCurso, "approved after the period");
        assert_eq!(status(None, from, to, false, true), ReportStatus::EnCurso, "an event in the period");
        assert_eq!(status(None, from, to, false, false), ReportStatus::Previsto);
        // Nothing in the report ever claims a step failed: that needs a plan, and the team's word.
        for code in ["PNMPETF", "PNMPETI", "PNTP"] {
            for (a, b) in [(day(2020, 1, 1), day(2020, 12, 31)), (day(2024, 1, 1), day(2024, 6, 30)), (day(2023, 5, 1), day(2023, 12, 31))] {
                assert_ne!(report(code, a, b).status, ReportStatus::NoAlcanzado, "{code}");
            }
        }
    }

    #[test]
    fn before_anything_happened_the_formulation_is_planned() {
        let r = report("PNMPETF", day(2018, 1, 1), day(2018, 12, 31));
        assert_eq!(r.status, ReportStatus::Previsto);
        assert_eq!(r.paragraphs, vec!["Entre enero y diciembre de 2018 no se registraron eventos en la formulación de la Política Nacional Multisectorial para la Prevención y Erradicación del Trabajo Forzoso.".to_string()]);
    }

    #[test]
    fn periods_are_whole_months_and_read_as_words() {
        assert_eq!(period("2023-05", "2023-12"), Some((day(2023, 5, 1), day(2023, 12, 31))));
        assert_eq!(period("2024-02", "2024-02"), Some((day(2024, 2, 1), day(2024, 2, 29))));
        assert_eq!(period("2023-12", "2023-05"), None);
        assert_eq!(period("mayo", "2023-12"), None);
        assert_eq!(period_text(day(2023, 5, 1), day(2023, 12, 31)), "entre mayo y diciembre de 2023");
        assert_eq!(period_text(day(2023, 11, 1), day(2024, 3, 31)), "entre noviembre de 2023 y marzo de 2024");
        assert_eq!(period_text(day(2024, 6, 1), day(2024, 6, 30)), "junio de 2024");
    }

    /// A workshop of the period is told among the events, in the order of its day, with what its
    /// record has: attendance counted, regions known, contributions recorded from it.
    #[test]
    fn a_workshop_is_told_with_its_participants_and_regions() {
        use crate::domain::workshop::{counts, Attendee, Modality, Workshop, WorkshopSummary};
        let person = |j: Option<&str>| Attendee { name: "x".into(), position: None, entity: None, entity_type: None, jurisdiction: j.map(str::to_string), sex: None };
        let regions = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"];
        let attendees: Vec<Attendee> = (0..48).map(|i| person(Some(regions[i % 12]))).collect();
        let workshop = Workshop {
            title: "Taller macrorregional".into(),
            date: EventDate::day(2023, 10, 12),
            last_day: None,
            modality: Some(Modality::Virtual),
            place: None,
            purpose: Some("validar la situación futura deseada".into()),
            version: None,
            steps: vec![3],
            round: None,
            jurisdictions: regions.iter().map(|r| r.to_string()).collect(),
            organisations: Some("las D/GRTPE y los CDRPETI".into()),
        };
        let summary = WorkshopSummary { workshop: workshop.clone(), counts: counts(&attendees), contributions: 2 };
        assert_eq!(
            workshop_sentence(&summary),
            "El 12 de octubre de 2023 se realizó el «Taller macrorregional», de modalidad virtual, dirigido a las D/GRTPE y los CDRPETI \
             (12 regiones convocadas), con el fin de validar la situación futura deseada, con 48 participantes de 12 regiones; se registraron 2 \
             aportes recibidos en él."
        );
        // One region convened, in the singular; a title that does not say it is a workshop is told so.
        let one = Workshop { title: "Diálogo con el CDRPETI Cusco".into(), jurisdictions: vec!["08".into()], modality: None, purpose: None, ..workshop.clone() };
        assert_eq!(
            workshop_sentence(&WorkshopSummary { workshop: one, counts: counts(&[]), contributions: 0 }),
            "El 12 de octubre de 2023 se realizó el taller «Diálogo con el CDRPETI Cusco», dirigido a las D/GRTPE y los CDRPETI (1 región convocada)."
        );
        // Nothing recorded beyond the call: nothing more is said; a region unknown for some is said so.
        let bare = Workshop { modality: None, purpose: None, jurisdictions: vec![], organisations: None, ..workshop.clone() };
        let some = vec![person(Some("08")), person(None)];
        assert_eq!(workshop_sentence(&WorkshopSummary { workshop: bare.clone(), counts: counts(&[]), contributions: 0 }), "El 12 de octubre de 2023 se realizó el «Taller macrorregional».");
        assert_eq!(
            workshop_sentence(&WorkshopSummary { workshop: bare.clone(), counts: counts(&some), contributions: 1 }),
            "El 12 de octubre de 2023 se realizó el «Taller macrorregional», con 2 participantes (1 de ellos de 1 región); se registró 1 aporte recibido en él."
        );
        // In the report: among the period's events by date, and it makes the period one with work.
        let p = demo::policies().into_iter().next().unwrap().policy;
        let r = progress_report(&p, &[(1, DeliverableState::NoIniciado)], &[], std::slice::from_ref(&summary), day(2023, 10, 1), day(2023, 12, 31));
        assert_eq!(r.status, ReportStatus::EnCurso);
        assert_eq!(r.paragraphs, vec![workshop_sentence(&summary)]);
        let outside = progress_report(&p, &[(1, DeliverableState::NoIniciado)], &[], &[summary], day(2024, 1, 1), day(2024, 3, 31));
        assert_eq!(outside.status, ReportStatus::Previsto);
    }

    #[test]
    fn a_recorded_sentence_continues_after_its_date() {
        assert_eq!(continued("Se realizó un taller"), "se realizó un taller");
        assert_eq!(continued("El MTPE aprobó"), "el MTPE aprobó");
        assert_eq!(continued("Lima Metropolitana envió"), "Lima Metropolitana envió");
        assert_eq!(continued("CEPLAN envió"), "CEPLAN envió");
    }

    /// One sentence per kind of event, with the event's own detail, and a verb in each.
    #[test]
    fn each_kind_of_event_has_its_sentence() {
        let p = demo::policies().into_iter().next().unwrap().policy;
        let event = |kind, to: Option<DeliverableState>, from: Option<DeliverableState>, m: Option<Milestone>| PolicyEvent {
            deliverable: m.is_none().then_some(1),
            state_from: from,
            state_to: to,
            milestone: m,
            document: Some("Oficio N° 1-2024".into()),
            ..PolicyEvent::new(kind, EventDate::day(2024, 3, 5), "t")
        };
        let one = |e: PolicyEvent| {
            let events = vec![e];
            progress_report(&p, &[(1, DeliverableState::EnElaboracion)], &events, &[], day(2024, 3, 1), day(2024, 3, 31)).paragraphs[0].clone()
        };
        use DeliverableState::*;
        assert_eq!(one(event(EventKind::Transition, Some(EnElaboracion), Some(Conforme), None)), "El 5 de marzo de 2024 se reabrió el Entregable 1 (pasos 1 y 2), que contaba con la conformidad del CEPLAN.");
        assert_eq!(one(event(EventKind::Transition, Some(EnRevisionInterna), Some(EnLevantamiento), None)), "El 5 de marzo de 2024, el Entregable 1 (pasos 1 y 2), reformulado, pasó de nuevo a revisión interna de la Oficina General de Planeamiento y Presupuesto (OGPP).");
        assert_eq!(one(event(EventKind::Validation, None, None, None)), "El 5 de marzo de 2024, la comisión multisectorial o grupo de trabajo de la política validó el Entregable 1 (pasos 1 y 2), mediante Oficio N° 1-2024.");
        assert_eq!(one(event(EventKind::Milestone, None, None, Some(Milestone::ConsejoMinistros))), "El 5 de marzo de 2024, el Consejo de Ministros dio su voto aprobatorio a la política, mediante Oficio N° 1-2024.");
        let mut skipped = event(EventKind::Milestone, None, None, Some(Milestone::Prepublicacion));
        skipped.skipped = true;
        skipped.detail = "El proyecto no se prepublicó por tratarse de una política reformulada.".into();
        assert_eq!(one(skipped), "El 5 de marzo de 2024 se registró que no corresponde el hito «Prepublicación del proyecto de decreto supremo». El proyecto no se prepublicó por tratarse de una política reformulada.");
        let mut note = event(EventKind::Note, None, None, None);
        note.title = "Taller con las regiones".into();
        assert_eq!(one(note), "El 5 de marzo de 2024 se registró: Taller con las regiones (Oficio N° 1-2024).");
    }

    /// The team may choose another status, never without saying why; the choice is printed
    /// with the computed status, who chose and when.
    #[test]
    fn the_team_chooses_a_status_only_with_a_commentary() {
        use crate::domain::ReviewError;
        assert_eq!(check_choice("no_alcanzado", "  "), Err(ReviewError::MissingCommentary));
        assert_eq!(check_choice("otro", "x"), Err(ReviewError::NotAllowed));
        assert_eq!(check_choice("", ""), Ok(None), "back to the computed status");
        assert_eq!(check_choice("no_alcanzado", &"x".repeat(2001)), Err(ReviewError::CommentaryTooLong));
        let (status, commentary) = check_choice("no_alcanzado", " El plan preveía remitir el Entregable 2 en 2023. ").unwrap().unwrap();
        let at = chrono::DateTime::parse_from_rfc3339("2024-01-05T15:00:00Z").unwrap().with_timezone(&chrono::Utc);
        let r = may_to_december_2023("PNMPETI").with_choice(Some(StatusChoice { status, commentary, by: "Equipo DPPDFL (demo)".into(), at }));
        assert_eq!((r.status, r.computed), (ReportStatus::NoAlcanzado, ReportStatus::EnCurso));
        let md = r.markdown("05/01/2024");
        assert!(md.contains("☒ No alcanzado") && md.contains("☐ En curso"), "{md}");
        assert!(md.contains("Situación elegida por Equipo DPPDFL (demo) el 05/01/2024 10:00 (Pasos calcula «En curso»): El plan preveía remitir el Entregable 2 en 2023."), "{md}");
        assert_eq!(r.clone().with_choice(None).status, ReportStatus::EnCurso);
        for s in ReportStatus::ALL {
            assert_eq!(ReportStatus::from_key(s.key()), Some(s));
        }
    }

    /// Whatever a person typed stays text in the Markdown: no heading, list, link, HTML or
    /// emphasis comes out of it.
    #[test]
    fn typed_text_stays_text_in_the_markdown() {
        let hostile = "# Título\n- lista\n[x](javascript:alert(1)) </textarea><script>alert(1)</script> \"><img src=x onerror=alert(1)> _a_ *b* `c`";
        let escaped = markdown_text(hostile);
        assert!(!escaped.contains('\n'));
        assert!(escaped.starts_with("\\# Título"), "{escaped}");
        assert_eq!(markdown_text("2023. Año"), "2023\\. Año", "no ordered list");
        assert_eq!(markdown_text("D.S. N° 012-2023-TR"), "D.S. N° 012-2023-TR", "a hyphen inside a line stays as it is");
        let html = crate::markdown::render(&escaped);
        assert!(!html.contains("<script") && !html.contains("<img") && !html.contains("<a ") && !html.contains("<h1") && !html.contains("<li"), "{html}");
        assert!(html.contains("&lt;script&gt;") || html.contains("&lt;/textarea&gt;"), "the text is still there: {html}");
        assert!(!html.contains("<em>") && !html.contains("<strong>") && !html.contains("<code>"), "{html}");
    }
}
