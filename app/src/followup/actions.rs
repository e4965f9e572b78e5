//! The follow-up from plain forms: open a year's period, set its lights' thresholds, record a
//! value obtained (with its supporting file), write and review an objective's analysis, close the
//! report; and serve a supporting file. Refusals go back to the form with what was typed.
use axum::extract::State;
use axum::response::{Redirect, Response};

use super::form::{
    analysis_anchor, indicator_anchor, AnalysisForm, CloseForm, FileForm, OpenForm, ReviewForm, ThresholdsForm, ValueForm, ANALYSIS_SAVED, CLOSED, CLOSE_ANCHOR, FILE, FILE_SAVED,
    OPENED, OPEN_ANCHOR, REVIEWED, THRESHOLDS_ANCHOR, THRESHOLDS_SAVED, VALUE_SAVED, VALUE_UNCHANGED,
};
use crate::domain::followup::{check_analysis, check_value, check_year, closing_blocked, reported_objectives, same_as, FollowUpError, NewValue, Period, Thresholds};
use crate::domain::structure::ItemKind;
use crate::domain::{Action, Policy, Resource};
use crate::urls;
use crate::web::form::MultipartRefusal;
use crate::web::{require, AppState, Form, Path, SignedIn, WebError};

/// The period an address names, as the team may manage it; the way back is its report's `anchor`.
async fn managed(state: &AppState, user: &SignedIn, code: &str, year: u16) -> Result<Period, WebError> {
    let period = state.store.period(code, year).await?.ok_or(WebError::NotFound)?;
    require(user, Action::ManageFollowUp, Resource::Policy(code))?;
    Ok(period)
}

/// `POST /politicas/{code}/seguimiento`: the team opens the period of a year, with its thresholds.
pub async fn open(State(state): State<AppState>, user: SignedIn, Path(code): Path<String>, Form { data: form, typed }: Form<OpenForm>) -> Result<Redirect, WebError> {
    let code = Policy::normalize_code(&code);
    let detail = state.store.policy_detail(&code).await?.ok_or(WebError::NotFound)?;
    require(&user, Action::ManageFollowUp, Resource::Policy(&code))?;
    let back = |e: FollowUpError| WebError::back(urls::followup(&code), e.key(), &typed, OPEN_ANCHOR);
    let thresholds = Thresholds::check(&form.verde, &form.ambar).map_err(back)?;
    let existing: Vec<u16> = state.store.periods(&code).await?.iter().map(|p| p.year).collect();
    let approved = super::data::approval(&detail.events).map(|(_, _, d)| d);
    let year = match check_year(&form.anio, approved, crate::domain::time::today(), &existing) {
        // A year opened already (the form sent again, or by someone else): its report, as it is.
        Err(FollowUpError::PeriodExists) => {
            let year: u16 = form.anio.trim().parse().map_err(|_| back(FollowUpError::BadYear))?;
            return Ok(Redirect::to(&urls::followup_year(&code, year, "")));
        }
        other => other.map_err(back)?,
    };
    state.store.open_period(&code, year, thresholds, &user.author()).await?;
    Ok(Redirect::to(&format!("{}?{OPENED}=1", urls::followup_year(&code, year, ""))))
}

/// `POST /politicas/{code}/seguimiento/{year}/umbrales`: the thresholds of an open period's lights.
pub async fn thresholds(State(state): State<AppState>, user: SignedIn, Path((code, year)): Path<(String, u16)>, Form { data: form, typed }: Form<ThresholdsForm>) -> Result<Redirect, WebError> {
    let code = Policy::normalize_code(&code);
    let period = managed(&state, &user, &code, year).await?;
    let page = urls::followup_year(&code, year, "");
    let back = |e: FollowUpError| WebError::back(page.clone(), e.key(), &typed, THRESHOLDS_ANCHOR);
    let thresholds = Thresholds::check(&form.verde, &form.ambar).map_err(back)?;
    if !period.is_open() || !state.store.set_thresholds(&code, year, thresholds, &user.author()).await? {
        return Err(back(FollowUpError::Closed));
    }
    Ok(Redirect::to(&format!("{page}?{THRESHOLDS_SAVED}=1#{THRESHOLDS_ANCHOR}")))
}

/// `POST /politicas/{code}/seguimiento/{year}/valores`: the value obtained of an indicator, by the
/// team or the entity its ficha names as responsible, with its source, the date of the data and a
/// short explanation. Each value is a new record: the one it replaces stays in the history. The
/// same value sent twice is recorded once; a period closed meanwhile sends the form back as typed.
pub async fn record_value(State(state): State<AppState>, user: SignedIn, Path((code, year)): Path<(String, u16)>, Form { data: form, typed }: Form<ValueForm>) -> Result<Redirect, WebError> {
    let code = Policy::normalize_code(&code);
    let (period, indicator) = reported(&state, &user, &code, year, &form.indicador).await?;
    let page = urls::followup_year(&code, year, "");
    let anchor = indicator_anchor(&indicator.id);
    let back = |e: FollowUpError| WebError::back(page.clone(), e.key(), &typed, anchor.clone());
    if !period.is_open() {
        return Err(back(FollowUpError::Closed));
    }
    let value = check_value(&form.to_domain(), &indicator, year, crate::domain::time::today()).map_err(back)?;
    let values = state.store.followup_values(&code, Some(year)).await?;
    let current = values.iter().filter(|v| v.indicator == indicator.id).max_by_key(|v| v.at);
    // Sent again (the Back button, another tab): the same value is the record in force.
    if same_as(&value, current) {
        return Ok(Redirect::to(&format!("{page}?{VALUE_UNCHANGED}={}#{anchor}", indicator.id)));
    }
    // The file of the value it replaces stays with that record, in the history.
    if !state.store.record_value(&code, year, &indicator.id, &value, None, &user.author()).await? {
        return Err(back(FollowUpError::Closed));
    }
    Ok(Redirect::to(&format!("{page}?{VALUE_SAVED}={}#{anchor}", indicator.id)))
}

/// The period and the indicator a value form names, with the permission to report it checked.
async fn reported(state: &AppState, user: &SignedIn, code: &str, year: u16, id: &str) -> Result<(Period, crate::domain::structure::Item), WebError> {
    let period = state.store.period(code, year).await?.ok_or(WebError::NotFound)?;
    require(user, Action::ReportValue, Resource::Policy(code))?;
    let items = state.store.items(code).await?;
    let indicator = items.into_iter().find(|i| i.id == id && matches!(i.kind, ItemKind::Indicator | ItemKind::ServiceIndicator)).ok_or(WebError::NotFound)?;
    require(user, Action::ReportValue, Resource::Indicator { policy: code, responsible: indicator.value("responsable") })?;
    Ok((period, indicator))
}

/// `POST /politicas/{code}/seguimiento/{year}/sustento` (multipart): the supporting file of the
/// value in force of an indicator, kept as a new record of that value with the file (the history
/// says when it was attached).
pub async fn attach(
    State(state): State<AppState>,
    user: SignedIn,
    Path((code, year)): Path<(String, u16)>,
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Redirect, WebError> {
    let code = Policy::normalize_code(&code);
    require(&user, Action::ReportValue, Resource::Policy(&code))?;
    let page = urls::followup_year(&code, year, "");
    let (typed, uploads) = match crate::web::form::multipart(multipart.map_err(|_| WebError::Transport)?, FILE).await {
        Ok(read) => read,
        Err((MultipartRefusal::TooBig, typed)) => {
            let form: FileForm = crate::web::form::from_fields(&typed);
            return Err(WebError::back(page, FollowUpError::BadFile.key(), &typed, indicator_anchor(&form.indicador)));
        }
        Err((MultipartRefusal::Broken, _)) => return Err(WebError::Transport),
    };
    let form: FileForm = crate::web::form::from_fields(&typed);
    let (period, indicator) = reported(&state, &user, &code, year, &form.indicador).await?;
    let anchor = indicator_anchor(&indicator.id);
    let back = |e: FollowUpError| WebError::back(page.clone(), e.key(), &typed, anchor.clone());
    if !period.is_open() {
        return Err(back(FollowUpError::Closed));
    }
    let upload = uploads.into_iter().find(|u| !u.bytes.is_empty()).ok_or_else(|| back(FollowUpError::BadFile))?;
    let file = crate::domain::expediente::check_file(upload).map_err(|_| back(FollowUpError::BadFile))?;
    let values = state.store.followup_values(&code, Some(year)).await?;
    let current = values.iter().filter(|v| v.indicator == indicator.id).max_by_key(|v| v.at).ok_or_else(|| back(FollowUpError::NoValueYet))?;
    // The same file sent twice is the one there.
    if current.file.as_ref().is_some_and(|(_, name)| *name == file.name) {
        return Ok(Redirect::to(&format!("{page}?{FILE_SAVED}={}#{anchor}", indicator.id)));
    }
    let same = NewValue { value: current.value.clone(), source: current.source.clone(), data_date: current.data_date, explanation: current.explanation.clone(), provisional: current.provisional };
    if !state.store.record_value(&code, year, &indicator.id, &same, Some(file), &user.author()).await? {
        return Err(back(FollowUpError::Closed));
    }
    Ok(Redirect::to(&format!("{page}?{FILE_SAVED}={}#{anchor}", indicator.id)))
}

/// The objective an analysis form names, and the analysis in force of it.
async fn objective_of(state: &AppState, code: &str, year: u16, id: &str) -> Result<Option<crate::domain::followup::Analysis>, WebError> {
    let items = state.store.items(code).await?;
    items.iter().find(|i| i.id == id && i.kind == ItemKind::Objective).ok_or(WebError::NotFound)?;
    Ok(state.store.analyses(code, year).await?.into_iter().find(|a| a.objective == id))
}

/// `POST /politicas/{code}/seguimiento/{year}/analisis`: the team's analysis of an objective, over
/// the version it was opened on; a newer one saved meanwhile sends the text back to be merged.
pub async fn save_analysis(State(state): State<AppState>, user: SignedIn, Path((code, year)): Path<(String, u16)>, Form { data: form, typed }: Form<AnalysisForm>) -> Result<Redirect, WebError> {
    let code = Policy::normalize_code(&code);
    let period = managed(&state, &user, &code, year).await?;
    let page = urls::followup_year(&code, year, "");
    let anchor = analysis_anchor(&form.objetivo);
    let back = |e: FollowUpError| WebError::back(page.clone(), e.key(), &typed, anchor.clone());
    let current = objective_of(&state, &code, year, &form.objetivo).await?;
    if !period.is_open() {
        return Err(back(FollowUpError::Closed));
    }
    let version = current.as_ref().map_or(0, |a| a.version);
    let text = check_analysis(&form.texto, &form.base, version).map_err(back)?;
    let saved = format!("{page}?{ANALYSIS_SAVED}={}#{anchor}", form.objetivo);
    if current.is_some_and(|a| a.text == text) {
        return Ok(Redirect::to(&saved));
    }
    if !state.store.save_analysis(&code, year, &form.objetivo, &text, version, &user.author()).await? {
        let closed = state.store.period(&code, year).await?.is_some_and(|p| !p.is_open());
        return Err(back(if closed { FollowUpError::Closed } else { FollowUpError::AnalysisChanged }));
    }
    Ok(Redirect::to(&saved))
}

/// `POST /politicas/{code}/seguimiento/{year}/analisis/revision`: the team or a manager marks the
/// version of an objective's analysis they read as reviewed.
pub async fn review(State(state): State<AppState>, user: SignedIn, Path((code, year)): Path<(String, u16)>, Form { data: form, typed }: Form<ReviewForm>) -> Result<Redirect, WebError> {
    let code = Policy::normalize_code(&code);
    let period = state.store.period(&code, year).await?.ok_or(WebError::NotFound)?;
    require(&user, Action::ReviewAnalysis, Resource::Policy(&code))?;
    let page = urls::followup_year(&code, year, "");
    let anchor = analysis_anchor(&form.objetivo);
    let back = |e: FollowUpError| WebError::back(page.clone(), e.key(), &typed, anchor.clone());
    objective_of(&state, &code, year, &form.objetivo).await?;
    if !period.is_open() {
        return Err(back(FollowUpError::Closed));
    }
    let version: u32 = form.version.trim().parse().map_err(|_| WebError::Transport)?;
    let current = state.store.analyses(&code, year).await?.into_iter().find(|a| a.objective == form.objetivo);
    match current {
        Some(a) if a.version == version && a.reviewed.is_some() => {}
        Some(a) if a.version == version && a.author == user.name => return Err(back(FollowUpError::OwnAnalysis)),
        Some(a) if a.version == version => {
            if !state.store.review_analysis(&code, year, &form.objetivo, version, &user.author()).await? {
                return Err(back(FollowUpError::AnalysisChanged));
            }
        }
        _ => return Err(back(FollowUpError::AnalysisChanged)),
    }
    Ok(Redirect::to(&format!("{page}?{REVIEWED}={}#{anchor}", form.objetivo)))
}

/// `POST /politicas/{code}/seguimiento/{year}/cierre`: the team closes the report once every
/// objective's analysis is reviewed; closed, it takes no more values nor changes.
pub async fn close(State(state): State<AppState>, user: SignedIn, Path((code, year)): Path<(String, u16)>, Form { data: form, typed }: Form<CloseForm>) -> Result<Redirect, WebError> {
    let code = Policy::normalize_code(&code);
    let period = managed(&state, &user, &code, year).await?;
    let page = urls::followup_year(&code, year, "");
    if period.is_open() {
        if form.confirmo.is_empty() {
            return Err(WebError::back(page, FollowUpError::NotConfirmed.key(), &typed, CLOSE_ANCHOR));
        }
        let items = state.store.items(&code).await?;
        if closing_blocked(&reported_objectives(&items), &state.store.analyses(&code, year).await?).is_some() {
            return Err(WebError::back(page, FollowUpError::NotReviewed.key(), &[], CLOSE_ANCHOR));
        }
        state.store.close_period(&code, year, &user.author()).await?;
    }
    Ok(Redirect::to(&format!("{page}?{CLOSED}=1")))
}

/// `GET /seguimiento/archivos/{id}`: a supporting file, to whoever may read its period (the
/// policy and year are the file's own, never the address's).
pub async fn file(State(state): State<AppState>, user: SignedIn, Path(id): Path<String>) -> Result<Response, WebError> {
    let stored = state.store.followup_file(&id).await?.ok_or(WebError::NotFound)?;
    let period = state.store.period(&stored.policy_code, stored.year).await?.ok_or(WebError::NotFound)?;
    require(&user, Action::ReadFollowUp, Resource::FollowUp { policy: &stored.policy_code, open: period.is_open() })?;
    Ok(crate::web::download(&stored.name, stored.kind.media_type(), stored.bytes))
}
