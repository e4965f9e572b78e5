//! Recording the formal review from plain forms: a deliverable's transition (freezing or naming the
//! version sent to CEPLAN), a policy milestone, the annulment of a mistaken event; and the progress
//! report as a Markdown download. Refusals go back to the form with the reason and what was typed.
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use pasos_app::auth::CurrentUser;
use pasos_app::domain::review::{action_for, check_milestone, check_reason, check_transition, RecordForm};
use pasos_app::domain::{may, Action, DeliverableState, EventKind, Milestone, Policy, Resource, ReviewError, VersionChoice};
use pasos_app::format::today;
use pasos_app::i18n::t;
use pasos_app::store::FreezeRefusal;

use crate::or_answer;
use crate::forms::{Path, found, back, one, parse, signed_in, unavailable};
use crate::router::AppState;

fn record_form(form: &[(String, String)]) -> RecordForm {
    RecordForm {
        date: one(form, "fecha"),
        document: one(form, "documento"),
        note: one(form, "nota"),
        link: one(form, "enlace"),
    }
}

fn forbidden() -> Response {
    (StatusCode::FORBIDDEN, "Su cuenta no tiene permiso para registrar este paso de la revisión.").into_response()
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "No encontramos esa política, entregable o evento.").into_response()
}

/// The policy with its history, or the answer for a missing policy or a failing database.
async fn detail(state: &AppState, code: &str) -> Result<pasos_app::model::PolicyDetail, Response> {
    found(state.store.policy_detail(code).await, not_found)
}

/// `POST /politicas/{code}/entregables/{n}/transiciones`.
pub async fn record_transition(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    Path((code, n)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let code = Policy::normalize_code(&code);
    let user = or_answer!(signed_in(&current));
    let Some(n) = n.parse::<u8>().ok().filter(|n| (1..=5).contains(n)) else { return not_found() };
    let facts = or_answer!(found(state.store.deliverable_facts(&code, n).await, not_found));
    let actor = user.actor();
    let form = parse(&body);
    let page = format!("/politicas/{}/entregables/{n}", code.to_lowercase());
    let Some(to) = DeliverableState::from_key(&one(&form, "estado")) else {
        return back(&page, ReviewError::NotAllowed.key(), &form, "revision");
    };
    if !may(&actor, action_for(to), Resource::Policy(&code)) {
        return forbidden();
    }
    let choice = match one(&form, "version").as_str() {
        "" => None,
        // Freezing is the team's; others name a version that exists.
        "nueva" if may(&actor, Action::FreezeVersion, Resource::Policy(&code)) => Some(VersionChoice::FreezeNow),
        "nueva" => None,
        v => match v.parse() {
            Ok(v) => Some(VersionChoice::Existing(v)),
            Err(_) => return back(&page, ReviewError::UnknownVersion.key(), &form, "revision"),
        },
    };
    let checked = match check_transition(&facts, to, &record_form(&form), choice, today()) {
        Ok(c) => c,
        Err(e) => return back(&page, e.key(), &form, "revision"),
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
                Ok(Err(FreezeRefusal::Empty)) => return back(&page, ReviewError::NothingToFreeze.key(), &form, "revision"),
                Err(e) => return unavailable(e),
            }
        }
    };
    let title = t().transition_title(to, n);
    match state.store.record_transition(&code, n, &checked, version, title, &user.author()).await {
        Ok(true) => Redirect::to(&format!("{page}?registrado=1#revision")).into_response(),
        Ok(false) => back(&page, ReviewError::NotAllowed.key(), &form, "revision"),
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
    let user = or_answer!(signed_in(&current));
    let detail = or_answer!(detail(&state, &code).await);
    if !may(&user.actor(), Action::RecordMilestone, Resource::Policy(&code)) {
        return forbidden();
    }
    let form = parse(&body);
    let page = format!("/politicas/{}", code.to_lowercase());
    let Some(milestone) = Milestone::from_key(&one(&form, "hito")) else {
        return back(&page, ReviewError::MilestoneOutOfOrder.key(), &form, "hitos");
    };
    let standing: Vec<_> = detail.events.iter().filter(|e| e.stands()).collect();
    let last = standing.iter().filter_map(|e| e.milestone).max();
    let previous = standing.iter().map(|e| e.date.date).max();
    let states: Vec<_> = detail.overview.deliverables.iter().map(|d| d.state).collect();
    let record = match check_milestone(&states, last, milestone, &record_form(&form), previous, today()) {
        Ok(r) => r,
        Err(e) => return back(&page, e.key(), &form, "hitos"),
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
    let user = or_answer!(signed_in(&current));
    let detail = or_answer!(detail(&state, &code).await);
    let Some(event) = detail.events.iter().find(|e| e.id == id) else { return not_found() };
    let action = match (event.kind, event.state_to) {
        (EventKind::Transition, Some(to)) => action_for(to),
        (EventKind::Milestone, _) => Action::RecordMilestone,
        _ => Action::RecordTransition,
    };
    if !may(&user.actor(), action, Resource::Policy(&code)) {
        return forbidden();
    }
    let form = parse(&body);
    // Back where the form was: the deliverable's page or the policy's, never elsewhere.
    let policy_page = format!("/politicas/{}", code.to_lowercase());
    let page = match one(&form, "volver") {
        p if p.starts_with(&format!("{policy_page}/entregables/")) && !p.contains("//") && crate::auth::local_path(&p) == p => p,
        _ => policy_page,
    };
    let reason = match check_reason(&one(&form, "motivo")) {
        Ok(r) => r,
        Err(e) => return back(&page, e.key(), &form, &format!("evento-{id}")),
    };
    match state.store.annul_event(&code, &id, &reason, &user.author()).await {
        Ok(Ok(_)) => Redirect::to(&format!("{page}?anulado=1#historia")).into_response(),
        Ok(Err(e)) => back(&page, e.key(), &form, &format!("evento-{id}")),
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
    let user = or_answer!(signed_in(&current));
    let detail = or_answer!(detail(&state, &code).await);
    if !may(&user.actor(), Action::ReadPolicy, Resource::Policy(&code)) {
        return forbidden();
    }
    let (from, to) = (q.desde.unwrap_or_default(), q.hasta.unwrap_or_default());
    let Some((a, b)) = pasos_app::report::period(&from, &to) else {
        return (StatusCode::BAD_REQUEST, [(crate::router::SPANISH, "1")], "Indique el periodo como dos meses AAAA-MM, el primero no posterior al segundo.").into_response();
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
