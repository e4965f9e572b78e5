//! The follow-up from plain forms: open a year's period, set its lights' thresholds, record a
//! value obtained (with its supporting file), write and review an objective's analysis, close the
//! report; and serve a supporting file. Refusals go back to the form with what was typed.
use axum::extract::State;
use axum::response::{Redirect, Response};

use super::form::{
    analysis_anchor, indicator_anchor, AnalysisForm, OpenForm, ReviewForm, ThresholdsForm, ValueForm, ANALYSIS_SAVED, CLOSED, CLOSE_ANCHOR, FILE, OPENED, OPEN_ANCHOR,
    REVIEWED, THRESHOLDS_ANCHOR, THRESHOLDS_SAVED, VALUE_SAVED, VALUE_UNCHANGED,
};
use crate::domain::followup::{check_analysis, check_value, check_year, closing_blocked, reported_objectives, same_as, FollowUpError, Period, Thresholds};
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
        // The same form sent twice lands on the period it opened.
        Err(FollowUpError::PeriodExists) => form.anio.trim().parse().map_err(|_| back(FollowUpError::BadYear))?,
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

/// `POST /politicas/{code}/seguimiento/{year}/valores` (multipart): the value obtained of an
/// indicator, by the team or the entity its ficha names as responsible, with its source, the date
/// of the data, a short explanation and optionally a supporting file. Each value is a new record:
/// the one it replaces stays in the history. The same value sent twice is recorded once; a period
/// closed meanwhile sends the form back as typed.
pub async fn record_value(
    State(state): State<AppState>,
    user: SignedIn,
    Path((code, year)): Path<(String, u16)>,
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Redirect, WebError> {
    let code = Policy::normalize_code(&code);
    let period = state.store.period(&code, year).await?.ok_or(WebError::NotFound)?;
    require(&user, Action::ReportValue, Resource::Policy(&code))?;
    let multipart = multipart.map_err(|_| WebError::Transport)?;
    let page = urls::followup_year(&code, year, "");
    let (typed, uploads) = match crate::web::form::multipart(multipart, FILE).await {
        Ok(read) => read,
        Err((MultipartRefusal::TooBig, typed)) => {
            let form: ValueForm = crate::web::form::from_fields(&typed);
            return Err(WebError::back(page, FollowUpError::BadFile.key(), &typed, indicator_anchor(&form.indicador)));
        }
        Err((MultipartRefusal::Broken, _)) => return Err(WebError::Transport),
    };
    let form: ValueForm = crate::web::form::from_fields(&typed);
    let anchor = indicator_anchor(&form.indicador);
    let back = |e: FollowUpError| WebError::back(page.clone(), e.key(), &typed, anchor.clone());
    let items = state.store.items(&code).await?;
    let indicator = items.iter().find(|i| i.id == form.indicador && matches!(i.kind, ItemKind::Indicator | ItemKind::ServiceIndicator)).ok_or(WebError::NotFound)?;
    require(&user, Action::ReportValue, Resource::Indicator { policy: &code, responsible: indicator.value("responsable") })?;
    if !period.is_open() {
        return Err(back(FollowUpError::Closed));
    }
    let value = check_value(&form.to_domain(), indicator, year, crate::domain::time::today()).map_err(back)?;
    let file = match uploads.into_iter().find(|u| !u.bytes.is_empty()) {
        Some(u) => Some(crate::domain::expediente::check_file(u).map_err(|_| back(FollowUpError::BadFile))?),
        None => None,
    };
    let values = state.store.followup_values(&code, Some(year)).await?;
    let current = values.iter().filter(|v| v.indicator == indicator.id).max_by_key(|v| v.at);
    let saved = format!("{page}?{VALUE_SAVED}={}#{anchor}", indicator.id);
    // Sent twice (a double click, the Back button): the same value and file name are the record in force.
    let same_file = match (&file, current.and_then(|c| c.file.as_ref())) {
        (Some(f), Some((_, name))) => f.name == *name,
        (Some(_), None) => false,
        (None, _) => true,
    };
    if same_file && same_as(&value, current) {
        return Ok(Redirect::to(&format!("{page}?{VALUE_UNCHANGED}={}#{anchor}", indicator.id)));
    }
    if !state.store.record_value(&code, year, &indicator.id, &value, file, &user.author()).await? {
        return Err(back(FollowUpError::Closed));
    }
    Ok(Redirect::to(&saved))
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
pub async fn close(State(state): State<AppState>, user: SignedIn, Path((code, year)): Path<(String, u16)>) -> Result<Redirect, WebError> {
    let code = Policy::normalize_code(&code);
    let period = managed(&state, &user, &code, year).await?;
    let page = urls::followup_year(&code, year, "");
    if period.is_open() {
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
