//! The progress-report text (the "Comentarios" of the Alliance 8.7 report), written from the
//! recorded events of a policy for a reporting period — never typed by hand. Pure: data in, text out.
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::{steps_of, DatePrecision, DeliverableState, EventDate, EventKind, Milestone, Policy, PolicyEvent};
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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressReport {
    pub policy_code: String,
    pub policy_name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub status: ReportStatus,
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

/// "El 14 de junio de 2023" / "En junio de 2023" / "En 2023".
fn when(d: &EventDate) -> String {
    match d.precision {
        DatePrecision::Day => format!("El {} de {}", d.date.day(), month_year(d.date)),
        DatePrecision::Month => format!("En {}", month_year(d.date)),
        DatePrecision::Year => format!("En {}", d.date.year()),
    }
}

/// "Entregable 1 (pasos 1 y 2)".
fn deliverable(n: u8) -> String {
    let steps: Vec<String> = steps_of(n).map(|s| s.number.to_string()).collect();
    format!("Entregable {n} (pasos {})", steps.join(" y "))
}

/// "desde el 14 de junio de 2023" / "desde junio de 2023" / "desde 2023".
fn since(d: &EventDate) -> String {
    match d.precision {
        DatePrecision::Day => format!("desde el {} de {}", d.date.day(), month_year(d.date)),
        DatePrecision::Month => format!("desde {}", month_year(d.date)),
        DatePrecision::Year => format!("desde {}", d.date.year()),
    }
}

fn sentence(e: &PolicyEvent) -> String {
    let n = e.deliverable.unwrap_or(0);
    let doc = e.document.as_ref().map(|d| format!(" ({d})")).unwrap_or_default();
    let version = e.version.map(|v| format!(", versión {v}")).unwrap_or_default();
    let what = match (e.kind, e.state_to, e.milestone) {
        (EventKind::Transition, Some(to), _) => match to {
            DeliverableState::NoIniciado => format!("el {} volvió a no iniciado", deliverable(n)),
            DeliverableState::EnElaboracion if e.state_from == Some(DeliverableState::EnRevisionInterna) => {
                format!("el {} volvió a elaboración tras la revisión interna", deliverable(n))
            }
            DeliverableState::EnElaboracion => format!("se inició la elaboración del {}", deliverable(n)),
            DeliverableState::EnRevisionInterna => format!("el {} pasó a revisión interna (OGPP)", deliverable(n)),
            DeliverableState::RemitidoCeplan => format!("se remitió al CEPLAN el {}{version}{doc}", deliverable(n)),
            DeliverableState::ObservadoCeplan => format!("el CEPLAN formuló observaciones al {}{doc}", deliverable(n)),
            DeliverableState::EnLevantamiento => {
                format!("se inició el levantamiento de las observaciones del CEPLAN al {}", deliverable(n))
            }
            DeliverableState::ReingresadoCeplan => {
                format!("se reingresó al CEPLAN el {}{version} con las observaciones levantadas{doc}", deliverable(n))
            }
            DeliverableState::Conforme => format!("el CEPLAN dio su conformidad al {}{doc}", deliverable(n)),
        },
        (EventKind::Milestone, _, Some(m)) => match m {
            Milestone::OpinionTecnica => format!("el CEPLAN emitió su opinión técnica sobre la política{doc}"),
            Milestone::Prepublicacion => format!("se prepublicó la política{doc}"),
            Milestone::Aprobacion => format!("se aprobó la política{doc}"),
            Milestone::Publicacion => format!("se publicó la política en el diario oficial El Peruano{doc}"),
            Milestone::Implementacion => format!("la política entró en implementación{doc}"),
        },
        _ => format!("{}{doc}", e.title.trim_end_matches('.')),
    };
    format!("{}, {what}.", when(&e.date))
}

/// The state of each deliverable at the end of `to`: the last standing transition by then; a
/// deliverable with no dated transition at all keeps its recorded state (history before Pasos).
fn states_at(to: NaiveDate, current: &[(u8, DeliverableState)], events: &[PolicyEvent]) -> Vec<(u8, DeliverableState, Option<EventDate>)> {
    current
        .iter()
        .map(|&(n, state)| {
            let transitions: Vec<&PolicyEvent> =
                events.iter().filter(|e| e.stands() && e.kind == EventKind::Transition && e.deliverable == Some(n)).collect();
            if transitions.is_empty() {
                return (n, state, None);
            }
            match transitions.iter().rfind(|e| e.date.date <= to) {
                Some(e) => (n, e.state_to.unwrap_or(state), Some(e.date)),
                None => (n, DeliverableState::NoIniciado, None),
            }
        })
        .collect()
}

/// The report for `policy` over `[from, to]` (whole days), from its events (oldest first) and its
/// deliverables' current states.
pub fn progress_report(
    policy: &Policy,
    current: &[(u8, DeliverableState)],
    events: &[PolicyEvent],
    from: NaiveDate,
    to: NaiveDate,
) -> ProgressReport {
    // An event dated only by month or year belongs to the period if that month or year overlaps it.
    let in_period: Vec<&PolicyEvent> = events.iter().filter(|e| e.stands() && e.date.date <= to && e.date.end() >= from).collect();
    let at_end = states_at(to, current, events);
    let approved = events
        .iter()
        .any(|e| e.stands() && e.milestone == Some(Milestone::Aprobacion) && e.date.date <= to);
    let all_conforme = at_end.len() == 5 && at_end.iter().all(|s| s.1 == DeliverableState::Conforme);
    let started = at_end.iter().any(|s| s.1 != DeliverableState::NoIniciado);
    let status = if approved || all_conforme {
        ReportStatus::Completado
    } else if !in_period.is_empty() {
        ReportStatus::EnCurso
    } else if started {
        ReportStatus::NoAlcanzado
    } else {
        ReportStatus::Previsto
    };

    let mut paragraphs = Vec::new();
    let period = format!("Entre {} y {}", month_year(from), month_year(to));
    if in_period.is_empty() {
        paragraphs.push(format!("{period} no se registraron avances en la formulación de la {}.", policy.name));
    } else {
        let mut text = format!("{period}, en la formulación de la {} ({}):", policy.name, policy.code);
        for e in &in_period {
            text.push(' ');
            text.push_str(&sentence(e));
        }
        paragraphs.push(text);
    }
    let standing: Vec<String> = at_end
        .iter()
        .filter(|s| s.1 != DeliverableState::NoIniciado)
        .map(|(n, state, entered)| {
            let since = entered.map(|d| format!(" {}", since(&d))).unwrap_or_default();
            format!("Entregable {n}: {}{since}", t().deliverable_state(*state))
        })
        .collect();
    let closing = format!("Situación al {}", to.format("%d/%m/%Y"));
    paragraphs.push(if standing.is_empty() {
        format!("{closing}: ningún entregable iniciado.")
    } else {
        let rest = if standing.len() < 5 { "; los demás entregables no se han iniciado" } else { "" };
        format!("{closing}: {}{rest}.", standing.join("; "))
    });
    ProgressReport {
        policy_code: policy.code.clone(),
        policy_name: policy.name.clone(),
        from,
        to,
        status,
        paragraphs,
    }
}

impl ProgressReport {
    /// The report as Markdown, with the four boxes of the Alliance 8.7 form.
    pub fn markdown(&self, generated: &str) -> String {
        let boxes: Vec<String> = ReportStatus::ALL
            .iter()
            .map(|s| format!("{} {}", if *s == self.status { "☒" } else { "☐" }, s.label()))
            .collect();
        format!(
            "# Avance de la formulación de la {} ({})\n\nPeriodo: {} – {}\n\n{}\n\nSituación: **{}**\n\nComentarios:\n\n{}\n\n_Generado por Pasos a partir de los eventos registrados, el {generated}._\n",
            self.policy_name,
            self.policy_code,
            month_year(self.from),
            month_year(self.to),
            boxes.join(" · "),
            self.status.label(),
            self.paragraphs.join("\n\n"),
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
        progress_report(&p.policy, &current, &p.events, from, to)
    }

    /// The seeded history gives back what the 2023 report says for May–December 2023.
    #[test]
    fn pnmpetf_may_to_december_2023_reads_like_the_report() {
        let r = report("PNMPETF", day(2023, 5, 1), day(2023, 12, 31));
        assert_eq!(r.status, ReportStatus::EnCurso);
        let text = r.paragraphs.join("\n");
        assert!(text.contains("En junio de 2023, se remitió al CEPLAN el Entregable 1 (pasos 1 y 2)."), "{text}");
        assert!(text.contains("En julio de 2023, el CEPLAN formuló observaciones al Entregable 1 (pasos 1 y 2)."), "{text}");
        assert!(text.contains("En octubre de 2023, se inició el levantamiento de las observaciones"), "{text}");
        assert!(!text.contains("abril de 2023"), "April is before the period: {text}");
        assert!(text.contains("Situación al 31/12/2023: Entregable 1: En levantamiento de observaciones desde octubre de 2023; los demás"), "{text}");
        let md = r.markdown("01/01/2024");
        assert!(md.contains("☒ En curso") && md.contains("☐ Completado"), "{md}");
    }

    #[test]
    fn pnmpeti_has_e1_with_ceplan_and_e2_in_drafting() {
        let text = report("PNMPETI", day(2023, 5, 1), day(2023, 12, 31)).paragraphs.join("\n");
        assert!(text.contains("se remitió al CEPLAN el Entregable 1"), "{text}");
        assert!(text.contains("En 2023, se inició la elaboración del Entregable 2 (pasos 3 y 4)."), "{text}");
        assert!(text.contains("En octubre de 2023, Taller con las regiones (D/GRTPE y CDRPETI)."), "{text}");
        assert!(text.contains("Entregable 1: Remitido a CEPLAN desde 2023; Entregable 2: En elaboración desde 2023"), "{text}");
    }

    /// The whole report as the team downloads it, for both policies, May–December 2023.
    #[test]
    fn the_markdown_of_the_2023_report() {
        for code in ["PNMPETF", "PNMPETI"] {
            let md = report(code, day(2023, 5, 1), day(2023, 12, 31)).markdown("01/01/2024");
            insta::assert_snapshot!(format!("report_{code}"), md);
        }
    }

    #[test]
    fn periods_are_whole_months() {
        assert_eq!(period("2023-05", "2023-12"), Some((day(2023, 5, 1), day(2023, 12, 31))));
        assert_eq!(period("2024-02", "2024-02"), Some((day(2024, 2, 1), day(2024, 2, 29))));
        assert_eq!(period("2023-12", "2023-05"), None);
        assert_eq!(period("mayo", "2023-12"), None);
    }

    #[test]
    fn the_four_answers() {
        // Approved by decree: completed.
        assert_eq!(report("PNTP", day(2023, 5, 1), day(2023, 12, 31)).status, ReportStatus::Completado);
        // Before anything happened: planned.
        assert_eq!(report("PNMPETF", day(2020, 1, 1), day(2020, 12, 31)).status, ReportStatus::Previsto);
        // Started, but nothing recorded in the period: not achieved.
        assert_eq!(report("PNMPETF", day(2024, 1, 1), day(2024, 6, 30)).status, ReportStatus::NoAlcanzado);
    }
}
