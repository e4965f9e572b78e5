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
    pub settings: crate::domain::structure::StructureSettings,
    /// The ficha técnica of each indicator of the step, as HTML, by item id.
    pub fichas: std::collections::BTreeMap<String, String>,
    pub may_edit: bool,
    pub this_year: u16,
}

/// The matriz de consistencia of a policy, generated from its items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsistencyPage {
    pub policy_code: String,
    pub policy_name: String,
    /// The public problem, as Paso 1's structured statement gives it (empty: not stated yet).
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
    let settings = store.structure_settings(&code).await?;
    let items = store.items(&code).await?;
    let fichas = items
        .iter()
        .filter(|i| i.kind.is_indicator() && i.kind.step() == number)
        .map(|i| (i.id.clone(), crate::markdown::render_in(&crate::domain::annexes::ficha_markdown(i, &items), 4, &format!("ficha-{}", i.id))))
        .collect();
    Ok(StructurePage {
        policy_code: policy.code,
        policy_name: policy.name,
        step: number,
        items,
        settings,
        fichas,
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
    Ok(ConsistencyPage {
        policy_code: policy.code,
        policy_name: policy.name,
        problem: crate::domain::structure::problem_statement(&items),
        rows: crate::domain::structure::consistency_matrix(&items),
    })
}
