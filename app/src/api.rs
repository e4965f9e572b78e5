//! Server functions: the only way the pages reach data. Each reads like: who is asking → may
//! they (the domain rule) → store call → typed result.
use leptos::prelude::*;

use crate::domain::Jurisdiction;
use crate::error::AppError;
use crate::model::{
    AdminAudit, AdminUsers, AuditFilter, DeliverablePage, DocumentPage, EditorPage, HistoryPage, PolicyDetail,
    PolicyOverview, SessionInfo, StepPage,
};

#[cfg(feature = "ssr")]
fn store() -> Result<crate::store::Store, AppError> {
    use_context::<crate::store::Store>().ok_or(AppError::Unavailable)
}

/// The signed-in actor, or `Unauthenticated`.
#[cfg(feature = "ssr")]
fn actor() -> Result<crate::domain::Actor, AppError> {
    crate::auth::current_user().map(|u| u.actor()).ok_or_else(|| refused(AppError::Unauthenticated))
}

/// A refusal, with its HTTP status on the response (a server function's errors are 500 otherwise).
#[cfg(feature = "ssr")]
fn refused(error: AppError) -> AppError {
    crate::pages::set_status(if error == AppError::Forbidden { 403 } else { 401 });
    error
}

/// Asks the permission rule; `Forbidden` when it says no.
#[cfg(feature = "ssr")]
fn require(
    actor: &crate::domain::Actor,
    action: crate::domain::Action,
    resource: crate::domain::Resource<'_>,
) -> Result<(), AppError> {
    if crate::domain::may(actor, action, resource) { Ok(()) } else { Err(refused(AppError::Forbidden)) }
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
    use crate::domain::{may, Action, Resource};
    let actor = actor()?;
    let code = crate::domain::Policy::normalize_code(&code);
    let def = crate::domain::step(number).ok_or(AppError::NotFound)?;
    let step = store()?.step_text(&code, number).await?.ok_or(AppError::NotFound)?;
    require(&actor, Action::ReadDraft, Resource::Policy(&code))?;
    Ok(StepPage {
        policy_code: step.policy.code,
        policy_name: step.policy.name,
        number,
        deliverable: def.deliverable,
        deliverable_state: step.deliverable_state,
        state: crate::domain::step_state(!step.body.trim().is_empty(), step.deliverable_state),
        body_html: crate::markdown::render(&step.body),
        updated_at: step.updated_at,
        updated_by: step.updated_by,
        revision: step.revision,
        may_edit: may(&actor, Action::EditStep, Resource::Policy(&code)),
    })
}

/// The editor of a step, with the text of one of the user's drafts when `draft` names one: a
/// draft based on an older revision than the current one is a conflict, shown as such.
#[server(endpoint = "editor")]
pub async fn get_editor(code: String, number: u8, draft: Option<String>, error: Option<String>) -> Result<EditorPage, AppError> {
    use crate::domain::{word_diff, Action, DraftError, Resource};
    use crate::model::Conflict;
    let actor = actor()?;
    let code = crate::domain::Policy::normalize_code(&code);
    let def = crate::domain::step(number).ok_or(AppError::NotFound)?;
    let store = store()?;
    let step = store.step_text(&code, number).await?.ok_or(AppError::NotFound)?;
    require(&actor, Action::EditStep, Resource::Policy(&code))?;
    let current = match step.revision {
        0 => None,
        n => store.revision(&code, number, n).await?.map(|(info, _)| info),
    };
    let draft = match draft.filter(|d| !d.is_empty()) {
        Some(id) => store.draft(&actor.user_id, &id).await?.filter(|d| d.policy == code && d.step == number).map(|d| (id, d)),
        None => None,
    };
    let conflict = match (&draft, &current) {
        (Some((_, d)), Some(newer)) if d.base != step.revision => Some(Conflict {
            started_from: d.base,
            newer: newer.clone(),
            newer_text: step.body.clone(),
            diff: word_diff(&step.body, &d.body),
        }),
        _ => None,
    };
    let (text, summary) = match &draft {
        Some((_, d)) => (d.body.clone(), d.summary.clone()),
        None => (step.body.clone(), String::new()),
    };
    Ok(EditorPage {
        policy_code: step.policy.code,
        policy_name: step.policy.name,
        number,
        deliverable: def.deliverable,
        base: step.revision,
        preview_html: crate::markdown::render(&text),
        text,
        summary,
        draft: draft.map(|(id, _)| id),
        error: error.as_deref().and_then(DraftError::from_key),
        current,
        conflict,
    })
}

/// The live preview of the editor: the same renderer as the step page.
#[server(endpoint = "preview")]
pub async fn preview_markdown(code: String, text: String) -> Result<String, AppError> {
    let code = crate::domain::Policy::normalize_code(&code);
    require(&actor()?, crate::domain::Action::EditStep, crate::domain::Resource::Policy(&code))?;
    Ok(crate::markdown::render(&text))
}

/// A step's revisions, newest first, and the comparison of revisions `from` → `to` when both are given.
#[server(endpoint = "history")]
pub async fn get_history(code: String, number: u8, page: usize, from: Option<u32>, to: Option<u32>) -> Result<HistoryPage, AppError> {
    use crate::model::Comparison;
    let actor = actor()?;
    let code = crate::domain::Policy::normalize_code(&code);
    let store = store()?;
    let step = store.step_text(&code, number).await?.ok_or(AppError::NotFound)?;
    require(&actor, crate::domain::Action::ReadDraft, crate::domain::Resource::Policy(&code))?;
    let (revisions, total) = store.revisions(&code, number, page).await?;
    let page_size = crate::store::HISTORY_PAGE_SIZE;
    let compare = match (from, to) {
        (Some(a), Some(b)) => {
            let text = |n: u32| {
                let store = store.clone();
                let code = code.clone();
                async move { store.revision(&code, number, n).await.map(|r| r.map(|(_, body)| body)) }
            };
            match (text(a).await?, text(b).await?) {
                (Some(old), Some(new)) => Some(Comparison { from: a, to: b, segments: crate::domain::word_diff(&old, &new) }),
                _ => None,
            }
        }
        _ => None,
    };
    Ok(HistoryPage {
        policy_code: step.policy.code,
        policy_name: step.policy.name,
        number,
        revisions,
        total,
        page: page.clamp(1, total.div_ceil(page_size).max(1)),
        page_size,
        compare,
    })
}

/// A deliverable: its steps, its frozen versions, and two versions compared step by step when
/// `from` and `to` are given (0 stands for the working text). After a refused freeze (`refused`),
/// the note the user typed comes back from the session.
#[server(endpoint = "deliverable")]
pub async fn get_deliverable(
    code: String,
    number: u8,
    from: Option<u32>,
    to: Option<u32>,
    refused: bool,
) -> Result<DeliverablePage, AppError> {
    use crate::domain::{may, step_state, Action, Resource};
    use crate::model::{DeliverableStep, StepComparison, VersionComparison};
    let actor = actor()?;
    let code = crate::domain::Policy::normalize_code(&code);
    let store = store()?;
    let detail = store.policy_detail(&code).await?.ok_or(AppError::NotFound)?;
    let deliverable = detail.overview.deliverables.iter().find(|d| d.number == number).ok_or(AppError::NotFound)?;
    require(&actor, Action::ReadDraft, Resource::Policy(&code))?;
    let kept_note = match (refused, crate::auth::current_session_digest()) {
        (true, Some(session)) => store.take_flash_named(&session, NOTE_FLASH).await?.unwrap_or_default(),
        _ => String::new(),
    };
    let working = store.working_text(&code, number).await?;
    let steps = working
        .iter()
        .map(|s| DeliverableStep {
            number: s.step,
            state: step_state(!s.body.trim().is_empty(), deliverable.state),
            revision: s.revision.unwrap_or(0),
            updated_at: s.updated_at,
            updated_by: s.updated_by.clone(),
        })
        .collect();
    let compare = match (from, to) {
        (Some(a), Some(b)) => {
            let version = |n: u32| store.deliverable_text(&code, number, (n > 0).then_some(n));
            match (version(a).await?, version(b).await?) {
                (Some(old), Some(new)) => Some(VersionComparison {
                    from: a,
                    to: b,
                    steps: old
                        .iter()
                        .zip(new.iter())
                        .map(|(o, n)| StepComparison {
                            number: o.step,
                            from_revision: o.revision,
                            to_revision: n.revision,
                            segments: if o.revision == n.revision { Vec::new() } else { crate::domain::word_diff(&o.body, &n.body) },
                        })
                        .collect(),
                }),
                _ => None,
            }
        }
        _ => None,
    };
    Ok(DeliverablePage {
        policy_code: detail.overview.policy.code.clone(),
        policy_name: detail.overview.policy.name.clone(),
        number,
        state: deliverable.state,
        steps,
        versions: store.versions(&code, number).await?,
        may_freeze: may(&actor, Action::FreezeVersion, Resource::Policy(&code)),
        compare,
        kept_note,
    })
}

/// A deliverable as one document: version `version`, or the working text.
#[server(endpoint = "document")]
pub async fn get_document(code: String, number: u8, version: Option<u32>) -> Result<DocumentPage, AppError> {
    use crate::model::DocumentStep;
    let actor = actor()?;
    let code = crate::domain::Policy::normalize_code(&code);
    let store = store()?;
    let policy = store.policy(&code).await?.ok_or(AppError::NotFound)?;
    crate::domain::steps_of(number).next().ok_or(AppError::NotFound)?;
    require(&actor, crate::domain::Action::ReadDraft, crate::domain::Resource::Policy(&code))?;
    let steps = store.deliverable_text(&code, number, version).await?.ok_or(AppError::NotFound)?;
    let version = match version {
        Some(n) => store.versions(&code, number).await?.into_iter().find(|v| v.number == n),
        None => None,
    };
    Ok(DocumentPage {
        policy_code: policy.code,
        policy_name: policy.name,
        deliverable: number,
        version,
        generated_at: chrono::Utc::now(),
        steps: steps
            .into_iter()
            .map(|s| DocumentStep { number: s.step, revision: s.revision, html: crate::markdown::render(&s.body) })
            .collect(),
    })
}

#[server(endpoint = "regions")]
pub async fn get_regions() -> Result<Vec<Jurisdiction>, AppError> {
    require(&actor()?, crate::domain::Action::ReadRegions, crate::domain::Resource::Site)?;
    Ok(store()?.jurisdictions().await?)
}

/// The one-time message under which a refused version note goes back to its form.
pub const NOTE_FLASH: &str = "nota_version";

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
