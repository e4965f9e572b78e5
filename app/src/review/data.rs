//! The reads of the review: the managers' dashboard and the progress-report text.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::web::WebError;

/// One policy on the managers' dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DashboardPolicy {
    pub code: String,
    pub name: String,
    pub topic: String,
    pub tracks: Vec<crate::domain::dashboard::DeliverableTrack>,
    /// Where the timeline starts: the first dated event.
    pub start: Option<chrono::NaiveDate>,
    pub milestone: Option<crate::domain::Milestone>,
    /// The plan in force against the record (empty: no plan).
    #[serde(default)]
    pub plan: Vec<crate::domain::plan::PlanLine>,
}

/// A deliverable that needs a manager's attention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttentionItem {
    pub code: String,
    pub name: String,
    /// A deliverable, or for a plan's milestone, the milestone.
    pub target: crate::domain::plan::PlanTarget,
    pub kind: crate::domain::dashboard::AttentionKind,
    /// How long it has waited, as precisely as the record tells.
    pub days: crate::domain::dashboard::Days,
}

/// An approved policy's latest follow-up year on the dashboard, with its lights counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImplementationLine {
    pub code: String,
    pub name: String,
    pub year: u16,
    pub open: bool,
    pub tally: crate::domain::followup::Tally,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DashboardPage {
    pub policies: Vec<DashboardPolicy>,
    /// The approved policies in implementation: their latest follow-up year each.
    #[serde(default)]
    pub implementation: Vec<ImplementationLine>,
    /// Every topic, for the filter.
    pub topics: Vec<String>,
    pub today: chrono::NaiveDate,
    pub threshold: i64,
    pub attention: Vec<AttentionItem>,
}

/// A policy's work plan against the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanPage {
    pub policy_code: String,
    pub policy_name: String,
    /// Every version, oldest first (the last is in force).
    pub plans: Vec<crate::domain::plan::WorkPlan>,
    pub lines: Vec<crate::domain::plan::PlanLine>,
    pub today: chrono::NaiveDate,
    pub may_manage: bool,
}

/// The work plan of a policy, for those who follow progress (the ministry and CEPLAN).
#[server(endpoint = "plan")]
pub async fn get_plan(code: String) -> Result<PlanPage, WebError> {
    use crate::domain::{Action, Resource};
    use crate::web::{require, store, SignedIn};
    let user = SignedIn::current().await?;
    let code = crate::domain::Policy::normalize_code(&code);
    let store = store()?;
    let detail = store.policy_detail(&code).await?.ok_or(WebError::NotFound)?;
    require(&user, Action::FollowProgress, Resource::Site)?;
    require(&user, Action::ReadPolicy, Resource::Policy(&code))?;
    let today = crate::domain::time::today();
    let plans = store.work_plans(&code).await?;
    let states: Vec<_> = detail.overview.deliverables.iter().map(|d| d.state).collect();
    let lines = crate::domain::plan::plan_lines(&plans, &states, &detail.events, today);
    Ok(PlanPage {
        policy_code: detail.overview.policy.code.clone(),
        policy_name: detail.overview.policy.name.clone(),
        plans,
        lines,
        today,
        may_manage: crate::domain::may(&user.actor(), Action::ManagePlan, Resource::Policy(&code)),
    })
}

/// The progress-report page: the text for the chosen period, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportPage {
    pub policy_code: String,
    pub policy_name: String,
    pub from: String,
    pub to: String,
    pub report: Option<crate::domain::report::ProgressReport>,
    pub markdown: String,
    /// The period could not be read (bad month, or the end before the start).
    pub bad_period: bool,
    /// Whether this reader may choose the period's status (the team, managers).
    pub may_choose: bool,
}


/// The managers' dashboard: every policy's deliverables with time in state, time with CEPLAN and
/// rounds, the timelines, and what has waited longer than `threshold` days; filtered by topic and
/// by a state some deliverable is in.
#[server(endpoint = "dashboard")]
pub async fn get_dashboard(topic: Option<String>, state: Option<String>, threshold: Option<i64>) -> Result<DashboardPage, WebError> {
    use crate::web::{store, SignedIn};
    use crate::domain::dashboard::{attention, track};
    use crate::domain::{may, Action, EventKind, Resource};
    let user = SignedIn::current().await?;
    crate::web::require(&user, Action::FollowProgress, Resource::Site)?;
    let actor = user.actor();
    let store = store()?;
    let today = crate::domain::time::today();
    let threshold = threshold.unwrap_or(DEFAULT_ATTENTION_DAYS).clamp(0, 3650);
    let state = state.as_deref().and_then(crate::domain::DeliverableState::from_key);
    let holidays = use_context::<crate::domain::calendar::Holidays>();
    let (details, plans, periods) = tokio::try_join!(store.details(), store.all_work_plans(), store.all_periods())?;
    let mut topics: Vec<String> = details.iter().map(|d| d.overview.policy.topic.clone()).collect();
    topics.sort();
    topics.dedup();
    let mut policies = Vec::new();
    let mut alerts = Vec::new();
    for crate::domain::PolicyDetail { overview, events } in
        details.iter().filter(|d| may(&actor, Action::ReadPolicy, Resource::Policy(&d.overview.policy.code)))
    {
        if topic.as_ref().is_some_and(|t| !t.is_empty() && *t != overview.policy.topic) {
            continue;
        }
        if state.is_some_and(|s| !overview.deliverables.iter().any(|d| d.state == s)) {
            continue;
        }
        let now = crate::domain::EventDate::exact(today);
        let tracks: Vec<_> = overview
            .deliverables
            .iter()
            .map(|d| {
                let mut t = track(d.number, d.state, events, today);
                t.working_days_in_state = holidays.as_ref().zip(t.since).and_then(|(h, since)| h.working_between(&since, &now));
                t
            })
            .collect();
        for t in &tracks {
            if let Some(kind) = attention(t, threshold) {
                alerts.push(AttentionItem {
                    code: overview.policy.code.clone(),
                    name: overview.policy.name.clone(),
                    target: crate::domain::plan::PlanTarget::Deliverable(t.number),
                    kind,
                    days: t.days_in_state.unwrap_or(crate::domain::dashboard::Days::exact(0)),
                });
            }
        }
        let states: Vec<_> = overview.deliverables.iter().map(|d| d.state).collect();
        let plan = plans.get(&overview.policy.code).map(|p| crate::domain::plan::plan_lines(p, &states, events, today)).unwrap_or_default();
        // Late against the plan by more than the threshold, as the list's heading says.
        for line in &plan {
            match line.status {
                crate::domain::plan::PlanStatus::Late(days) if days > threshold => alerts.push(AttentionItem {
                    code: overview.policy.code.clone(),
                    name: overview.policy.name.clone(),
                    target: line.entry.target,
                    kind: crate::domain::dashboard::AttentionKind::LateAgainstPlan,
                    days: crate::domain::dashboard::Days::exact(days),
                }),
                _ => {}
            }
        }
        let standing: Vec<_> = events.iter().filter(|e| e.stands()).collect();
        policies.push(DashboardPolicy {
            code: overview.policy.code.clone(),
            name: overview.policy.name.clone(),
            topic: overview.policy.topic.clone(),
            tracks,
            start: standing.iter().filter(|e| e.kind == EventKind::Transition).map(|e| e.date.date).min(),
            milestone: standing.iter().filter_map(|e| e.milestone).max(),
            plan,
        });
    }
    alerts.sort_by_key(|a| std::cmp::Reverse(a.days.min));
    // Each approved policy's latest year this reader may read (a handful of policies: a read each).
    let mut implementation = Vec::new();
    for (p, ps) in policies.iter().filter_map(|p| periods.get(&p.code).map(|ps| (p, ps))) {
        if let Some(l) = crate::followup::data::lines_of(&store, &actor, &p.code, ps.clone()).await?.pop() {
            implementation.push(ImplementationLine { code: p.code.clone(), name: p.name.clone(), year: l.period.year, open: l.period.is_open(), tally: l.tally });
        }
    }
    Ok(DashboardPage { policies, implementation, topics, today, threshold, attention: alerts })
}

/// Days after which a deliverable with CEPLAN, or with unanswered observations, is flagged.
pub const DEFAULT_ATTENTION_DAYS: i64 = 30;

/// The progress-report text of a policy for the months `from`..=`to` ("2023-05"); by default the
/// current year up to this month.
#[server(endpoint = "report")]
pub async fn get_report(code: String, from: Option<String>, to: Option<String>) -> Result<ReportPage, WebError> {
    use crate::web::{require, store, SignedIn};
    use chrono::Datelike;
    let user = SignedIn::current().await?;
    let code = crate::domain::Policy::normalize_code(&code);
    let store = store()?;
    let detail = store.policy_detail(&code).await?.ok_or(WebError::NotFound)?;
    require(&user, crate::domain::Action::ReadPolicy, crate::domain::Resource::Policy(&code))?;
    let today = crate::domain::time::today();
    let from = from.filter(|f| !f.is_empty()).unwrap_or_else(|| format!("{}-01", today.year()));
    let to = to.filter(|t| !t.is_empty()).unwrap_or_else(|| today.format("%Y-%m").to_string());
    let period = crate::domain::report::period(&from, &to);
    let policy = detail.overview.policy.clone();
    let choice = match period {
        Some(_) => store.report_choice(&code, from.trim(), to.trim()).await?,
        None => None,
    };
    let (workshops, followup) = match period {
        Some(_) => (store.workshop_summaries(&code, today).await?, crate::followup::data::periods_read_by(&store, &user.actor(), &code).await?),
        None => (vec![], vec![]),
    };
    let told: Vec<_> = followup.iter().map(|l| l.told()).collect();
    let report = period.map(|(a, b)| {
        let current: Vec<_> = detail.overview.deliverables.iter().map(|d| (d.number, d.state)).collect();
        crate::domain::report::progress_report(&policy, &current, &detail.events, &workshops, a, b).with_followup(&told).with_choice(choice)
    });
    let markdown = report.as_ref().map(|r| r.markdown(&today.format("%d/%m/%Y").to_string())).unwrap_or_default();
    let may_choose = crate::domain::may(&user.actor(), crate::domain::Action::ChooseReportStatus, crate::domain::Resource::Policy(&code));
    Ok(ReportPage { policy_code: policy.code, policy_name: policy.name, bad_period: report.is_none(), from, to, report, markdown, may_choose })
}

