//! The workshops' reads: a policy's list with what the form offers, and one workshop as this
//! reader may see it (the attendance list only for the team and managers).
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::expediente::DocumentInfo;
use crate::domain::systematization::Bars;
use crate::domain::workshop::{AttendanceCounts, AttendeeInfo, RoundChoice, WorkshopInfo};
use crate::domain::ContributionInfo;
use crate::web::WebError;

/// Attendees listed per page.
pub const PER_PAGE: usize = 100;

/// A workshop in its policy's list: the record and how many attended and contributed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkshopLine {
    pub info: WorkshopInfo,
    pub counts: AttendanceCounts,
    pub contributions: usize,
}

/// What the workshop form offers: the frozen versions ("2-3", "Entregable 2 · versión 3"), the
/// rounds, the regions (ubigeo, name).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WorkshopChoices {
    pub versions: Vec<(String, String)>,
    pub rounds: Vec<RoundChoice>,
    pub regions: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkshopsPage {
    pub policy_code: String,
    pub policy_name: String,
    pub workshops: Vec<WorkshopLine>,
    pub may_manage: bool,
    pub choices: WorkshopChoices,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkshopPage {
    pub policy_name: String,
    pub info: WorkshopInfo,
    /// The acta as sanitized HTML.
    pub minutes_html: String,
    pub counts: AttendanceCounts,
    /// The counts as pictures (by region, by type of entity, by sex); their tables say the same.
    pub charts: Vec<Bars>,
    /// A page of the attendance list, to the team and managers only: (attendees, page, pages).
    pub attendance: Option<(Vec<AttendeeInfo>, usize, usize)>,
    /// The round its contributions are recorded in: (id, title, steps).
    pub round: Option<(String, String, Vec<u8>)>,
    /// The contributions received in it as this reader sees them (answers hidden until published);
    /// none when this reader may not read the round at all (its title is then shown without a link).
    pub contributions: Option<Vec<ContributionInfo>>,
    /// Its documents in the expediente, to who may read them.
    pub documents: Option<Vec<DocumentInfo>>,
    pub regions: Vec<(String, String)>,
    pub may_manage: bool,
    /// What the form that corrects the call offers (to the team only).
    pub choices: WorkshopChoices,
    pub may_file: bool,
    /// The round is systematized: nothing more is recorded in it.
    pub round_closed_to_records: bool,
}

/// A policy's workshops, to the ministry and CEPLAN; with the form's choices for its team.
#[server(endpoint = "talleres")]
pub async fn get_workshops(code: String) -> Result<WorkshopsPage, WebError> {
    use crate::domain::{may, Action, Resource};
    use crate::web::{require, store, SignedIn};
    let user = SignedIn::current().await?;
    let code = crate::domain::Policy::normalize_code(&code);
    let store = store()?;
    let policy = store.policy(&code).await?.ok_or(WebError::NotFound)?;
    require(&user, Action::ReadWorkshops, Resource::Policy(&code))?;
    let (workshops, attendance) = tokio::try_join!(store.workshops(&code), store.attendance(&code))?;
    let received = store.workshop_contributions(&workshops.iter().map(|w| w.id.clone()).collect::<Vec<_>>()).await?;
    let workshops = workshops
        .into_iter()
        .map(|info| {
            let people: Vec<_> = attendance.iter().filter(|(id, _)| *id == info.id).map(|(_, a)| a.attendee.clone()).collect();
            WorkshopLine { counts: crate::domain::workshop::counts(&people), contributions: received.get(&info.id).copied().unwrap_or(0), info }
        })
        .collect();
    let may_manage = may(&user.actor(), Action::ManageWorkshops, Resource::Policy(&code));
    let choices = if may_manage { choices(&store, &code, regions(&store).await?).await? } else { WorkshopChoices::default() };
    Ok(WorkshopsPage { policy_code: policy.code, policy_name: policy.name, workshops, may_manage, choices })
}

/// The regions as the forms and sheets name them: (ubigeo, name).
#[cfg(feature = "ssr")]
pub async fn regions(store: &crate::store::Store) -> Result<Vec<(String, String)>, crate::store::StoreError> {
    Ok(store.jurisdictions().await?.into_iter().map(|j| (j.ubigeo, j.name)).collect())
}

/// What the workshop form offers for a policy, with the `regions` already read.
#[cfg(feature = "ssr")]
pub async fn choices(store: &crate::store::Store, code: &str, regions: Vec<(String, String)>) -> Result<WorkshopChoices, WebError> {
    let t = crate::i18n::t();
    let mut versions = Vec::new();
    for n in 1..=5u8 {
        for v in store.versions(code, n).await? {
            versions.push((format!("{n}-{}", v.number), t.workshop_version(n, v.number)));
        }
    }
    let rounds = store
        .rounds(Some(code), None)
        .await?
        .into_iter()
        .map(|r| RoundChoice { label: t.workshop_round_choice(r.deliverable, r.kind, &r.title), id: r.id, deliverable: r.deliverable, version: r.version, steps: r.steps })
        .collect();
    Ok(WorkshopChoices { versions, rounds, regions })
}

/// One workshop, with page `page` of its attendance list.
#[server(endpoint = "taller")]
pub async fn get_workshop(id: String, page: usize) -> Result<WorkshopPage, WebError> {
    use crate::domain::{may, Action, Resource};
    use crate::web::{require, store, SignedIn};
    let user = SignedIn::current().await?;
    let store = store()?;
    let info = store.workshop(&id).await?.ok_or(WebError::NotFound)?;
    let code = info.policy_code.clone();
    require(&user, Action::ReadWorkshops, Resource::Policy(&code))?;
    let actor = user.actor();
    let (policy, people, regions) = tokio::try_join!(store.policy(&code), store.attendees(&id), regions(&store))?;
    let counts = crate::domain::workshop::counts(&people.iter().map(|a| a.attendee.clone()).collect::<Vec<_>>());
    let attendance = may(&actor, Action::ReadAttendance, Resource::Policy(&code)).then(|| {
        let pages = people.len().div_ceil(PER_PAGE).max(1);
        let page = page.clamp(1, pages);
        (people.into_iter().skip((page - 1) * PER_PAGE).take(PER_PAGE).collect(), page, pages)
    });
    let now = chrono::Utc::now();
    let round = match &info.workshop.round {
        Some(r) => store.round(r).await?,
        None => None,
    };
    let contributions = match &round {
        Some(r) if may(&actor, Action::ReadRound, Resource::Round(r.reference(&user, now))) => {
            let all = store.contributions_of(r).await?;
            let readable = r.readable_refs(&user, &all, now);
            Some(r.shown_to(&user, &readable, readable.iter().copied().filter(|c| c.workshop.as_deref() == Some(id.as_str())), now))
        }
        Some(_) => None,
        None => Some(vec![]),
    };
    let documents = if may(&actor, Action::ReadDocuments, Resource::Policy(&code)) {
        Some(DocumentInfo::of_event(&store.documents(&code).await?, &id))
    } else {
        None
    };
    let t = crate::i18n::t();
    let charts = t.attendance_charts(&counts, &regions);
    let may_manage = may(&actor, Action::ManageWorkshops, Resource::Policy(&code));
    let choices = if may_manage { choices(&store, &code, regions.clone()).await? } else { WorkshopChoices::default() };
    Ok(WorkshopPage {
        policy_name: policy.map(|p| p.name).unwrap_or_default(),
        // Under the page's "Acta" heading (an h2): the acta's `#` is an h3.
        minutes_html: crate::markdown::render_in(&info.minutes, 3, "acta"),
        counts,
        charts,
        attendance,
        round_closed_to_records: round.as_ref().is_some_and(|r| r.systematized),
        round: round.map(|r| (r.id.clone(), r.title.clone(), r.steps.clone())),
        contributions,
        documents,
        regions,
        may_manage,
        choices,
        may_file: may(&actor, Action::FileDocuments, Resource::Policy(&code)),
        info,
    })
}
