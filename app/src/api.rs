//! Server functions: the only way the pages reach data. Each asks the store and returns a typed
//! result; nothing here is public write access (accounts and permissions come with writing).
use leptos::prelude::*;

use crate::domain::Jurisdiction;
use crate::error::AppError;
use crate::model::{PolicyDetail, PolicyOverview, StepPage};

#[cfg(feature = "ssr")]
fn store() -> Result<crate::store::Store, AppError> {
    use_context::<crate::store::Store>().ok_or(AppError::Unavailable)
}

#[server(endpoint = "overview")]
pub async fn get_overview() -> Result<Vec<PolicyOverview>, AppError> {
    Ok(store()?.overview().await?)
}

#[server(endpoint = "policy")]
pub async fn get_policy(code: String) -> Result<PolicyDetail, AppError> {
    let code = crate::domain::Policy::normalize_code(&code);
    store()?.policy_detail(&code).await?.ok_or(AppError::NotFound)
}

#[server(endpoint = "step")]
pub async fn get_step(code: String, number: u8) -> Result<StepPage, AppError> {
    let code = crate::domain::Policy::normalize_code(&code);
    let def = crate::domain::step(number).ok_or(AppError::NotFound)?;
    let (policy, deliverable_state, body, updated_at) =
        store()?.step_text(&code, number).await?.ok_or(AppError::NotFound)?;
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
    Ok(store()?.jurisdictions().await?)
}
