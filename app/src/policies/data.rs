//! The reads of policies: the list of every policy, one policy with its history and what the
//! reader may record on it, and the regions.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::{Jurisdiction, PolicyDetail, PolicyOverview};
use crate::web::WebError;

/// The policy page: its detail and what the reader may record on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PolicyData {
    pub detail: PolicyDetail,
    /// The milestone this reader may record next (none: not allowed, not due, or all recorded).
    pub next_milestone: Option<crate::domain::Milestone>,
    /// The latest standing milestone, when this reader may annul it.
    pub annullable_milestone: Option<String>,
    pub today: chrono::NaiveDate,
    /// Whether the reader may read working texts (and so the matriz de consistencia).
    pub may_read_draft: bool,
    /// Whether the reader follows the policies on the dashboard.
    pub may_follow: bool,
    /// Whether this reader may read the policy's expediente.
    pub may_read_documents: bool,
    pub may_read_workshops: bool,
    /// The approval is recorded: the policy has a follow-up.
    #[serde(default)]
    pub approved: bool,
    /// The expediente's documents, for those who may read them (shown with their events).
    pub documents: Vec<crate::domain::expediente::DocumentInfo>,
}


/// A policy with its history, and what this reader may record on it (the next milestone).
#[server(endpoint = "policy")]
pub async fn get_policy(code: String) -> Result<PolicyData, WebError> {
    use crate::domain::{may, Action, DeliverableState, EventKind, Milestone, Resource};
    use crate::web::{require, store, SignedIn};
    let user = SignedIn::current().await?;
    let actor = user.actor();
    let code = crate::domain::Policy::normalize_code(&code);
    let detail = store()?.policy_detail(&code).await?.ok_or(WebError::NotFound)?;
    require(&user, Action::ReadPolicy, Resource::Policy(&code))?;
    let may_record = may(&actor, Action::RecordMilestone, Resource::Policy(&code));
    let standing: Vec<_> = detail.events.iter().filter(|e| e.stands()).collect();
    let all_conforme = detail.overview.deliverables.iter().all(|d| d.state == DeliverableState::Conforme);
    let next_milestone = Milestone::next_after(standing.iter().filter_map(|e| e.milestone).max()).filter(|_| all_conforme && may_record);
    let annullable_milestone = standing
        .iter()
        .rev()
        .find(|e| e.kind == EventKind::Milestone)
        .filter(|_| may_record)
        .map(|e| e.id.clone());
    let may_read_draft = may(&actor, Action::ReadDraft, Resource::Policy(&code));
    let may_follow = may(&actor, Action::FollowProgress, Resource::Site);
    let may_read_documents = may(&actor, Action::ReadDocuments, Resource::Policy(&detail.overview.policy.code));
    let may_read_workshops = may(&actor, Action::ReadWorkshops, Resource::Policy(&detail.overview.policy.code));
    let documents = if may_read_documents { store()?.documents(&detail.overview.policy.code).await? } else { Vec::new() };
    let approved = crate::followup::data::approval(&detail.events).is_some();
    Ok(PolicyData { detail, next_milestone, annullable_milestone, today: crate::domain::time::today(), may_read_draft, may_follow, may_read_documents, may_read_workshops, approved, documents })
}

#[server(endpoint = "regions")]
pub async fn get_regions() -> Result<Vec<Jurisdiction>, WebError> {
    use crate::web::{require, store, SignedIn};
    let user = SignedIn::current().await?;
    require(&user, crate::domain::Action::ReadRegions, crate::domain::Resource::Site)?;
    Ok(store()?.jurisdictions().await?)
}


/// A consultation on the home of someone invited to write in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvitedConsultation {
    pub round: crate::domain::RoundInfo,
    pub status: crate::domain::rounds::RoundStatus,
    pub policy_name: String,
}

/// One of the reader's own contributions, with the answer when the reader may read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnContribution {
    pub round_id: String,
    pub round_title: String,
    pub id: String,
    pub number: u32,
    pub step: u8,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub answer: Option<crate::domain::rounds::Answer>,
}

/// A round of the team's with contributions still to answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WaitingRound {
    pub round_id: String,
    pub title: String,
    pub policy_code: String,
    pub unanswered: usize,
}

/// A policy an entity reports indicators of, on its home: its open years, newest first, each with
/// the indicators the entity is responsible for and whether their value of the year is recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reporting {
    pub policy_code: String,
    pub policy_name: String,
    /// (year, its indicators).
    pub years: Vec<(u16, Vec<ReportedIndicator>)>,
}

/// One indicator on an entity's home: (indicator id, code, name, value of the year recorded).
pub type ReportedIndicator = (String, String, String, bool);

/// What the home page leads with for its reader: for those who follow the policies (the
/// ministry, CEPLAN), every policy's standing and what waits for the team; for a participant,
/// the consultations they are invited to, open ones first, and their own contributions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Home {
    pub follows: bool,
    pub overview: Vec<PolicyOverview>,
    pub waiting: Vec<WaitingRound>,
    /// The team's deliverables with CEPLAN's observations to lift: (policy, deliverable, state).
    pub lifting: Vec<(String, u8, crate::domain::DeliverableState)>,
    pub consultations: Vec<InvitedConsultation>,
    pub own: Vec<OwnContribution>,
    /// To an entity responsible for indicators: the policies it reports on.
    #[serde(default)]
    pub reporting: Vec<Reporting>,
    pub now: chrono::DateTime<chrono::Utc>,
}

/// How many consultations and own contributions a participant's home lists.
pub const HOME_LIST: usize = 20;

#[server(endpoint = "home")]
pub async fn get_home() -> Result<Home, WebError> {
    use crate::domain::rounds::RoundStatus;
    use crate::domain::{may, Action, Resource};
    use crate::web::{store, SignedIn};
    let user = SignedIn::current().await?;
    let actor = user.actor();
    let store = store()?;
    let now = chrono::Utc::now();
    let follows = may(&actor, Action::FollowProgress, Resource::Site);
    let (overview, rounds) = tokio::try_join!(store.overview(), store.rounds(None, None))?;
    if !follows {
        let (consultations, own) = invited_home(&store, &user, &overview, &rounds, now).await?;
        let reporting = if actor.has(crate::domain::Role::Sector) { reporting(&store, &actor, &overview).await? } else { Vec::new() };
        return Ok(Home { follows, overview: Vec::new(), waiting: Vec::new(), lifting: Vec::new(), consultations, own, reporting, now });
    }
    let managed: Vec<&crate::domain::RoundInfo> = rounds.iter().filter(|r| may(&actor, Action::ManageRounds, Resource::Round(r.reference(&user, now)))).collect();
    let figures = if managed.is_empty() { Default::default() } else { store.round_figures(&managed).await? };
    let mut waiting: Vec<WaitingRound> = rounds
        .iter()
        .filter(|r| r.status(now) != RoundStatus::Sistematizada)
        .filter_map(|r| {
            let unanswered = figures.get(&r.id).map_or(0, |f| f.1);
            (unanswered > 0).then(|| WaitingRound { round_id: r.id.clone(), title: r.title.clone(), policy_code: r.policy_code.clone(), unanswered })
        })
        .collect();
    waiting.sort_by_key(|w| std::cmp::Reverse(w.unanswered));
    let lifting = overview
        .iter()
        .filter(|p| may(&actor, Action::EditStep, Resource::Policy(&p.policy.code)))
        .flat_map(|p| p.deliverables.iter().map(move |d| (p.policy.code.clone(), d.number, d.state)))
        .filter(|(_, _, s)| matches!(s, crate::domain::DeliverableState::ObservadoCeplan | crate::domain::DeliverableState::EnLevantamiento))
        .collect();
    let overview = overview.into_iter().filter(|p| may(&actor, Action::ReadPolicy, Resource::Policy(&p.policy.code))).collect();
    Ok(Home { follows, overview, waiting, lifting, consultations: Vec::new(), own: Vec::new(), reporting: Vec::new(), now })
}

/// The policies an entity reports on, with their open years and its indicators there.
#[cfg(feature = "ssr")]
async fn reporting(store: &crate::store::Store, actor: &crate::domain::Actor, overview: &[PolicyOverview]) -> Result<Vec<Reporting>, WebError> {
    use crate::domain::structure::ItemKind;
    use crate::domain::{may, Action, Resource};
    let mut out = Vec::new();
    for p in overview.iter().filter(|p| may(actor, Action::ReportValue, Resource::Policy(&p.policy.code))) {
        let code = &p.policy.code;
        let open: Vec<u16> = store.periods(code).await?.into_iter().rev().filter(|y| y.is_open()).map(|y| y.year).collect();
        let mut years = Vec::new();
        if !open.is_empty() {
            let (items, values) = tokio::try_join!(store.items(code), store.followup_values(code, None))?;
            let mut mine: Vec<_> = items
                .iter()
                .filter(|i| matches!(i.kind, ItemKind::Indicator | ItemKind::ServiceIndicator))
                .filter(|i| may(actor, Action::ReportValue, Resource::Indicator { policy: code, responsible: i.value("responsable") }))
                .collect();
            mine.sort_by_key(|i| crate::domain::structure::natural(&i.code));
            for year in open {
                let listed = mine.iter().map(|i| (i.id.clone(), i.code.clone(), i.headline().to_string(), values.iter().any(|v| v.indicator == i.id && v.year == year))).collect();
                years.push((year, listed));
            }
        }
        out.push(Reporting { policy_code: code.clone(), policy_name: p.policy.name.clone(), years });
    }
    Ok(out)
}

/// A participant's home: the consultations they are invited to (open ones closing soonest first,
/// then those about to open, then the latest to have closed) and their own contributions.
#[cfg(feature = "ssr")]
async fn invited_home(
    store: &crate::store::Store,
    user: &crate::domain::User,
    overview: &[PolicyOverview],
    rounds: &[crate::domain::RoundInfo],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(Vec<InvitedConsultation>, Vec<OwnContribution>), WebError> {
    use crate::domain::rounds::RoundStatus;
    use crate::domain::{may, Action, Resource};
    let actor = user.actor();
    let name_of = |code: &str| overview.iter().find(|p| p.policy.code == code).map(|p| p.policy.name.clone()).unwrap_or_default();
    let order = |s: RoundStatus| match s {
        RoundStatus::Abierta => 0,
        RoundStatus::Programada => 1,
        RoundStatus::Cerrada => 2,
        RoundStatus::Sistematizada => 3,
    };
    let mut consultations: Vec<InvitedConsultation> = rounds
        .iter()
        .filter(|r| r.invites(user) && may(&actor, Action::ReadRound, Resource::Round(r.reference(user, now))))
        .map(|r| InvitedConsultation { status: r.status(now), policy_name: name_of(&r.policy_code), round: r.clone().for_reader(user, now) })
        .collect();
    consultations.sort_by_key(|c| {
        let at = if c.status == RoundStatus::Programada { c.round.opens } else { c.round.closes };
        let key = if order(c.status) >= 2 { -at.timestamp() } else { at.timestamp() };
        (order(c.status), key)
    });
    consultations.truncate(HOME_LIST);
    let own = store
        .contributions_by(&user.id, HOME_LIST)
        .await?
        .into_iter()
        .filter_map(|(round_id, c)| {
            let round = rounds.iter().find(|r| r.id == round_id)?;
            let reference = round.reference(user, now);
            let answer = c.answer.filter(|_| may(&actor, Action::ReadAnswers, Resource::Round(reference)));
            Some(OwnContribution { round_title: round.title.clone(), round_id, id: c.id, number: c.number, step: c.step, created_at: c.created_at, answer })
        })
        .collect();
    Ok((consultations, own))
}
