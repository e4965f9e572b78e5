//! Server functions: the only way the pages reach data. Each reads like: who is asking → may
//! they (the domain rule) → store call → typed result.
use leptos::prelude::*;

use crate::domain::Jurisdiction;
use crate::error::AppError;
use crate::model::{AdminAudit, AdminUsers, AuditFilter, PolicyDetail, PolicyOverview, SessionInfo, StepPage};

#[cfg(feature = "ssr")]
fn store() -> Result<crate::store::Store, AppError> {
    use_context::<crate::store::Store>().ok_or(AppError::Unavailable)
}

/// The signed-in actor, or `Unauthenticated`.
#[cfg(feature = "ssr")]
fn actor() -> Result<crate::domain::Actor, AppError> {
    crate::auth::current_user().map(|u| u.actor()).ok_or(AppError::Unauthenticated)
}

/// Asks the permission rule; `Forbidden` when it says no.
#[cfg(feature = "ssr")]
fn require(
    actor: &crate::domain::Actor,
    action: crate::domain::Action,
    resource: crate::domain::Resource<'_>,
) -> Result<(), AppError> {
    if crate::domain::may(actor, action, resource) { Ok(()) } else { Err(AppError::Forbidden) }
}

/// Who is signed in, for the page header (none for a visitor).
#[server(endpoint = "session")]
pub async fn get_session() -> Result<Option<SessionInfo>, AppError> {
    Ok(crate::auth::current_user().map(|u| SessionInfo { name: u.name, email: u.email, roles: u.roles }))
}

#[server(endpoint = "overview")]
pub async fn get_overview() -> Result<Vec<PolicyOverview>, AppError> {
    use crate::domain::{may, Action, Resource};
    let actor = actor()?;
    let all = store()?.overview().await?;
    Ok(all.into_iter().filter(|p| may(&actor, Action::ReadPolicy, Resource::Policy(&p.policy.code))).collect())
}

#[server(endpoint = "policy")]
pub async fn get_policy(code: String) -> Result<PolicyDetail, AppError> {
    let actor = actor()?;
    let code = crate::domain::Policy::normalize_code(&code);
    let detail = store()?.policy_detail(&code).await?.ok_or(AppError::NotFound)?;
    require(&actor, crate::domain::Action::ReadPolicy, crate::domain::Resource::Policy(&code))?;
    Ok(detail)
}

#[server(endpoint = "step")]
pub async fn get_step(code: String, number: u8) -> Result<StepPage, AppError> {
    let actor = actor()?;
    let code = crate::domain::Policy::normalize_code(&code);
    let def = crate::domain::step(number).ok_or(AppError::NotFound)?;
    let (policy, deliverable_state, body, updated_at) =
        store()?.step_text(&code, number).await?.ok_or(AppError::NotFound)?;
    require(&actor, crate::domain::Action::ReadDraft, crate::domain::Resource::Policy(&code))?;
    Ok(StepPage {
        policy_code: policy.code,
        policy_name: policy.name,
        number,
        deliverable: def.deliverable,
        deliverable_state,
        state: crate::domain::step_state(!body.trim().is_empty(), deliverable_state),
        body_html: crate::markdown::render(&body),
        updated_at,
    })
}

#[server(endpoint = "regions")]
pub async fn get_regions() -> Result<Vec<Jurisdiction>, AppError> {
    require(&actor()?, crate::domain::Action::ReadRegions, crate::domain::Resource::Site)?;
    Ok(store()?.jurisdictions().await?)
}

/// Rows per page of the account list.
pub const USERS_PAGE_SIZE: usize = 50;

#[server(endpoint = "admin_users")]
pub async fn get_admin_users(page: usize) -> Result<AdminUsers, AppError> {
    require(&actor()?, crate::domain::Action::ManageUsers, crate::domain::Resource::Site)?;
    let store = store()?;
    let all = store.users().await?;
    let total = all.len();
    let page = page.clamp(1, total.div_ceil(USERS_PAGE_SIZE).max(1));
    let users = all.into_iter().skip((page - 1) * USERS_PAGE_SIZE).take(USERS_PAGE_SIZE).collect();
    let jurisdictions = store.jurisdictions().await?.into_iter().map(|j| (j.ubigeo, j.name)).collect();
    let policies = store.overview().await?.into_iter().map(|p| p.policy.code).collect();
    let flash = match crate::auth::current_session_digest() {
        Some(digest) => store.take_flash(&digest).await?,
        None => Vec::new(),
    };
    Ok(AdminUsers { users, total, page, page_size: USERS_PAGE_SIZE, jurisdictions, policies, flash })
}

#[server(endpoint = "admin_audit")]
pub async fn get_admin_audit(filter: AuditFilter, page: usize) -> Result<AdminAudit, AppError> {
    require(&actor()?, crate::domain::Action::ReadAudit, crate::domain::Resource::Site)?;
    let store = store()?;
    let page = store.audit_page(&filter, page).await?;
    let users = store.users().await?.into_iter().map(|u| (u.id, u.name)).collect();
    let policies = store.overview().await?.into_iter().map(|p| p.policy.code).collect();
    Ok(AdminAudit { page, users, policies })
}
