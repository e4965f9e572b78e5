//! Recording the formal review from plain forms: a deliverable's transition (freezing or naming the
//! version sent to CEPLAN), a policy milestone, the annulment of a mistaken event; and the progress
//! report as a Markdown download. Refusals go back to the form with the reason and what was typed.
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use pasos_app::auth::CurrentUser;
use pasos_app::domain::review::{action_for, check_milestone, check_reason, check_transition, RecordForm};
use pasos_app::domain::{may, Action, DeliverableState, EventKind, Milestone, Policy, Resource, ReviewError, VersionChoice};
use pasos_app::format::lima;
use pasos_app::i18n::t;
use pasos_app::store::{FreezeRefusal, StoreError, User};

use crate::router::AppState;

fn fields(body: &Bytes) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

fn field(fields: &[(String, String)], name: &str) -> String {
    fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
}

fn record_form(form: &[(String, String)]) -> RecordForm {
    RecordForm {
        date: field(form, "fecha"),
        document: field(form, "documento"),
        note: field(form, "nota"),
        link: field(form, "enlace"),
    }
}

fn signed_in(current: &CurrentUser) -> Result<&User, Response> {
    current.0.as_ref().ok_or_else(|| (StatusCode::UNAUTHORIZED, "Inicie sesión para continuar.").into_response())
}

fn forbidden() -> Response {
    (StatusCode::FORBIDDEN, "Su cuenta no tiene permiso para registrar este paso de la revisión.").into_response()
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "No encontramos esa política, entregable o evento.").into_response()
}

fn unavailable(e: StoreError) -> Response {
    tracing::error!(error = %e, "error al registrar la revisión");
    (StatusCode::SERVICE_UNAVAILABLE, "El servicio no está disponible. No se registró nada; intente de nuevo.").into_response()
}

fn today() -> chrono::NaiveDate {
    chrono::Utc::now().with_timezone(&lima()).date_naive()
}

/// Back to `page` with the refusal and every field of the form, to show them again.
fn back(page: &str, error: ReviewError, form: &[(String, String)], anchor: &str) -> Response {
    let mut q = form_urlencoded::Serializer::new(String::new());
    q.append_pair("error", error.key());
    for (k, v) in form.iter().filter(|(k, _)| k != "error") {
        q.append_pair(k, v);
    }
    Redirect::to(&format!("{page}?{}#{anchor}", q.finish())).into_response()
}

/// `POST /politicas/{code}/entregables/{n}/transiciones`.
pub async fn record_transition(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    Path((code, n)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let code = Policy::normalize_code(&code);
    let user = match signed_in(&current) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let Some(n) = n.parse::<u8>().ok().filter(|n| (1..=5).contains(n)) else { return not_found() };
    let facts = match state.store.deliverable_facts(&code, n).await {
        Ok(Some(f)) => f,
        Ok(None) => return not_found(),
        Err(e) => return unavailable(e),
    };
    let actor = user.actor();
    let form = fields(&body);
    let page = format!("/politicas/{}/entregables/{n}", code.to_lowercase());
    let Some(to) = DeliverableState::from_key(&field(&form, "estado")) else {
        return back(&page, ReviewError::NotAllowed, &form, "revision");
    };
    if !may(&actor, action_for(to), Resource::Policy(&code)) {
        return forbidden();
    }
    let choice = match field(&form, "version").as_str() {
        "" => None,
        // Freezing is the team's; others name a version that exists.
        "nueva" if may(&actor, Action::FreezeVersion, Resource::Policy(&code)) => Some(VersionChoice::FreezeNow),
        "nueva" => None,
        v => match v.parse() {
            Ok(v) => Some(VersionChoice::Existing(v)),
            Err(_) => return back(&page, ReviewError::UnknownVersion, &form, "revision"),
        },
    };
    let checked = match check_transition(&facts, to, &record_form(&form), choice, today()) {
        Ok(c) => c,
        Err(e) => return back(&page, e, &form, "revision"),
    };
    let version = match checked.version {
        None => None,
        Some(VersionChoice::Existing(v)) => Some(v),
        Some(VersionChoice::FreezeNow) => {
            let note = format!("{} ({})", t().sent_version_note, checked.record.document.clone().unwrap_or_default());
            match state.store.freeze_version(&code, n, &note, &user.author()).await {
                Ok(Ok(v)) => Some(v),
                // Nothing changed since the last version: that version is the one sent.
                Ok(Err(FreezeRefusal::Unchanged(v))) => Some(v),
                Ok(Err(FreezeRefusal::Empty)) => return back(&page, ReviewError::NothingToFreeze, &form, "revision"),
                Err(e) => return unavailable(e),
            }
        }
    };
    let title = t().transition_title(to, n);
    match state.store.record_transition(&code, n, &checked, version, title, &user.author()).await {
        Ok(true) => Redirect::to(&format!("{page}?registrado=1#revision")).into_response(),
        Ok(false) => back(&page, ReviewError::NotAllowed, &form, "revision"),
        Err(e) => unavailable(e),
    }
}

/// `POST /politicas/{code}/hitos`: the next milestone of a policy whose deliverables are all *Conforme*.
pub async fn record_milestone(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    Path(code): Path<String>,
    body: Bytes,
) -> Response {
    let code = Policy::normalize_code(&code);
    let user = match signed_in(&current) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let detail = match state.store.policy_detail(&code).await {
        Ok(Some(d)) => d,
        Ok(None) => return not_found(),
        Err(e) => return unavailable(e),
    };
    if !may(&user.actor(), Action::RecordMilestone, Resource::Policy(&code)) {
        return forbidden();
    }
    let form = fields(&body);
    let page = format!("/politicas/{}", code.to_lowercase());
    let Some(milestone) = Milestone::from_key(&field(&form, "hito")) else {
        return back(&page, ReviewError::MilestoneOutOfOrder, &form, "hitos");
    };
    let standing: Vec<_> = detail.events.iter().filter(|e| e.stands()).collect();
    let last = standing.iter().filter_map(|e| e.milestone).max();
    let previous = standing.iter().map(|e| e.date.date).max();
    let states: Vec<_> = detail.overview.deliverables.iter().map(|d| d.state).collect();
    let record = match check_milestone(&states, last, milestone, &record_form(&form), previous, today()) {
        Ok(r) => r,
        Err(e) => return back(&page, e, &form, "hitos"),
    };
    match state.store.record_milestone(&code, milestone, &record, t().milestone(milestone).to_string(), &user.author()).await {
        Ok(()) => Redirect::to(&format!("{page}?hito=1#hitos")).into_response(),
        Err(e) => unavailable(e),
    }
}

/// `POST /politicas/{code}/eventos/{id}/anular`: annuls a mistaken event with a reason.
pub async fn annul(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    Path((code, id)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let code = Policy::normalize_code(&code);
    let user = match signed_in(&current) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let detail = match state.store.policy_detail(&code).await {
        Ok(Some(d)) => d,
        Ok(None) => return not_found(),
        Err(e) => return unavailable(e),
    };
    let Some(event) = detail.events.iter().find(|e| e.id == id) else { return not_found() };
    let action = match (event.kind, event.state_to) {
        (EventKind::Transition, Some(to)) => action_for(to),
        (EventKind::Milestone, _) => Action::RecordMilestone,
        _ => Action::RecordTransition,
    };
    if !may(&user.actor(), action, Resource::Policy(&code)) {
        return forbidden();
    }
    let form = fields(&body);
    // Back where the form was: the deliverable's page or the policy's, never elsewhere.
    let policy_page = format!("/politicas/{}", code.to_lowercase());
    let page = match field(&form, "volver") {
        p if p.starts_with(&format!("{policy_page}/entregables/")) && !p.contains("//") => p,
        _ => policy_page,
    };
    let reason = match check_reason(&field(&form, "motivo")) {
        Ok(r) => r,
        Err(e) => return back(&page, e, &form, &format!("evento-{id}")),
    };
    match state.store.annul_event(&code, &id, &reason, &user.author()).await {
        Ok(Ok(_)) => Redirect::to(&format!("{page}?anulado=1#historia")).into_response(),
        Ok(Err(e)) => back(&page, e, &form, &format!("evento-{id}")),
        Err(e) => unavailable(e),
    }
}

#[derive(serde::Deserialize)]
pub struct PeriodQuery {
    desde: Option<String>,
    hasta: Option<String>,
}

/// `GET /politicas/{code}/informe.md?desde=AAAA-MM&hasta=AAAA-MM`: the progress-report text.
pub async fn report_markdown(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    Path(code): Path<String>,
    Query(q): Query<PeriodQuery>,
) -> Response {
    let code = Policy::normalize_code(&code);
    let user = match signed_in(&current) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let detail = match state.store.policy_detail(&code).await {
        Ok(Some(d)) => d,
        Ok(None) => return not_found(),
        Err(e) => return unavailable(e),
    };
    if !may(&user.actor(), Action::ReadPolicy, Resource::Policy(&code)) {
        return forbidden();
    }
    let (from, to) = (q.desde.unwrap_or_default(), q.hasta.unwrap_or_default());
    let Some((a, b)) = pasos_app::report::period(&from, &to) else {
        return (StatusCode::BAD_REQUEST, "Indique el periodo como dos meses AAAA-MM, el primero no posterior al segundo.").into_response();
    };
    let current: Vec<_> = detail.overview.deliverables.iter().map(|d| (d.number, d.state)).collect();
    let report = pasos_app::report::progress_report(&detail.overview.policy, &current, &detail.events, a, b);
    let text = report.markdown(&today().format("%d/%m/%Y").to_string());
    (
        [
            (header::CONTENT_TYPE, "text/markdown; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{code}-informe-{}-{}.md\"", a.format("%Y-%m"), b.format("%Y-%m"))),
        ],
        text,
    )
        .into_response()
}
