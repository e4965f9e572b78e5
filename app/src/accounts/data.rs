//! The reads of accounts: who is signed in (the header), the accounts and the activity log.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::{AuditFilter, AuditPage, Role, User};
use crate::web::WebError;

/// The signed-in user, as the page header shows them, and the links the rule lets them see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub name: String,
    pub email: String,
    pub roles: Vec<Role>,
    /// Notices not yet read (the bell).
    pub unread: usize,
    pub may_manage_users: bool,
    pub may_read_audit: bool,
    /// The dashboard and the regions (the ministry's and CEPLAN's); a participant's home is
    /// their consultations instead.
    pub may_follow: bool,
    /// The account's id: the offline copies kept in the browser are this account's only.
    pub account: String,
}

/// What the account administration page needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminUsers {
    pub users: Vec<User>,
    pub total: usize,
    pub page: usize,
    pub page_size: usize,
    /// (ubigeo, name) of every jurisdiction, for the forms.
    pub jurisdictions: Vec<(String, String)>,
    /// Codes of every policy, for the forms.
    pub policies: Vec<String>,
    /// One-time messages for this session (a temporary password, shown once).
    pub flash: Vec<(String, Option<String>)>,
}

/// The activity log page: a page of entries and the accounts to filter by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminAudit {
    pub page: AuditPage,
    /// (id, name) of every account.
    pub users: Vec<(String, String)>,
    pub policies: Vec<String>,
}

/// Rows per page of the account list.
pub const USERS_PAGE_SIZE: usize = 50;

/// Who is signed in, for the page header (none for a visitor).
#[server(endpoint = "session")]
pub async fn get_session() -> Result<Option<SessionInfo>, WebError> {
    use crate::domain::{may, Action, Resource};
    use crate::web::SignedIn;
    let Ok(SignedIn(u)) = leptos_axum::extract::<SignedIn>().await else { return Ok(None) };
    let actor = u.actor();
    Ok(Some(SessionInfo {
        may_manage_users: may(&actor, Action::ManageUsers, Resource::Site),
        may_read_audit: may(&actor, Action::ReadAudit, Resource::Site),
        may_follow: may(&actor, Action::FollowProgress, Resource::Site),
        name: u.name,
        email: u.email,
        roles: u.roles,
        unread: SignedIn::unread(),
        account: u.id,
    }))
}

#[server(endpoint = "admin_users")]
pub async fn get_admin_users(page: usize) -> Result<AdminUsers, WebError> {
    use crate::web::{require, session::current_session_digest, store, SignedIn};
    let user = SignedIn::current().await?;
    require(&user, crate::domain::Action::ManageUsers, crate::domain::Resource::Site)?;
    let store = store()?;
    let all = store.users().await?;
    let total = all.len();
    let page = page.clamp(1, total.div_ceil(USERS_PAGE_SIZE).max(1));
    let users = all.into_iter().skip((page - 1) * USERS_PAGE_SIZE).take(USERS_PAGE_SIZE).collect();
    let jurisdictions = store.jurisdiction_names().await?;
    let policies = store.overview().await?.into_iter().map(|p| p.policy.code).collect();
    let flash = match current_session_digest() {
        Some(digest) => store.take_flash(&digest).await?,
        None => Vec::new(),
    };
    Ok(AdminUsers { users, total, page, page_size: USERS_PAGE_SIZE, jurisdictions, policies, flash })
}

#[server(endpoint = "admin_audit")]
pub async fn get_admin_audit(filter: AuditFilter, page: usize) -> Result<AdminAudit, WebError> {
    use crate::web::{require, store, SignedIn};
    let user = SignedIn::current().await?;
    require(&user, crate::domain::Action::ReadAudit, crate::domain::Resource::Site)?;
    let store = store()?;
    let page = store.audit_page(&filter, page).await?;
    let users = store.users().await?.into_iter().map(|u| (u.id, u.name)).collect();
    let policies = store.overview().await?.into_iter().map(|p| p.policy.code).collect();
    Ok(AdminAudit { page, users, policies })
}
