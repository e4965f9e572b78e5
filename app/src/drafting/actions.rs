//! Drafting writes and the DOCX download: save a step (or keep it as a draft for a preview, a
//! refused save or a conflict), freeze a deliverable version. Plain forms with redirect-after-post,
//! so they work the same before and after the wasm loads.
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};

use super::data::{GUIDE_FLASH, NOTE_FLASH};
use super::form::{FreezeForm, StepForm, VersionQuery, FREEZE_EMPTY, FREEZE_UNCHANGED, PREVIEW};
use crate::store::credentials::token_digest;
use crate::domain::drafting::{check_body, check_note, check_summary};
use crate::domain::{step, Action, DeliverableDef, Draft, FreezeRefusal, Policy, Resource, DELIVERABLES};
use crate::i18n::t;
use crate::ui::moment;
use crate::web::session::session_token;
use crate::web::{attachment, require, AppState, Form, Path, SignedIn, WebError};
use crate::urls;

/// A policy code and step number from the address, both known.
async fn step_target(state: &AppState, code: &str, n: &str) -> Result<(String, u8), WebError> {
    let code = Policy::normalize_code(code);
    let n: u8 = n.parse().ok().filter(|n| step(*n).is_some()).ok_or(WebError::NotFound)?;
    state.store.policy(&code).await?.ok_or(WebError::NotFound)?;
    Ok((code, n))
}

/// A policy code and deliverable from the address, both known.
async fn deliverable_target(state: &AppState, code: &str, n: &str) -> Result<(Policy, &'static DeliverableDef), WebError> {
    let code = Policy::normalize_code(code);
    let def = n.parse::<u8>().ok().and_then(|n| DELIVERABLES.iter().find(|d| d.number == n)).ok_or(WebError::NotFound)?;
    let policy = state.store.policy(&code).await?.ok_or(WebError::NotFound)?;
    Ok((policy, def))
}

/// `POST /politicas/{code}/pasos/{n}/editar`: "Guardar" saves a revision on the revision the
/// editor started from; "Vista previa", a refused save and a stale base keep the text as the
/// author's draft and go back to the editor, which shows it (and the conflict, if any).
pub async fn save_step(
    State(state): State<AppState>,
    user: SignedIn,
    Path((code, n)): Path<(String, String)>,
    Form { data: form, .. }: Form<StepForm>,
) -> Result<Redirect, WebError> {
    let (code, n) = step_target(&state, &code, &n).await?;
    require(&user, Action::EditStep, Resource::Policy(&code))?;
    // A missing or garbled base cannot be trusted to be current: treat it as the oldest.
    let base: u32 = form.base.parse().unwrap_or(0);
    let draft = Draft { policy: code.clone(), step: n, base, body: form.texto.clone(), summary: form.resumen.clone() };
    if form.accion == PREVIEW {
        return keep(&state, &user, draft, None).await;
    }
    let checked = check_body(&form.texto).and_then(|body| Ok((body, check_summary(&form.resumen)?)));
    let (body, summary) = match checked {
        Ok(ok) => ok,
        Err(e) => return keep(&state, &user, draft, Some(e.key())).await,
    };
    match state.store.save_step(&code, n, base, &body, summary.as_deref(), &user.author()).await? {
        Ok(revision) => {
            if let Err(e) = state.store.drop_drafts(&user.id, &code, n).await {
                tracing::warn!(error = %e, "no se pudieron borrar los borradores");
            }
            Ok(Redirect::to(&format!("{}?guardado={revision}", urls::step(&code, n))))
        }
        Err(_newer) => keep(&state, &user, draft, None).await,
    }
}

/// Keeps a text that did not become a revision as its author's draft, and goes back to the
/// editor, which shows it (with the refusal, or the conflict with a newer revision).
async fn keep(state: &AppState, user: &SignedIn, draft: Draft, error: Option<&'static str>) -> Result<Redirect, WebError> {
    let editor = urls::editor(&draft.policy, draft.step);
    let id = state.store.put_draft(&user.id, draft).await?;
    let error = error.map(|e| format!("&error={e}")).unwrap_or_default();
    Ok(Redirect::to(&format!("{editor}?borrador={id}{error}")))
}

/// `POST /politicas/{code}/entregables/{n}/versiones`: freezes the current revision of each step.
/// A refused note goes back to its form through the session, whatever its length.
pub async fn freeze(
    State(state): State<AppState>,
    user: SignedIn,
    Path((code, n)): Path<(String, String)>,
    headers: HeaderMap,
    Form { data: form, .. }: Form<FreezeForm>,
) -> Result<Redirect, WebError> {
    let (policy, def) = deliverable_target(&state, &code, &n).await?;
    require(&user, Action::FreezeVersion, Resource::Policy(&policy.code))?;
    let page = urls::deliverable(&policy.code, def.number);
    let session = session_token(&headers).map(|t| token_digest(&t)).unwrap_or_default();
    let refused = |error: String| {
        let (store, page, session, note, guide) = (state.store.clone(), page.clone(), session.clone(), form.nota.clone(), form.guia.clone());
        async move {
            store.put_flash(&session, NOTE_FLASH, Some(note)).await?;
            store.put_flash(&session, GUIDE_FLASH, Some(guide)).await?;
            Ok(Redirect::to(&format!("{page}?error={error}#congelar-mensaje")))
        }
    };
    let (note, guide) = match (check_note(&form.nota), crate::domain::drafting::check_guide(&form.guia)) {
        (Ok(n), Ok(g)) => (n, g),
        (Err(e), _) | (_, Err(e)) => return refused(e.key().to_string()).await,
    };
    match state.store.freeze_version(&policy.code, def.number, &note, guide.as_deref(), &user.author()).await? {
        Ok(version) => Ok(Redirect::to(&format!("{page}?congelada={version}#versiones"))),
        Err(FreezeRefusal::Empty) => refused(FREEZE_EMPTY.into()).await,
        Err(FreezeRefusal::Unchanged(v)) => refused(format!("{FREEZE_UNCHANGED}&version={v}")).await,
    }
}

/// `GET /politicas/{code}/entregables/{n}/documento.docx[?version=k]`: the deliverable as a Word file.
pub async fn docx(
    State(state): State<AppState>,
    user: SignedIn,
    Path((code, n)): Path<(String, String)>,
    Query(query): Query<VersionQuery>,
) -> Result<Response, WebError> {
    let (policy, def) = deliverable_target(&state, &code, &n).await?;
    let version = match query.version.as_str() {
        "" => None,
        v => Some(v.parse::<u32>().map_err(|_| WebError::NotFound)?),
    };
    let sent = state.store.sent_versions(&policy.code, def.number).await?;
    if !crate::domain::review::may_read_version(&user.actor(), &policy.code, version, &sent) {
        return Err(WebError::Forbidden);
    }
    let (steps, versions) = tokio::try_join!(state.store.deliverable_text(&policy.code, def.number, version), state.store.versions(&policy.code, def.number))?;
    let steps = steps.ok_or(WebError::NotFound)?;
    // Each step prints its text followed by its structured tables.
    let bodies: Vec<(u8, String)> = steps.iter().map(|s| (s.step, s.content())).collect();
    let frozen = version.and_then(|v| versions.into_iter().find(|i| i.number == v));
    let version_line = match &frozen {
        Some(v) => {
            let line = t().docx_version_line(v.number, &moment(&v.at), &v.author);
            match &v.guide {
                Some(guide) => format!("{line} · {} {guide}", t().guide_of_version),
                None => line,
            }
        }
        None => t().docx_working_line(&moment(&chrono::Utc::now())),
    };
    let document = super::export::Document {
        policy_code: &policy.code,
        policy_name: &policy.name,
        deliverable: def.number,
        deliverable_steps: def.steps.to_vec(),
        version_line,
        note: frozen.as_ref().map(|v| v.note.as_str()),
        steps: crate::domain::steps_of(def.number)
            .map(|s| (s.number, s.title, bodies.iter().find(|b| b.0 == s.number).map(|b| b.1.as_str()).unwrap_or("")))
            .collect(),
    };
    let bytes = super::export::build(&document).map_err(|e| {
        tracing::error!(error = %e, "no se pudo generar el DOCX");
        WebError::Unavailable
    })?;
    let name = match version {
        Some(v) => format!("{}-E{}-v{v}.docx", policy.code, def.number),
        None => format!("{}-E{}-trabajo-{}.docx", policy.code, def.number, crate::domain::time::today().format("%Y%m%d")),
    };
    Ok(attachment(&name, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", bytes).into_response())
}
