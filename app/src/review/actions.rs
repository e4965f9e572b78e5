//! Recording the formal review from plain forms: a deliverable's transition (freezing or naming the
//! version sent to CEPLAN), a policy milestone, the annulment of a mistaken event; and the progress
//! report as a Markdown download. Refusals go back to the form with the reason and what was typed.
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

use super::form::{AnnulForm, MilestoneForm, PeriodQuery, TransitionForm, ANNULLED, FREEZE_NOW, MILESTONE_RECORDED, RECORDED};
use crate::domain::review::{action_for, check_milestone, check_reason, check_transition, RecordForm};
use crate::domain::time::today;
use crate::domain::{Action, DeliverableState, FreezeRefusal, Milestone, Policy, PolicyDetail, Resource, ReviewError, VersionChoice};
use crate::i18n::t;
use crate::web::layers::SPANISH;
use crate::web::{require, AppState, Form, Path, SignedIn, WebError};
use crate::urls;

/// The official record as typed in a transition or milestone form.
fn record_form(date: &str, document: &str, note: &str, link: &str) -> RecordForm {
    RecordForm { date: date.into(), document: document.into(), note: note.into(), link: link.into() }
}

/// The policy with its history.
async fn detail(state: &AppState, code: &str) -> Result<PolicyDetail, WebError> {
    state.store.policy_detail(code).await?.ok_or(WebError::NotFound)
}

/// `POST /politicas/{code}/entregables/{n}/transiciones`.
pub async fn record_transition(
    State(state): State<AppState>,
    user: SignedIn,
    Path((code, n)): Path<(String, String)>,
    Form { data: form, typed }: Form<TransitionForm>,
) -> Result<Redirect, WebError> {
    let code = Policy::normalize_code(&code);
    let n = n.parse::<u8>().ok().filter(|n| (1..=5).contains(n)).ok_or(WebError::NotFound)?;
    let facts = state.store.deliverable_facts(&code, n).await?.ok_or(WebError::NotFound)?;
    let page = urls::deliverable(&code, n);
    let back = |e: ReviewError| WebError::back(page.clone(), e.key(), &typed, "revision");
    let to = DeliverableState::from_key(&form.estado).ok_or_else(|| back(ReviewError::NotAllowed))?;
    require(&user, action_for(to), Resource::Policy(&code))?;
    let actor = user.actor();
    let choice = match form.version.as_str() {
        "" => None,
        // Freezing is the team's; others name a version that exists.
        FREEZE_NOW if crate::domain::may(&actor, Action::FreezeVersion, Resource::Policy(&code)) => Some(VersionChoice::FreezeNow),
        FREEZE_NOW => None,
        v => Some(VersionChoice::Existing(v.parse().map_err(|_| back(ReviewError::UnknownVersion))?)),
    };
    let record = record_form(&form.fecha, &form.documento, &form.nota, &form.enlace);
    let checked = check_transition(&facts, to, &record, choice, today()).map_err(&back)?;
    let version = match checked.version {
        None => None,
        Some(VersionChoice::Existing(v)) => Some(v),
        Some(VersionChoice::FreezeNow) => {
            let note = format!("{} ({})", t().sent_version_note, checked.record.document.clone().unwrap_or_default());
            match state.store.freeze_version(&code, n, &note, &user.author()).await? {
                Ok(v) => Some(v),
                // Nothing changed since the last version: that version is the one sent.
                Err(FreezeRefusal::Unchanged(v)) => Some(v),
                Err(FreezeRefusal::Empty) => return Err(back(ReviewError::NothingToFreeze)),
            }
        }
    };
    let title = t().transition_title(to, n);
    if state.store.record_transition(&code, n, &checked, version, title, &user.author()).await? {
        Ok(Redirect::to(&format!("{page}?{RECORDED}=1#revision")))
    } else {
        Err(back(ReviewError::NotAllowed))
    }
}

/// `POST /politicas/{code}/hitos`: the next milestone of a policy whose deliverables are all *Conforme*.
pub async fn record_milestone(
    State(state): State<AppState>,
    user: SignedIn,
    Path(code): Path<String>,
    Form { data: form, typed }: Form<MilestoneForm>,
) -> Result<Redirect, WebError> {
    let code = Policy::normalize_code(&code);
    let detail = detail(&state, &code).await?;
    require(&user, Action::RecordMilestone, Resource::Policy(&code))?;
    let page = urls::policy(&code);
    let back = |e: ReviewError| WebError::back(page.clone(), e.key(), &typed, "hitos");
    let milestone = Milestone::from_key(&form.hito).ok_or_else(|| back(ReviewError::MilestoneOutOfOrder))?;
    let standing: Vec<_> = detail.events.iter().filter(|e| e.stands()).collect();
    let last = standing.iter().filter_map(|e| e.milestone).max();
    let previous = standing.iter().map(|e| e.date.date).max();
    let states: Vec<_> = detail.overview.deliverables.iter().map(|d| d.state).collect();
    let record = record_form(&form.fecha, &form.documento, &form.nota, &form.enlace);
    let record = check_milestone(&states, last, milestone, &record, previous, today()).map_err(back)?;
    state.store.record_milestone(&code, milestone, &record, t().milestone(milestone).to_string(), &user.author()).await?;
    Ok(Redirect::to(&format!("{page}?{MILESTONE_RECORDED}=1#hitos")))
}

/// `POST /politicas/{code}/eventos/{id}/anular`: annuls a mistaken event with a reason.
pub async fn annul(
    State(state): State<AppState>,
    user: SignedIn,
    Path((code, id)): Path<(String, String)>,
    Form { data: form, typed }: Form<AnnulForm>,
) -> Result<Redirect, WebError> {
    let code = Policy::normalize_code(&code);
    let detail = detail(&state, &code).await?;
    let event = detail.events.iter().find(|e| e.id == id).ok_or(WebError::NotFound)?;
    let action = match (event.kind, event.state_to) {
        (crate::domain::EventKind::Transition, Some(to)) => action_for(to),
        (crate::domain::EventKind::Milestone, _) => Action::RecordMilestone,
        _ => Action::RecordTransition,
    };
    require(&user, action, Resource::Policy(&code))?;
    // Back where the form was: the deliverable's page or the policy's, never elsewhere.
    let policy_page = urls::policy(&code);
    let page = match form.volver.as_str() {
        p if p.starts_with(&format!("{policy_page}/entregables/"))
            && !p.contains("//")
            && urls::local_path(p) == p =>
        {
            p.to_string()
        }
        _ => policy_page,
    };
    let anchor = format!("evento-{id}");
    let reason = check_reason(&form.motivo).map_err(|e| WebError::back(page.clone(), e.key(), &typed, anchor.clone()))?;
    match state.store.annul_event(&code, &id, &reason, &user.author()).await? {
        Ok(_) => Ok(Redirect::to(&format!("{page}?{ANNULLED}=1#historia"))),
        Err(e) => Err(WebError::back(page, e.key(), &typed, anchor)),
    }
}

/// `GET /politicas/{code}/informe.md?desde=AAAA-MM&hasta=AAAA-MM`: the progress-report text.
pub async fn report_markdown(
    State(state): State<AppState>,
    user: SignedIn,
    Path(code): Path<String>,
    Query(q): Query<PeriodQuery>,
) -> Result<Response, WebError> {
    let code = Policy::normalize_code(&code);
    let detail = detail(&state, &code).await?;
    require(&user, Action::ReadPolicy, Resource::Policy(&code))?;
    let Some((a, b)) = crate::domain::report::period(&q.desde, &q.hasta) else {
        return Ok((StatusCode::BAD_REQUEST, [(SPANISH, "1")], t().bad_period_answer).into_response());
    };
    let current: Vec<_> = detail.overview.deliverables.iter().map(|d| (d.number, d.state)).collect();
    let report = crate::domain::report::progress_report(&detail.overview.policy, &current, &detail.events, a, b);
    let text = report.markdown(&today().format("%d/%m/%Y").to_string());
    let name = format!("{code}-informe-{}-{}.md", a.format("%Y-%m"), b.format("%Y-%m"));
    Ok(([(header::CONTENT_TYPE, "text/markdown; charset=utf-8".to_string()), (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\""))], text)
        .into_response())
}
