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
}


#[server(endpoint = "overview")]
pub async fn get_overview() -> Result<Vec<PolicyOverview>, WebError> {
    use crate::domain::{may, Action, Resource};
    use crate::web::{store, SignedIn};
    let user = SignedIn::current().await?;
    let actor = user.actor();
    let all = store()?.overview().await?;
    Ok(all.into_iter().filter(|p| may(&actor, Action::ReadPolicy, Resource::Policy(&p.policy.code))).collect())
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
    Ok(PolicyData { detail, next_milestone, annullable_milestone, today: crate::domain::time::today(), may_read_draft })
}

#[server(endpoint = "regions")]
pub async fn get_regions() -> Result<Vec<Jurisdiction>, WebError> {
    use crate::web::{require, store, SignedIn};
    let user = SignedIn::current().await?;
    require(&user, crate::domain::Action::ReadRegions, crate::domain::Resource::Site)?;
    Ok(store()?.jurisdictions().await?)
}

