//! The expediente's read: a policy's documents as this reader may see them, filtered.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::expediente::DocumentInfo;
use crate::web::WebError;

/// An event of the review or a workshop a document may belong to: (id, deliverable, "14/06/2023 ·
/// Remitido al CEPLAN", "12/10/2023 · Taller: …").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventChoice {
    pub id: String,
    pub deliverable: Option<u8>,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExpedientePage {
    pub policy_code: String,
    pub policy_name: String,
    /// The documents listed (filtered), in order of date.
    pub documents: Vec<DocumentInfo>,
    /// How many the policy's file holds in all.
    pub total: usize,
    pub events: Vec<EventChoice>,
    pub may_file: bool,
}

/// The policy's documents whose kind is `kind` and whose event concerns deliverable `deliverable`
/// (each filter optional), for the ministry and CEPLAN.
#[server(endpoint = "expediente")]
pub async fn get_expediente(code: String, kind: Option<String>, deliverable: Option<u8>) -> Result<ExpedientePage, WebError> {
    use crate::web::{store, SignedIn};
    let user = SignedIn::current().await?;
    let code = crate::domain::Policy::normalize_code(&code);
    expediente_of(&store()?, &user, &code, kind.as_deref().unwrap_or_default(), deliverable).await
}

/// The page's read, shared with the ZIP of what it lists.
#[cfg(feature = "ssr")]
pub async fn expediente_of(store: &crate::store::Store, user: &crate::domain::User, code: &str, kind: &str, deliverable: Option<u8>) -> Result<ExpedientePage, WebError> {
    use crate::domain::{may, Action, Resource};
    use crate::web::require;
    let detail = store.policy_detail(code).await?.ok_or(WebError::NotFound)?;
    require(user, Action::ReadDocuments, Resource::Policy(code))?;
    let t = crate::i18n::t();
    let workshops = store.workshops(code).await?;
    let events: Vec<EventChoice> = detail
        .events
        .iter()
        .filter(|e| e.stands() && !e.id.is_empty())
        .map(|e| EventChoice { id: e.id.clone(), deliverable: e.deliverable, label: t.event_choice(e) })
        .chain(workshops.iter().map(|w| EventChoice { id: w.id.clone(), deliverable: w.workshop.version.map(|v| v.0), label: t.workshop_choice(&w.workshop) }))
        .collect();
    let all = store.documents(code).await?;
    let total = all.len();
    let kind = crate::domain::expediente::DocumentKind::from_key(kind);
    let documents = all
        .into_iter()
        .filter(|d| kind.is_none_or(|k| d.doc.kind == k))
        .filter(|d| deliverable.is_none_or(|n| d.doc.event.as_ref().and_then(|id| events.iter().find(|e| &e.id == id)).is_some_and(|e| e.deliverable == Some(n))))
        .collect();
    Ok(ExpedientePage {
        policy_code: detail.overview.policy.code.clone(),
        policy_name: detail.overview.policy.name.clone(),
        documents,
        total,
        events,
        may_file: may(&user.actor(), Action::FileDocuments, Resource::Policy(code)),
    })
}
