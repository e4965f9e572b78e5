//! The follow-up's reads: a policy's reporting periods with their lights, and one year's reporte
//! de seguimiento as this reader may see it and act on it.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::followup::{Analysis, IndicatorYear, Period, Tally, Thresholds};
use crate::web::WebError;

/// A period in its policy's list, with its lights counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodLine {
    pub period: Period,
    pub tally: Tally,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUpPage {
    pub policy_code: String,
    pub policy_name: String,
    /// The approval as the record says it: (decree, date as precise as known), if recorded.
    pub approval: Option<(Option<String>, String)>,
    /// The periods this reader may read, by year.
    pub periods: Vec<PeriodLine>,
    /// The years a period may still be opened for (to the team).
    pub years: Vec<u16>,
    pub may_manage: bool,
    /// What the opening form proposes: the last period's thresholds, or Pasos' default.
    pub thresholds: Thresholds,
}

/// An indicator on the report: its year, its chart (SVG and its words) when it has two values or
/// more, and whether this reader may record its value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorView {
    pub row: IndicatorYear,
    pub chart: Option<(String, String)>,
    pub may_report: bool,
}

/// An objective on the report, with its indicators and its analysis (Markdown and sanitized HTML).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveView {
    pub id: String,
    pub code: String,
    pub statement: String,
    pub indicators: Vec<IndicatorView>,
    pub analysis: Option<Analysis>,
    pub analysis_html: String,
}

/// A service with indicators on the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceView {
    pub code: String,
    pub name: String,
    pub objective: Option<String>,
    pub indicators: Vec<IndicatorView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportPage {
    pub policy_code: String,
    pub policy_name: String,
    pub period: Period,
    pub objectives: Vec<ObjectiveView>,
    pub services: Vec<ServiceView>,
    pub tally: Tally,
    /// Some indicator was seeded as an example: said on the page and in every export.
    pub illustrative: bool,
    pub may_manage: bool,
    pub may_review: bool,
    /// What stands between the period and its closing: objectives without analysis, not reviewed.
    pub blocked: Option<(Vec<String>, Vec<String>)>,
    pub today: chrono::NaiveDate,
}

impl ReportPage {
    /// Every indicator of the report, objectives' first.
    pub fn indicators(&self) -> impl Iterator<Item = &IndicatorView> {
        self.objectives.iter().flat_map(|o| o.indicators.iter()).chain(self.services.iter().flat_map(|s| s.indicators.iter()))
    }
}

/// The approval of a policy in its history: (decree, date as precise as known, the date).
pub fn approval(events: &[crate::domain::PolicyEvent]) -> Option<(Option<String>, String, chrono::NaiveDate)> {
    events
        .iter()
        .rfind(|e| e.stands() && !e.skipped && e.milestone == Some(crate::domain::Milestone::Aprobacion))
        .map(|e| (e.document.clone(), e.date.text(), e.date.date))
}

/// A policy's reporting periods, with the form that opens one for its team.
#[server(endpoint = "seguimiento")]
pub async fn get_followup(code: String) -> Result<FollowUpPage, WebError> {
    use crate::domain::{may, Action, Resource};
    use crate::web::{require, store, SignedIn};
    use chrono::Datelike;
    let user = SignedIn::current().await?;
    let code = crate::domain::Policy::normalize_code(&code);
    let store = store()?;
    let detail = store.policy_detail(&code).await?.ok_or(WebError::NotFound)?;
    require(&user, Action::ReadPolicy, Resource::Policy(&code))?;
    let actor = user.actor();
    let all = store.periods(&code).await?;
    let approved = approval(&detail.events);
    let today = crate::domain::time::today();
    let taken: Vec<u16> = all.iter().map(|p| p.year).collect();
    let years = approved.as_ref().map(|(_, _, d)| (d.year() as u16..=today.year() as u16).filter(|y| !taken.contains(y)).collect()).unwrap_or_default();
    let thresholds = all.last().map(|p| p.thresholds).unwrap_or_default();
    let periods = lines_of(&store, &actor, &code, all).await?;
    Ok(FollowUpPage {
        policy_code: detail.overview.policy.code.clone(),
        policy_name: detail.overview.policy.name.clone(),
        approval: approved.map(|(decree, when, _)| (decree, when)),
        periods,
        years,
        may_manage: may(&actor, Action::ManageFollowUp, Resource::Policy(&code)),
        thresholds,
    })
}

/// The periods of a policy `actor` may read, by year, each with its lights counted.
#[cfg(feature = "ssr")]
pub async fn periods_read_by(store: &crate::store::Store, actor: &crate::domain::Actor, code: &str) -> Result<Vec<PeriodLine>, crate::store::StoreError> {
    lines_of(store, actor, code, store.periods(code).await?).await
}

/// Of a policy's `periods` (read already), those `actor` may read, each with its lights counted.
#[cfg(feature = "ssr")]
pub async fn lines_of(store: &crate::store::Store, actor: &crate::domain::Actor, code: &str, periods: Vec<Period>) -> Result<Vec<PeriodLine>, crate::store::StoreError> {
    use crate::domain::{may, Action, Resource};
    let periods: Vec<Period> = periods.into_iter().filter(|p| may(actor, Action::ReadFollowUp, Resource::FollowUp { policy: code, open: p.is_open() })).collect();
    if periods.is_empty() {
        return Ok(vec![]);
    }
    let (items, values) = tokio::try_join!(store.items(code), store.followup_values(code, None))?;
    Ok(periods
        .into_iter()
        .map(|period| {
            let (objectives, services) = crate::domain::followup::report_rows(&items, period.year, &values, period.thresholds);
            PeriodLine { period, tally: crate::domain::followup::tally_of(&objectives, &services) }
        })
        .collect())
}

impl PeriodLine {
    /// The year as the progress report tells it.
    pub fn told(&self) -> crate::domain::followup::FollowUpYear {
        crate::domain::followup::FollowUpYear { year: self.period.year, closed_on: self.period.closed.as_ref().map(|(_, at)| crate::domain::time::lima_date(*at)), tally: self.tally }
    }
}

/// The reporte de seguimiento of `year`.
#[server(endpoint = "seguimiento_anio")]
pub async fn get_followup_year(code: String, year: u16) -> Result<ReportPage, WebError> {
    use crate::web::{store, SignedIn};
    let user = SignedIn::current().await?;
    report_of(&store()?, &user, &crate::domain::Policy::normalize_code(&code), year).await
}

/// The report of `year` as `user` may read it (not found, or forbidden, otherwise).
#[cfg(feature = "ssr")]
pub async fn report_of(store: &crate::store::Store, user: &crate::web::SignedIn, code: &str, year: u16) -> Result<ReportPage, WebError> {
    use crate::domain::annexes::Chart;
    use crate::domain::followup::{report_rows, with_followup};
    use crate::domain::{may, Action, Resource};
    let policy = store.policy(code).await?.ok_or(WebError::NotFound)?;
    let periods = store.periods(code).await?;
    let period = periods.iter().find(|p| p.year == year).cloned().ok_or(WebError::NotFound)?;
    crate::web::require(user, Action::ReadFollowUp, Resource::FollowUp { policy: code, open: period.is_open() })?;
    let actor = user.actor();
    let (items, values, analyses) = tokio::try_join!(store.items(code), store.followup_values(code, None), store.analyses(code, year))?;
    let (objectives, services) = report_rows(&items, year, &values, period.thresholds);
    // The charts show the years up to this one that this reader may read: a closed report does not
    // change with later years, nor show a year still open to who may not read it.
    let readable: Vec<u16> = periods.iter().filter(|p| p.year <= year && may(&actor, Action::ReadFollowUp, Resource::FollowUp { policy: code, open: p.is_open() })).map(|p| p.year).collect();
    let charted: Vec<_> = values.iter().filter(|v| readable.contains(&v.year)).cloned().collect();
    let tally = crate::domain::followup::tally_of(&objectives, &services);
    let open = period.is_open();
    let view = |row: IndicatorYear| {
        let chart = items.iter().find(|i| i.id == row.id).and_then(|i| Chart::of(&with_followup(i, &charted))).map(|c| (c.svg(&format!("grafico-{}", row.id)), c.description()));
        let may_report = open && may(&actor, Action::ReportValue, Resource::Indicator { policy: code, responsible: &row.responsible });
        IndicatorView { row, chart, may_report }
    };
    let blocked = crate::domain::followup::closing_blocked(&crate::domain::followup::reported_objectives(&items), &analyses);
    let objectives: Vec<ObjectiveView> = objectives
        .into_iter()
        .map(|o| {
            let analysis = analyses.iter().find(|a| a.objective == o.id).cloned();
            let analysis_html = analysis.as_ref().map(|a| crate::markdown::render_in(&a.text, 4, &format!("analisis-{}", o.id))).unwrap_or_default();
            ObjectiveView { indicators: o.indicators.into_iter().map(view).collect(), id: o.id, code: o.code, statement: o.statement, analysis, analysis_html }
        })
        .collect();
    let services: Vec<ServiceView> =
        services.into_iter().map(|s| ServiceView { code: s.code, name: s.name, objective: s.objective, indicators: s.indicators.into_iter().map(view).collect() }).collect();
    let mut page = ReportPage {
        policy_code: policy.code,
        policy_name: policy.name,
        objectives,
        services,
        tally,
        illustrative: false,
        may_manage: open && may(&actor, Action::ManageFollowUp, Resource::Policy(code)),
        may_review: open && may(&actor, Action::ReviewAnalysis, Resource::Policy(code)),
        blocked,
        today: crate::domain::time::today(),
        period,
    };
    let illustrative = page.indicators().any(|i| i.row.illustrative);
    page.illustrative = illustrative;
    Ok(page)
}
