//! Drafting writes and the DOCX download: save a step (or keep it as a draft for a preview, a
//! refused save or a conflict), freeze a deliverable version. Plain forms with redirect-after-post,
//! so they work the same before and after the wasm loads.
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use pasos_app::api::NOTE_FLASH;
use pasos_app::auth::{session_token, token_digest, CurrentUser};
use pasos_app::domain::drafting::{check_body, check_note, check_summary};
use pasos_app::domain::{may, step, steps_of, Action, Policy, Resource, DELIVERABLES};
use pasos_app::format::{moment, today};
use pasos_app::store::{Draft, FreezeRefusal, Store, User};

use crate::or_answer;
use crate::forms::{Path, found, one, parse, unavailable};
use crate::router::AppState;


/// The signed-in user, if the permission rule lets them do `action` on the policy.
pub(crate) fn allowed<'a>(current: &'a CurrentUser, action: Action, code: &str) -> Result<&'a User, Response> {
    match &current.0 {
        Some(user) if may(&user.actor(), action, Resource::Policy(code)) => Ok(user),
        Some(_) => Err((StatusCode::FORBIDDEN, "Su cuenta no tiene permiso para esta acción en esta política.").into_response()),
        None => Err((StatusCode::UNAUTHORIZED, "Inicie sesión para continuar.").into_response()),
    }
}

pub(crate) fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "No encontramos esa política, paso o versión.").into_response()
}

/// `/politicas/{code}/pasos/{n}` for a known policy code and step number.
pub(crate) async fn step_target(store: &Store, code: &str, n: &str) -> Result<(String, u8), Response> {
    let code = Policy::normalize_code(code);
    let n: u8 = n.parse().ok().filter(|n| step(*n).is_some()).ok_or_else(not_found)?;
    found(store.policy(&code).await, not_found)?;
    Ok((code, n))
}

/// `POST /politicas/{code}/pasos/{n}/editar`: "Guardar" saves a revision on the revision the
/// editor started from; "Vista previa", a refused save and a stale base keep the text as the
/// author's draft and go back to the editor, which shows it (and the conflict, if any).
pub async fn save_step(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    Path((code, n)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let (code, n) = or_answer!(step_target(&state.store, &code, &n).await);
    let user = or_answer!(allowed(&current, Action::EditStep, &code));
    let form = parse(&body);
    let text = one(&form, "texto");
    let summary = one(&form, "resumen");
    // A missing or garbled base cannot be trusted to be current: treat it as the oldest.
    let base: u32 = one(&form, "base").parse().unwrap_or(0);
    let editor = format!("/politicas/{}/pasos/{n}/editar", code.to_lowercase());
    let keep = |error: Option<&'static str>| {
        let draft = Draft { policy: code.clone(), step: n, base, body: text.clone(), summary: summary.clone() };
        let store = state.store.clone();
        let editor = editor.clone();
        let user_id = user.id.clone();
        async move {
            match store.put_draft(&user_id, draft).await {
                Ok(id) => {
                    let error = error.map(|e| format!("&error={e}")).unwrap_or_default();
                    Redirect::to(&format!("{editor}?borrador={id}{error}")).into_response()
                }
                Err(e) => unavailable(e),
            }
        }
    };
    if one(&form, "accion") == "vista_previa" {
        return keep(None).await;
    }
    let checked = check_body(&text).and_then(|body| Ok((body, check_summary(&summary)?)));
    let (body, summary) = match checked {
        Ok(ok) => ok,
        Err(e) => return keep(Some(e.key())).await,
    };
    match state.store.save_step(&code, n, base, &body, summary.as_deref(), &user.author()).await {
        Ok(Ok(revision)) => {
            if let Err(e) = state.store.drop_drafts(&user.id, &code, n).await {
                tracing::warn!(error = %e, "no se pudieron borrar los borradores");
            }
            Redirect::to(&format!("/politicas/{}/pasos/{n}?guardado={revision}", code.to_lowercase())).into_response()
        }
        Ok(Err(_newer)) => keep(None).await,
        Err(e) => unavailable(e),
    }
}

/// `POST /politicas/{code}/entregables/{n}/versiones`: freezes the current revision of each step.
pub async fn freeze(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    Path((code, n)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let code = Policy::normalize_code(&code);
    let Some(n) = n.parse::<u8>().ok().filter(|n| DELIVERABLES.iter().any(|d| d.number == *n)) else {
        return not_found();
    };
    or_answer!(found(state.store.policy(&code).await, not_found));
    let user = or_answer!(allowed(&current, Action::FreezeVersion, &code));
    let page = format!("/politicas/{}/entregables/{n}", code.to_lowercase());
    let note = one(&parse(&body), "nota");
    let refused = |error: String| {
        let store = state.store.clone();
        let page = page.clone();
        let session = session_token(&headers).map(|t| token_digest(&t)).unwrap_or_default();
        let note = note.clone();
        async move {
            // The note goes back to the form through the session, whatever its length.
            if let Err(e) = store.put_flash(&session, NOTE_FLASH, Some(note)).await {
                return unavailable(e);
            }
            Redirect::to(&format!("{page}?error={error}#congelar")).into_response()
        }
    };
    let note = match check_note(&note) {
        Ok(n) => n,
        Err(e) => return refused(e.key().to_string()).await,
    };
    match state.store.freeze_version(&code, n, &note, &user.author()).await {
        Ok(Ok(version)) => Redirect::to(&format!("{page}?congelada={version}#versiones")).into_response(),
        Ok(Err(FreezeRefusal::Empty)) => refused("sin_texto".into()).await,
        Ok(Err(FreezeRefusal::Unchanged(v))) => refused(format!("sin_cambios&version={v}")).await,
        Err(e) => unavailable(e),
    }
}

#[derive(serde::Deserialize)]
pub struct VersionQuery {
    version: Option<String>,
}

/// `GET /politicas/{code}/entregables/{n}/documento.docx[?version=k]`: the deliverable as a Word file.
pub async fn docx(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    Path((code, n)): Path<(String, String)>,
    Query(query): Query<VersionQuery>,
) -> Response {
    let code = Policy::normalize_code(&code);
    let Some(def) = n.parse::<u8>().ok().and_then(|n| DELIVERABLES.iter().find(|d| d.number == n)) else {
        return not_found();
    };
    let version = match query.version.as_deref().filter(|v| !v.is_empty()) {
        None => None,
        Some(v) => match v.parse::<u32>() {
            Ok(v) => Some(v),
            Err(_) => return not_found(),
        },
    };
    let policy = or_answer!(found(state.store.policy(&code).await, not_found));
    let Some(user) = &current.0 else { return (StatusCode::UNAUTHORIZED, "Inicie sesión para continuar.").into_response() };
    let sent = match state.store.sent_versions(&code, def.number).await {
        Ok(s) => s,
        Err(e) => return unavailable(e),
    };
    if !pasos_app::domain::review::may_read_version(&user.actor(), &code, version, &sent) {
        return (StatusCode::FORBIDDEN, "Su cuenta no tiene permiso para leer este texto.").into_response();
    }
    let (steps, versions) = match tokio::try_join!(
        state.store.deliverable_text(&code, def.number, version),
        state.store.versions(&code, def.number)
    ) {
        Ok((Some(steps), versions)) => (steps, versions),
        Ok((None, _)) => return not_found(),
        Err(e) => return unavailable(e),
    };
    // Each step prints its text followed by its structured tables.
    let steps: Vec<_> = steps.into_iter().map(|mut s| {
        s.body = s.content();
        s
    }).collect();
    let frozen = version.and_then(|v| versions.into_iter().find(|i| i.number == v));
    let version_line = match &frozen {
        Some(v) => format!("Versión {} — congelada el {} por {}", v.number, moment(&v.at), v.author),
        None => format!("Texto de trabajo al {}", moment(&chrono::Utc::now())),
    };
    let document = document_of(&policy, def, version_line, frozen.as_ref().map(|v| v.note.as_str()), &steps);
    let bytes = match crate::docx::build(&document) {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "no se pudo generar el DOCX");
            return (StatusCode::INTERNAL_SERVER_ERROR, "No se pudo generar el documento.").into_response();
        }
    };
    let name = match version {
        Some(v) => format!("{code}-E{}-v{v}.docx", def.number),
        None => format!("{code}-E{}-trabajo-{}.docx", def.number, today().format("%Y%m%d")),
    };
    (
        [
            (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.wordprocessingml.document".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response()
}

fn document_of<'a>(
    policy: &'a Policy,
    def: &'a pasos_app::domain::DeliverableDef,
    version_line: String,
    note: Option<&'a str>,
    steps: &'a [pasos_app::store::StepBody],
) -> crate::docx::Document<'a> {
    crate::docx::Document {
        policy_code: &policy.code,
        policy_name: &policy.name,
        deliverable: def.number,
        deliverable_steps: def.steps.to_vec(),
        version_line,
        note,
        steps: steps_of(def.number)
            .map(|s| {
                let body = steps.iter().find(|b| b.step == s.number).map(|b| b.body.as_str()).unwrap_or("");
                (s.number, s.title, body)
            })
            .collect(),
    }
}
