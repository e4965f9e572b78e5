//! Structured content from plain forms: add, change and delete a step's items, renumber codes,
//! set the horizon and the scoring criteria. Every refusal goes back to the form with its reason
//! and everything that was typed.
use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::form::{Change, StructureForm, StructureOutcome, DETAIL, SCORE, TARGET, VALUE};
use crate::domain::structure::{check_criteria, check_horizon, check_scores, check_targets, check_values, parse_number, ItemKind, ItemRefusal, StructureError};
use crate::domain::{step, Action, Author, Policy, Resource};
use crate::i18n::t;
use crate::store::{Store, StoreError};
use crate::web::layers::SPANISH;
use crate::web::{require, AppState, Form, Path, SignedIn, WebError};
use crate::urls;

/// What a change answers: the page's outcome, or the refusal and the form's anchor.
type Outcome = Result<Result<StructureOutcome, (StructureError, String)>, StoreError>;

/// `POST /politicas/{code}/pasos/{n}/estructura`, with `accion`: guardar | eliminar | renumerar |
/// horizonte | criterios.
pub async fn change(
    State(state): State<AppState>,
    user: SignedIn,
    Path((code, n)): Path<(String, String)>,
    Form { data: form, typed }: Form<StructureForm>,
) -> Result<Response, WebError> {
    let code = Policy::normalize_code(&code);
    let n: u8 = n.parse().ok().filter(|n| step(*n).is_some()).ok_or(WebError::NotFound)?;
    state.store.policy(&code).await?.ok_or(WebError::NotFound)?;
    require(&user, Action::EditStep, Resource::Policy(&code))?;
    let page = urls::structure(&code, n);
    let by = user.author();
    let this_year = chrono::Datelike::year(&crate::domain::time::today()) as u16;
    let settings = |e: StructureError| Ok(Err((e, "ajustes".to_string())));
    let result = match Change::from_key(&form.accion) {
        Some(Change::Save) => save(&state.store, &code, n, &form, &typed, &by).await,
        Some(Change::Delete) => delete(&state.store, &code, &form.id, &by).await,
        Some(Change::Renumber) => state.store.renumber(&code, &by).await.map(|count| Ok(StructureOutcome::Renumbered(count))),
        Some(Change::Horizon) => match check_horizon(&form.horizonte, this_year) {
            Ok(year) => state.store.set_horizon(&code, year, &by).await.map(|_| Ok(StructureOutcome::Settings)),
            Err(e) => settings(e),
        },
        Some(Change::Criteria) => match check_criteria(&form.criterios) {
            Ok(list) => state.store.set_criteria(&code, &list, &by).await.map(|_| Ok(StructureOutcome::Settings)),
            Err(e) => settings(e),
        },
        None => return Ok((StatusCode::BAD_REQUEST, [(SPANISH, "1")], t().unknown_action).into_response()),
    };
    match result? {
        Ok(done) => Ok(Redirect::to(&format!("{page}?{}", done.query())).into_response()),
        Err((e, anchor)) => {
            let mut kept = typed.clone();
            kept.push((DETAIL.into(), e.detail()));
            Err(WebError::back(page, e.key(), &kept, anchor))
        }
    }
}

/// The fields of the form that start with `prefix`, without it.
fn prefixed(typed: &[(String, String)], prefix: &str) -> BTreeMap<String, String> {
    typed.iter().filter_map(|(k, v)| k.strip_prefix(prefix).map(|k| (k.to_string(), v.clone()))).collect()
}

/// Adds an item (no `id`) or changes one, after checking it against the catalogue.
async fn save(store: &Store, code: &str, step: u8, form: &StructureForm, typed: &[(String, String)], by: &Author) -> Outcome {
    let Some(kind) = ItemKind::from_key(&form.tipo).filter(|k| k.step() == step) else {
        return Ok(Err((StructureError::BadChoice(t().item_kind_label), String::new())));
    };
    let anchor = format!("nuevo-{}", kind.key());
    let items = store.items(code).await?;
    let editing = (!form.id.is_empty()).then(|| items.iter().find(|i| i.id == form.id && i.kind == kind));
    if let Some(None) = editing {
        return Ok(Err((StructureError::DanglingLink(t().item_label), anchor)));
    }
    let exists = |k: ItemKind, id: &str| items.iter().any(|i| i.kind == k && i.id == id);
    let mut values = match check_values(kind, &prefixed(typed, VALUE), exists) {
        Ok(v) => v,
        Err(e) => return Ok(Err((e, anchor))),
    };
    let (horizon, criteria) = store.structure_settings(code).await?;
    if kind == ItemKind::Alternative {
        let scores: BTreeMap<String, String> = typed.iter().filter(|(k, _)| k.starts_with(SCORE)).cloned().collect();
        match check_scores(&criteria, &scores) {
            Ok(s) => values.extend(s),
            Err(e) => return Ok(Err((e, anchor))),
        }
    }
    let mut targets = BTreeMap::new();
    if kind == ItemKind::Indicator {
        // Baseline year and value were checked as a year and a number by `check_values`.
        let year: u16 = values.get("linea_base_anio").and_then(|y| y.parse().ok()).unwrap_or_default();
        let base = values.get("linea_base_valor").and_then(|v| parse_number(v)).unwrap_or_default();
        let mut raw: BTreeMap<u16, String> = BTreeMap::new();
        for (k, v) in prefixed(typed, TARGET).into_iter().filter(|(_, v)| !v.trim().is_empty()) {
            match k.parse::<u16>() {
                Ok(y) => {
                    raw.insert(y, v.trim().to_string());
                }
                Err(_) => return Ok(Err((StructureError::NotANumber(t().target_label), anchor))),
            }
        }
        let ascending = values.get("sentido").map(String::as_str) == Some("ascendente");
        if let Err(e) = check_targets(year, base, horizon, ascending, &raw) {
            return Ok(Err((e, anchor)));
        }
        targets = raw;
    }
    match editing {
        Some(Some(item)) => {
            if !store.update_item(code, &item.id, &values, &targets, by).await? {
                return Ok(Err((StructureError::DanglingLink(t().item_label), anchor)));
            }
            Ok(Ok(StructureOutcome::Saved(item.code.clone())))
        }
        _ => {
            let parent = Some(form.padre.clone()).filter(|p| !p.is_empty());
            match store.add_item(code, kind, parent.as_deref(), &values, &targets, by).await? {
                Ok(item) => Ok(Ok(StructureOutcome::Saved(item.code))),
                Err(_) => Ok(Err((StructureError::MissingParent, anchor))),
            }
        }
    }
}

async fn delete(store: &Store, code: &str, id: &str, by: &Author) -> Outcome {
    match store.delete_item(code, id, by).await? {
        Ok(()) => Ok(Ok(StructureOutcome::Deleted)),
        Err(ItemRefusal::Referenced(codes)) => Ok(Err((StructureError::StillReferenced(codes), "estructura".to_string()))),
        Err(ItemRefusal::NoParent) => Ok(Err((StructureError::MissingParent, "estructura".to_string()))),
    }
}
