//! Structured content from plain forms: add, change and delete a step's items, renumber codes,
//! set the horizon and the scoring criteria. Every refusal goes back to the form with its reason
//! and everything that was typed.
use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::form::{Change, StructureForm, StructureOutcome, DETAIL, OBSERVED, SCORE, TARGET, VALUE, YEARS_UPDATED};
use crate::domain::structure::{check_attributes, check_code, check_criteria, check_horizon, check_scores, check_series, check_values, kind_name, score_key, CodeScheme, FieldType, ItemKind, ItemRefusal, StructureError};
use crate::domain::{step, Action, Author, Policy, Resource};
use crate::i18n::t;
use crate::store::{NewItem, Store, StoreError};
use crate::web::layers::SPANISH;
use crate::web::{require, AppState, Form, Path, SignedIn, WebError};
use crate::urls;

/// What a change answers: the page's outcome, or the refusal and the form's anchor.
type Outcome = Result<Result<StructureOutcome, (StructureError, String)>, StoreError>;

/// `POST /politicas/{code}/pasos/{n}/estructura`, with `accion`: guardar | eliminar | renumerar |
/// horizonte | criterios | esquema | atributos | actualizar_anios.
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
    let action = if form.anios.is_empty() { Change::from_key(&form.accion) } else { Some(Change::UpdateYears) };
    let result = match action {
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
        Some(Change::Scheme) => match CodeScheme::from_key(&form.esquema) {
            Some(scheme) => state.store.set_scheme(&code, scheme, &by).await.map(|_| Ok(StructureOutcome::Scheme)),
            None => return Err(WebError::back(page, StructureError::BadChoice(t().code_scheme_label.into()).key(), &typed, "numeracion")),
        },
        Some(Change::Attributes) => match check_attributes(&form.atributos) {
            Ok(list) => state.store.set_attributes(&code, &list, &by).await.map(|_| Ok(StructureOutcome::Settings)),
            Err(e) => Ok(Err((e, "atributos".to_string()))),
        },
        // Nothing is saved: the form comes back with its year fields for what was typed.
        Some(Change::UpdateYears) => {
            let anchor = ItemKind::from_key(&form.tipo).map(|k| format!("nuevo-{}", k.key())).unwrap_or_default();
            return Err(WebError::back(page, YEARS_UPDATED, &typed, anchor));
        }
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

/// The fields of the form that start with `prefix`, without it. A field of several choices
/// (`several`) keeps every value sent, joined by ", "; any other field sent twice (only a forged
/// form does) keeps its first.
fn prefixed(typed: &[(String, String)], prefix: &str, several: impl Fn(&str) -> bool) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for (k, v) in typed.iter().filter_map(|(k, v)| k.strip_prefix(prefix).map(|k| (k, v))) {
        match out.get_mut(k) {
            Some(all) if several(k) => {
                all.push_str(", ");
                all.push_str(v);
            }
            Some(_) => {}
            None => {
                out.insert(k.to_string(), v.clone());
            }
        }
    }
    out
}

/// The yearly fields with `prefix` (`meta:2030`), by year; a name that is no year is refused.
fn yearly(typed: &[(String, String)], prefix: &str) -> Result<BTreeMap<u16, String>, StructureError> {
    prefixed(typed, prefix, |_| false)
        .into_iter()
        .map(|(k, v)| k.parse::<u16>().map(|y| (y, v)).map_err(|_| StructureError::BadYear(t().year.into())))
        .collect()
}

/// Adds an item (no `id`) or changes one, after checking it against the catalogue.
async fn save(store: &Store, code: &str, step: u8, form: &StructureForm, typed: &[(String, String)], by: &Author) -> Outcome {
    let Some(kind) = ItemKind::from_key(&form.tipo).filter(|k| k.step() == step) else {
        return Ok(Err((StructureError::BadChoice(t().item_kind_label.into()), String::new())));
    };
    let anchor = format!("nuevo-{}", kind.key());
    let refuse = |e: StructureError| Ok(Err((e, anchor.clone())));
    let items = store.items(code).await?;
    let editing = (!form.id.is_empty()).then(|| items.iter().find(|i| i.id == form.id && i.kind == kind));
    if let Some(None) = editing {
        return refuse(StructureError::DanglingLink(t().item_label.into()));
    }
    let settings = store.structure_settings(code).await?;
    // Under the policy's own numbering the team types each code.
    let typed_code = match settings.scheme {
        CodeScheme::Own => {
            let others: Vec<String> = items.iter().filter(|i| Some(i.id.as_str()) != editing.flatten().map(|e| e.id.as_str())).map(|i| i.code.clone()).collect();
            match check_code(&form.codigo, &others) {
                Ok(c) => Some(c),
                Err(e) => return refuse(e),
            }
        }
        _ => None,
    };
    if kind.single() && editing.is_none() && items.iter().any(|i| i.kind == kind) {
        return refuse(StructureError::OnlyOne(kind_name(kind).into()));
    }
    let exists = |k: ItemKind, id: &str| items.iter().any(|i| i.kind == k && i.id == id);
    let several = |key: &str| kind.fields().iter().any(|f| f.key == key && matches!(f.ty, FieldType::Choices(_)));
    // An attribute the policy no longer lists stays valid for the items that have it.
    let mut attributes = settings.attributes.clone();
    if let Some(Some(item)) = editing {
        attributes.push(item.value("atributo").to_string());
    }
    let mut values = match check_values(kind, &prefixed(typed, VALUE, several), exists, &attributes) {
        Ok(v) => v,
        Err(e) => return refuse(e),
    };
    if kind == ItemKind::Alternative {
        let scores: BTreeMap<String, String> = typed.iter().filter(|(k, _)| k.starts_with(SCORE)).cloned().collect();
        match check_scores(&settings.criteria, &scores) {
            Ok(s) => values.extend(s),
            Err(e) => return refuse(e),
        }
        // Scores on criteria the policy no longer uses are not the form's to drop.
        if let Some(Some(item)) = editing {
            for (k, v) in item.values.iter().filter(|(k, _)| k.starts_with(SCORE) && !settings.criteria.iter().any(|c| score_key(c) == **k)) {
                values.insert(k.clone(), v.clone());
            }
        }
    }
    // Activities keep what an earlier version stored as their single yearly target.
    if let Some(Some(item)) = editing {
        for f in kind.legacy_fields() {
            if let Some(v) = item.values.get(f.key) {
                values.insert(f.key.to_string(), v.clone());
            }
        }
    }
    let this_year = chrono::Datelike::year(&crate::domain::time::today()) as u16;
    let (observed, targets) = match yearly(typed, OBSERVED).and_then(|o| yearly(typed, TARGET).map(|t| (o, t))) {
        Ok((o, t)) => match check_series(kind, &values, &o, &t, settings.horizon, this_year) {
            Ok(series) => series,
            Err(e) => return refuse(e),
        },
        Err(e) => return refuse(e),
    };
    let change = NewItem {
        kind,
        parent: Some(form.padre.as_str()).filter(|p| !p.is_empty()),
        values: &values,
        targets: &targets,
        observed: &observed,
        typed_code: typed_code.as_deref(),
    };
    let refusal = |r: ItemRefusal| match r {
        ItemRefusal::CodeTaken(c) => StructureError::CodeTaken(c),
        ItemRefusal::OnlyOne => StructureError::OnlyOne(kind_name(kind).into()),
        ItemRefusal::TooMany => StructureError::TooMany,
        ItemRefusal::NoParent | ItemRefusal::Referenced(_) => StructureError::MissingParent,
    };
    match editing {
        Some(Some(item)) => match store.update_item(code, &item.id, change, by).await? {
            Ok(Some(saved)) => Ok(Ok(StructureOutcome::Saved(saved))),
            Ok(None) => refuse(StructureError::DanglingLink(t().item_label.into())),
            Err(r) => refuse(refusal(r)),
        },
        _ => match store.add_item(code, change, by).await? {
            Ok(item) => Ok(Ok(StructureOutcome::Saved(item.code))),
            Err(r) => refuse(refusal(r)),
        },
    }
}

async fn delete(store: &Store, code: &str, id: &str, by: &Author) -> Outcome {
    match store.delete_item(code, id, by).await? {
        Ok(()) => Ok(Ok(StructureOutcome::Deleted)),
        Err(ItemRefusal::Referenced(codes)) => Ok(Err((StructureError::StillReferenced(codes), "estructura".to_string()))),
        Err(_) => Ok(Err((StructureError::MissingParent, "estructura".to_string()))),
    }
}
