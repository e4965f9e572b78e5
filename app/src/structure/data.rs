//! The reads of structured content: a step's items and the matriz de consistencia.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::web::WebError;

/// The structured content of one step: every standing item of the policy (other steps' items are
/// what links point to), the policy's horizon and scoring criteria, and whether this reader edits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StructurePage {
    pub policy_code: String,
    pub policy_name: String,
    pub step: u8,
    pub items: Vec<crate::domain::structure::Item>,
    pub horizon: u16,
    pub criteria: Vec<String>,
    pub may_edit: bool,
    pub this_year: u16,
}

/// The matriz de consistencia of a policy, generated from its items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsistencyPage {
    pub policy_code: String,
    pub policy_name: String,
    /// The public problem, as the first paragraph of Paso 1 states it.
    pub problem: String,
    pub rows: Vec<crate::domain::structure::MatrixRow>,
}

/// The structured content of a step (its tables, the forms to change it when this reader may).
#[server(endpoint = "structure")]
pub async fn get_structure(code: String, number: u8) -> Result<StructurePage, WebError> {
    use crate::web::{require, store, SignedIn};
    use crate::domain::{may, Action, Resource};
    let user = SignedIn::current().await?;
    let actor = user.actor();
    let code = crate::domain::Policy::normalize_code(&code);
    crate::domain::step(number).ok_or(WebError::NotFound)?;
    let store = store()?;
    let policy = store.policy(&code).await?.ok_or(WebError::NotFound)?;
    require(&user, Action::ReadDraft, Resource::Policy(&code))?;
    let (horizon, criteria) = store.structure_settings(&code).await?;
    Ok(StructurePage {
        policy_code: policy.code,
        policy_name: policy.name,
        step: number,
        items: store.items(&code).await?,
        horizon,
        criteria,
        may_edit: may(&actor, Action::EditStep, Resource::Policy(&code)),
        this_year: chrono::Datelike::year(&crate::domain::time::today()) as u16,
    })
}

/// The matriz de consistencia, generated from the policy's items.
#[server(endpoint = "consistency")]
pub async fn get_consistency(code: String) -> Result<ConsistencyPage, WebError> {
    use crate::web::{require, store, SignedIn};
    let user = SignedIn::current().await?;
    let code = crate::domain::Policy::normalize_code(&code);
    let store = store()?;
    let policy = store.policy(&code).await?.ok_or(WebError::NotFound)?;
    require(&user, crate::domain::Action::ReadDraft, crate::domain::Resource::Policy(&code))?;
    consistency(&store, policy).await
}

/// The matriz de consistencia of a policy (shared by the page and the XLSX download).
#[cfg(feature = "ssr")]
pub async fn consistency(store: &crate::store::Store, policy: crate::domain::Policy) -> Result<ConsistencyPage, WebError> {
    let items = store.items(&policy.code).await?;
    let problem = store
        .step_text(&policy.code, 1)
        .await?
        .map(|s| crate::markdown::render_blocks(&s.body, 1, ""))
        .and_then(|blocks| blocks.into_iter().find(|b| b.html.starts_with("<p") && !b.text.trim().is_empty()).map(|b| b.text))
        .unwrap_or_default();
    Ok(ConsistencyPage {
        policy_code: policy.code,
        policy_name: policy.name,
        problem,
        rows: crate::domain::structure::consistency_matrix(&items),
    })
}
