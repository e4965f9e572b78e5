//! Recording the formal review from plain forms: a deliverable's transition (freezing or naming the
//! version sent to CEPLAN), a policy milestone, the annulment of a mistaken event; and the progress
//! report as a Markdown download. Refusals go back to the form with the reason and what was typed.
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::form::{
    AnnulForm, MilestoneForm, PeriodQuery, ReportStatusForm, TransitionForm, ValidationForm, ANNULLED, FREEZE_NOW, MILESTONE_RECORDED,
    RECORDED, SKIP, STATUS_SAVED, VALIDATED,
};
use crate::domain::report::ProgressReport;
use crate::domain::review::{action_for, check_milestone, check_reason, check_transition, check_validation, DeliverableFacts, RecordForm};
use crate::domain::time::today;
use crate::domain::{Action, DeliverableState, FreezeRefusal, Milestone, Policy, PolicyDetail, Resource, ReviewError, VersionChoice};
use crate::i18n::t;
use crate::web::layers::SPANISH;
use crate::web::{attachment, require, AppState, Form, Path, SignedIn, WebError};
use crate::urls;

/// The official record as typed in a transition or milestone form.
fn record_form(date: &str, document: &str, note: &str, link: &str, answer: &str) -> RecordForm {
    RecordForm { date: date.into(), document: document.into(), note: note.into(), link: link.into(), answer: answer.into() }
}

/// The policy with its history.
async fn detail(state: &AppState, code: &str) -> Result<PolicyDetail, WebError> {
    state.store.policy_detail(code).await?.ok_or(WebError::NotFound)
}

/// The deliverable an address names (its policy's code normalized, its number 1–5) with what the
/// review rules know about it; an address that names none is a page not found.
async fn deliverable_facts(state: &AppState, code: &str, n: &str) -> Result<(String, u8, DeliverableFacts), WebError> {
    let code = Policy::normalize_code(code);
    let n = n.parse::<u8>().ok().filter(|n| (1..=5).contains(n)).ok_or(WebError::NotFound)?;
    let facts = state.store.deliverable_facts(&code, n).await?.ok_or(WebError::NotFound)?;
    Ok((code, n, facts))
}

/// `POST /politicas/{code}/entregables/{n}/transiciones`.
pub async fn record_transition(
    State(state): State<AppState>,
    user: SignedIn,
    Path((code, n)): Path<(String, String)>,
    Form { data: form, typed }: Form<TransitionForm>,
) -> Result<Redirect, WebError> {
    let (code, n, facts) = deliverable_facts(&state, &code, &n).await?;
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
    let record = record_form(&form.fecha, &form.documento, &form.nota, &form.enlace, &form.respuesta);
    let checked = check_transition(&facts, to, &record, choice, today()).map_err(&back)?;
    let version = match checked.version {
        None => None,
        Some(VersionChoice::Existing(v)) => Some(v),
        Some(VersionChoice::FreezeNow) => {
            let note = format!("{} ({})", t().sent_version_note, checked.record.document.clone().unwrap_or_default());
            match state.store.freeze_version(&code, n, &note, None, &user.author()).await? {
                Ok(v) => Some(v),
                // Nothing changed since the last version: that version is the one sent.
                Err(FreezeRefusal::Unchanged(v)) => Some(v),
                Err(FreezeRefusal::Empty) => return Err(back(ReviewError::NothingToFreeze)),
            }
        }
    };
    let title = t().transition_title(facts.state, to, n, checked.record.answer);
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
    let record = record_form(&form.fecha, &form.documento, &form.nota, &form.enlace, "");
    let skipped = form.omitir == SKIP;
    let record = check_milestone(&states, last, milestone, skipped, &record, previous, today()).map_err(back)?;
    let title = if skipped { t().milestone_skipped_title(milestone) } else { t().milestone(milestone).to_string() };
    state.store.record_milestone(&code, milestone, &record, title, &user.author()).await?;
    Ok(Redirect::to(&format!("{page}?{MILESTONE_RECORDED}=1#hitos")))
}

/// `POST /politicas/{code}/entregables/{n}/validaciones`: the policy's commission or working group
/// validated the deliverable.
pub async fn record_validation(
    State(state): State<AppState>,
    user: SignedIn,
    Path((code, n)): Path<(String, String)>,
    Form { data: form, typed }: Form<ValidationForm>,
) -> Result<Redirect, WebError> {
    let (code, n, facts) = deliverable_facts(&state, &code, &n).await?;
    require(&user, Action::RecordTransition, Resource::Policy(&code))?;
    let page = urls::deliverable(&code, n);
    let back = |e: ReviewError| WebError::back(page.clone(), e.key(), &typed, "validacion");
    let record = record_form(&form.fecha, &form.documento, &form.nota, &form.enlace, "");
    let record = check_validation(&facts, &record, today()).map_err(back)?;
    state.store.record_validation(&code, n, &record, t().validation_title(n), &user.author()).await?;
    Ok(Redirect::to(&format!("{page}?{VALIDATED}=1#historia")))
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

/// The report a download asks for, with its period; a period that cannot be read is answered
/// with a 400 and the reason in Spanish.
async fn requested_report(state: &AppState, user: &SignedIn, code: &str, q: &PeriodQuery) -> Result<Result<ProgressReport, Response>, WebError> {
    let detail = detail(state, code).await?;
    require(user, Action::ReadPolicy, Resource::Policy(code))?;
    let Some((a, b)) = crate::domain::report::period(&q.desde, &q.hasta) else {
        return Ok(Err((StatusCode::BAD_REQUEST, [(SPANISH, "1")], t().bad_period_answer).into_response()));
    };
    let current: Vec<_> = detail.overview.deliverables.iter().map(|d| (d.number, d.state)).collect();
    let actor = user.actor();
    let (choice, workshops, followup) = tokio::try_join!(
        state.store.report_choice(code, q.desde.trim(), q.hasta.trim()),
        state.store.workshop_summaries(code, crate::domain::time::today()),
        crate::followup::data::periods_read_by(&state.store, &actor, code)
    )?;
    let told: Vec<_> = followup.iter().map(|l| l.told()).collect();
    Ok(Ok(crate::domain::report::progress_report(&detail.overview.policy, &current, &detail.events, &workshops, a, b).with_followup(&told).with_choice(choice)))
}

/// `POST /politicas/{code}/informe/situacion`: the team chooses the status of a report period
/// (or goes back to the computed one), always with a commentary.
pub async fn choose_report_status(
    State(state): State<AppState>,
    user: SignedIn,
    Path(code): Path<String>,
    Form { data: form, typed }: Form<ReportStatusForm>,
) -> Result<Redirect, WebError> {
    let code = Policy::normalize_code(&code);
    detail(&state, &code).await?;
    require(&user, Action::ChooseReportStatus, Resource::Policy(&code))?;
    let (from, to) = (form.desde.trim(), form.hasta.trim());
    // Back to the report of the same period (the page's address names it).
    let period = form_urlencoded::Serializer::new(String::new()).append_pair(PeriodQuery::desde, from).append_pair(PeriodQuery::hasta, to).finish();
    let page = format!("{}?{period}", urls::report(&code));
    let back = |e: ReviewError| WebError::back(page.clone(), e.key(), &typed, "elegir-situacion");
    if crate::domain::report::period(from, to).is_none() {
        return Err(back(ReviewError::BadDate));
    }
    let choice = crate::domain::report::check_choice(&form.situacion, &form.comentario).map_err(back)?;
    state.store.set_report_choice(&code, from, to, choice, &user.author()).await?;
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair(PeriodQuery::desde, from)
        .append_pair(PeriodQuery::hasta, to)
        .append_pair(STATUS_SAVED, "1")
        .finish();
    Ok(Redirect::to(&format!("{}?{query}#elegir-situacion", urls::report(&code))))
}

/// "PNMPETF-informe-2023-05-2023-12".
fn report_file(report: &ProgressReport) -> String {
    format!("{}-informe-{}-{}", report.policy_code, report.from.format("%Y-%m"), report.to.format("%Y-%m"))
}

/// `GET /politicas/{code}/informe.md?desde=AAAA-MM&hasta=AAAA-MM`: the progress-report text.
pub async fn report_markdown(state: State<AppState>, user: SignedIn, code: Path<String>, q: Query<PeriodQuery>) -> Result<Response, WebError> {
    report_download(state, user, code, q, false).await
}

/// `GET /politicas/{code}/informe.docx?desde=AAAA-MM&hasta=AAAA-MM`: the progress report as Word.
pub async fn report_docx(state: State<AppState>, user: SignedIn, code: Path<String>, q: Query<PeriodQuery>) -> Result<Response, WebError> {
    report_download(state, user, code, q, true).await
}

/// The report of a period as a file: Word when `word`, else Markdown.
async fn report_download(
    State(state): State<AppState>,
    user: SignedIn,
    Path(code): Path<String>,
    Query(q): Query<PeriodQuery>,
    word: bool,
) -> Result<Response, WebError> {
    let code = Policy::normalize_code(&code);
    let report = match requested_report(&state, &user, &code, &q).await? {
        Ok(report) => report,
        Err(refused) => return Ok(refused),
    };
    let generated = today().format("%d/%m/%Y").to_string();
    if !word {
        return Ok(attachment(&format!("{}.md", report_file(&report)), "text/markdown; charset=utf-8", report.markdown(&generated)));
    }
    let bytes = super::export::report_docx(&report, &generated).map_err(|e| {
        tracing::error!(error = %e, "no se pudo generar el DOCX del informe");
        WebError::Unavailable
    })?;
    let docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    Ok(attachment(&format!("{}.docx", report_file(&report)), docx, bytes))
}

/// `POST /politicas/{code}/plan`: the team or a manager sets the work plan, or re-plans it with a
/// reason (a new version; the earlier ones are kept). A plan changed since the form was opened is
/// not overwritten: the form comes back with what was typed.
pub async fn save_plan(
    State(state): State<AppState>,
    user: SignedIn,
    Path(code): Path<String>,
    Form { data: form, typed }: Form<super::form::PlanForm>,
) -> Result<Redirect, WebError> {
    use super::form::{plan_line_anchor, PLAN_ANCHOR};
    use crate::domain::plan::{check_plan, PlanError};
    let code = Policy::normalize_code(&code);
    state.store.policy(&code).await?.ok_or(WebError::NotFound)?;
    require(&user, Action::ManagePlan, Resource::Policy(&code))?;
    let back = |e: PlanError, line: Option<crate::domain::plan::PlanTarget>| {
        let anchor = line.map_or_else(|| PLAN_ANCHOR.to_string(), plan_line_anchor);
        WebError::back(urls::plan(&code), e.key(), &typed, anchor)
    };
    let plans = state.store.work_plans(&code).await?;
    let current = plans.last().map_or(0, |p| p.number);
    if form.base.parse::<u32>().ok() != Some(current) {
        return Err(back(PlanError::Stale, None));
    }
    let (entries, reason) = check_plan(&form.inputs(), &form.motivo, plans.last(), today()).map_err(|(e, line)| back(e, line))?;
    if !state.store.add_work_plan(&code, current + 1, &entries, reason.as_deref(), &user.author()).await? {
        return Err(back(PlanError::Stale, None));
    }
    Ok(Redirect::to(&format!("{}?{}={}#{PLAN_ANCHOR}", urls::plan(&code), super::plan::SAVED, current + 1)))
}
