//! Drafting writes and the DOCX download: save a step (or keep it as a draft for a preview, a
//! refused save or a conflict), freeze a deliverable version. Plain forms with redirect-after-post,
//! so they work the same before and after the wasm loads.
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};

use super::data::{GUIDE_FLASH, NOTE_FLASH};
use super::form::{FreezeForm, StepForm, StepQuery, VersionQuery, FREEZE_EMPTY, FREEZE_UNCHANGED, PREVIEW};
use crate::domain::pasted::{changes_param, normalize};
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
    // Text pasted from Word or a PDF reads as it looked (see `domain::pasted`); the page after
    // says what changed.
    let pasted = normalize(&form.texto);
    let changes = changes_param(&pasted.changes);
    let draft = Draft { policy: code.clone(), step: n, base, body: pasted.text, summary: form.resumen.clone() };
    if form.accion == PREVIEW {
        return keep(&state, &user, draft, None, &changes).await;
    }
    let checked = check_body(&draft.body).and_then(|body| Ok((body, check_summary(&form.resumen)?)));
    let (body, summary) = match checked {
        Ok(ok) => ok,
        Err(e) => return keep(&state, &user, draft, Some(e.key()), &changes).await,
    };
    match state.store.save_step(&code, n, base, &body, summary.as_deref(), &user.author()).await? {
        Ok(revision) => {
            if let Err(e) = state.store.drop_drafts(&user.id, &code, n).await {
                tracing::warn!(error = %e, "no se pudieron borrar los borradores");
            }
            Ok(Redirect::to(&format!("{}?{}={revision}{}", urls::step(&code, n), StepQuery::guardado, changes_query(&changes))))
        }
        Err(_newer) => keep(&state, &user, draft, None, &changes).await,
    }
}

/// `&ajustes=…` when the pasted text was changed, else nothing.
fn changes_query(changes: &str) -> String {
    if changes.is_empty() { String::new() } else { format!("&{}={changes}", StepQuery::ajustes) }
}

/// Keeps a text that did not become a revision as its author's draft, and goes back to the
/// editor, which shows it (with the refusal, or the conflict with a newer revision, and what
/// was changed of the pasted text).
async fn keep(state: &AppState, user: &SignedIn, draft: Draft, error: Option<&'static str>, changes: &str) -> Result<Redirect, WebError> {
    let editor = urls::editor(&draft.policy, draft.step);
    let id = state.store.put_draft(&user.id, draft).await?;
    let error = error.map(|e| format!("&error={e}")).unwrap_or_default();
    Ok(Redirect::to(&format!("{editor}?borrador={id}{error}{}", changes_query(changes))))
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

/// A deliverable as a download reads it: the version `query.version` (or the working text) when
/// this reader may read it, its steps and its annexes.
struct Readable {
    policy: Policy,
    def: &'static DeliverableDef,
    steps: Vec<crate::domain::StepBody>,
    frozen: Option<crate::domain::VersionInfo>,
    annexes: Vec<crate::domain::annexes::Annex>,
}

async fn readable(state: &AppState, user: &SignedIn, code: &str, n: &str, query: &VersionQuery) -> Result<Readable, WebError> {
    let (policy, def) = deliverable_target(state, code, n).await?;
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
    let frozen = version.and_then(|v| versions.into_iter().find(|i| i.number == v));
    let annexes = super::data::deliverable_annexes(&state.store, &policy.code, def.number, &steps, frozen.as_ref().map(|v| v.at)).await?;
    Ok(Readable { policy, def, steps, frozen, annexes })
}

/// The name a download of the deliverable takes: "PNMPETI-E3-v2.docx", or the working text's of today.
fn download_name(code: &str, deliverable: u8, version: Option<&crate::domain::VersionInfo>, what: &str, extension: &str) -> String {
    match version {
        Some(v) => format!("{code}-E{deliverable}{what}-v{}.{extension}", v.number),
        None => format!("{code}-E{deliverable}{what}-trabajo-{}.{extension}", crate::domain::time::today().format("%Y%m%d")),
    }
}

/// `GET /politicas/{code}/entregables/{n}/documento.docx[?version=k]`: the deliverable as a Word file.
pub async fn docx(
    State(state): State<AppState>,
    user: SignedIn,
    Path((code, n)): Path<(String, String)>,
    Query(query): Query<VersionQuery>,
) -> Result<Response, WebError> {
    let Readable { policy, def, steps, frozen, annexes } = readable(&state, &user, &code, &n, &query).await?;
    // Each step prints its text followed by its items in short; their fichas and matrices are annexes.
    let bodies: Vec<(u8, String)> = steps.iter().map(|s| (s.step, s.content())).collect();
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
    let year = chrono::Datelike::year(&crate::domain::time::lima_date(frozen.as_ref().map_or_else(chrono::Utc::now, |v| v.at)));
    let note = frozen.as_ref().map(|v| v.note.clone());
    let (code, name) = (policy.code.clone(), policy.name.clone());
    let built = crate::web::export_job(move || {
        let document = super::export::Document {
            policy_code: &code,
            policy_name: &name,
            deliverable: def.number,
            deliverable_steps: def.steps.to_vec(),
            version_line,
            year,
            note: note.as_deref(),
            steps: crate::domain::steps_of(def.number)
                .map(|s| (s.number, s.title, bodies.iter().find(|b| b.0 == s.number).map(|b| b.1.as_str()).unwrap_or("")))
                .collect(),
            annexes: &annexes,
        };
        super::export::build(&document)
    })
    .await?;
    let bytes = built.map_err(|e| {
        tracing::error!(error = %e, "no se pudo generar el DOCX");
        WebError::Unavailable
    })?;
    let name = download_name(&policy.code, def.number, frozen.as_ref(), "", "docx");
    Ok(attachment(&name, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", bytes).into_response())
}

/// `GET /politicas/{code}/entregables/{n}/anexos.xlsx[?version=k]`: the deliverable's annexes as a
/// workbook, one sheet per matrix (the fichas técnicas as rows).
pub async fn annexes_xlsx(
    State(state): State<AppState>,
    user: SignedIn,
    Path((code, n)): Path<(String, String)>,
    Query(query): Query<VersionQuery>,
) -> Result<Response, WebError> {
    let Readable { policy, def, steps, frozen, annexes } = readable(&state, &user, &code, &n, &query).await?;
    let items: Vec<crate::domain::structure::Item> = steps.iter().flat_map(|s| s.structure.iter().cloned()).collect();
    let code = policy.code.clone();
    let built = crate::web::export_job(move || crate::structure::export::annexes_workbook(&code, def.number, &annexes, &items)).await?;
    let bytes = built.map_err(|e| {
        tracing::error!(error = %e, "no se pudo generar el XLSX de anexos");
        WebError::Unavailable
    })?;
    let name = download_name(&policy.code, def.number, frozen.as_ref(), "-anexos", "xlsx");
    Ok(attachment(&name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes))
}

/// `POST /politicas/{code}/entregables/{n}/importar` (multipart): reads the uploaded Word document
/// into the Markdown of its steps and holds it, for this account only, as the import's preview
/// (`?retenido=…`); nothing is saved. A refusal goes back to the form, said at its top.
pub async fn import_docx(
    State(state): State<AppState>,
    user: SignedIn,
    Path((code, n)): Path<(String, String)>,
    mut multipart: axum::extract::Multipart,
) -> Result<Redirect, WebError> {
    use super::form::{base_field, text_field, ImportForm, HELD_BEFORE, HELD_FILE, HELD_LOST, HELD_OTHER_STEPS, IMPORT_ANCHOR, WHOLE_DELIVERABLE};
    use super::form::{IMPORT_BUSY, IMPORT_NO_FILE, IMPORT_NO_STEPS, IMPORT_TOO_BIG, IMPORT_UNAVAILABLE, IMPORT_UNREADABLE};
    use super::word::{read_docx, ImportError};
    let (policy, def) = deliverable_target(&state, &code, &n).await?;
    require(&user, Action::EditStep, Resource::Policy(&policy.code))?;
    let page = urls::import(&policy.code, def.number);
    // The way back names the chosen destination when it is one of this form's.
    let refused = |error: &str, target: &str| {
        let known = target == WHOLE_DELIVERABLE || target.parse::<u8>().is_ok_and(|s| def.steps.contains(&s));
        let target = if known { target } else { WHOLE_DELIVERABLE };
        Redirect::to(&format!("{page}?error={error}&{}={target}#{IMPORT_ANCHOR}-mensaje", ImportForm::destino))
    };
    let (mut file, mut name, mut target) = (None, String::new(), WHOLE_DELIVERABLE.to_string());
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            // Past the size limit, or cut off.
            Err(e) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => return Ok(refused(IMPORT_TOO_BIG, &target)),
            Err(_) => return Ok(refused(IMPORT_UNREADABLE, &target)),
        };
        match field.name() {
            Some(ImportForm::archivo) => {
                name = field.file_name().map(|f| crate::domain::text::shortened(&crate::domain::text::printable(f), 120)).unwrap_or_default();
                match field.bytes().await {
                    Ok(bytes) => file = Some(bytes),
                    Err(e) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => return Ok(refused(IMPORT_TOO_BIG, &target)),
                    Err(_) => return Ok(refused(IMPORT_UNREADABLE, &target)),
                }
            }
            Some(ImportForm::destino) => target = field.text().await.unwrap_or_default(),
            _ => {}
        }
    }
    // Where the text goes: the whole deliverable or one of its steps; anything else is no form of ours.
    let step = match target.as_str() {
        WHOLE_DELIVERABLE => None,
        t => Some(t.parse::<u8>().ok().filter(|s| def.steps.contains(s)).ok_or(WebError::Transport)?),
    };
    let Some(file) = file.filter(|f| !f.is_empty()) else { return Ok(refused(IMPORT_NO_FILE, &target)) };
    let imported = match read_docx(&file).await {
        Ok(imported) => imported,
        Err(ImportError::TooBig) => return Ok(refused(IMPORT_TOO_BIG, &target)),
        Err(ImportError::Unreadable) => return Ok(refused(IMPORT_UNREADABLE, &target)),
        Err(ImportError::Unavailable) => return Ok(refused(IMPORT_UNAVAILABLE, &target)),
        Err(ImportError::Busy) => return Ok(refused(IMPORT_BUSY, &target)),
    };
    let current = |number: u8| {
        let store = state.store.clone();
        let code = policy.code.clone();
        async move { store.step_text(&code, number).await.map(|s| s.map_or(0, |s| s.revision)) }
    };
    // Into one step: the step's part when the document has it, otherwise all of the document.
    let texts: Vec<(u8, String)> = match step {
        Some(step) => match imported.steps.iter().find(|(s, _)| *s == step) {
            Some((_, text)) => vec![(step, text.clone())],
            None => {
                let all = std::iter::once(imported.before.clone()).chain(imported.steps.iter().map(|(_, t)| t.clone())).filter(|t| !t.trim().is_empty());
                vec![(step, all.collect::<Vec<_>>().join("\n\n"))]
            }
        },
        None => imported.steps.iter().filter(|(s, _)| def.steps.contains(s)).cloned().collect(),
    };
    if texts.is_empty() {
        return Ok(refused(IMPORT_NO_STEPS, &target));
    }
    let whole = step.is_none();
    let mut fields = vec![(HELD_FILE.to_string(), name)];
    for (step, text) in &texts {
        // The preview shows what saving will store: the text normalised as a save does.
        fields.push((text_field(*step), normalize(text).text));
        fields.push((base_field(*step), current(*step).await?.to_string()));
    }
    if whole {
        fields.push((HELD_BEFORE.to_string(), imported.before.chars().count().to_string()));
        let others: Vec<String> = imported.steps.iter().filter(|(s, _)| !def.steps.contains(s)).map(|(s, _)| s.to_string()).collect();
        fields.push((HELD_OTHER_STEPS.to_string(), others.join(",")));
    }
    for (lost, count) in &imported.lost {
        fields.push((HELD_LOST.to_string(), t().import_lost(*lost, *count)));
    }
    let held = crate::store::HeldForm { page: page.clone(), anchor: IMPORT_ANCHOR.to_string(), error: String::new(), fields };
    let id = state.store.hold_form(&user.id, &held).await?;
    Ok(Redirect::to(&format!("{page}?{}={id}#vista-previa", crate::web::form::HELD)))
}

/// `POST /politicas/{code}/entregables/{n}/importar/guardar`: saves each ticked step of the
/// preview as a new revision of that step. Refused, with the whole preview held, when a text is
/// refused or a step was saved by someone since the preview (nothing is saved then).
pub async fn import_save(
    State(state): State<AppState>,
    user: SignedIn,
    Path((code, n)): Path<(String, String)>,
    Form { data: form, typed }: Form<super::form::ImportSaveForm>,
) -> Result<Redirect, WebError> {
    use super::form::{base_field, text_field, DeliverableQuery, IMPORT_ANCHOR, IMPORT_CONFLICT, IMPORT_NOTHING_TICKED};
    let (policy, def) = deliverable_target(&state, &code, &n).await?;
    require(&user, Action::EditStep, Resource::Policy(&policy.code))?;
    let back = |error: &str| WebError::back(urls::import(&policy.code, def.number), error, &typed, IMPORT_ANCHOR);
    let field = |name: &str| typed.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let ticked: Vec<u8> = def.steps.iter().copied().filter(|s| form.pasos.contains(&s.to_string())).collect();
    if ticked.is_empty() {
        return Err(back(IMPORT_NOTHING_TICKED));
    }
    // Every text is checked, and every step still where the preview found it, before any is saved.
    let mut checked = Vec::new();
    for step in ticked {
        let body = check_body(&normalize(field(&text_field(step)).unwrap_or_default()).text).map_err(|e| back(e.key()))?;
        let base: u32 = field(&base_field(step)).and_then(|b| b.parse().ok()).unwrap_or(0);
        let now = state.store.step_text(&policy.code, step).await?.map_or(0, |s| s.revision);
        if now != base {
            return Err(back(IMPORT_CONFLICT));
        }
        checked.push((step, base, body));
    }
    let summary = t().import_summary(&crate::domain::text::printable(&form.archivo));
    let summary = check_summary(&summary).ok().flatten();
    let mut saved = Vec::new();
    for (step, base, body) in checked {
        match state.store.save_step(&policy.code, step, base, &body, summary.as_deref(), &user.author()).await? {
            Ok(_) => saved.push(step.to_string()),
            // Saved by someone in the instant since the check: the rest is held with the refusal.
            Err(_) => return Err(back(IMPORT_CONFLICT)),
        }
    }
    Ok(Redirect::to(&format!("{}?{}={}", urls::deliverable(&policy.code, def.number), DeliverableQuery::importados, saved.join(","))))
}
