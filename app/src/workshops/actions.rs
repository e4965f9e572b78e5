//! Workshops from plain forms: record one, write its acta, add people to its attendance list
//! (one by one or from a sheet), take one off, and transcribe a contribution received there.
//! Refusals go back to the form with the reason and what was typed.
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Redirect;

use super::data::regions;
use super::form::{
    AttendeeForm, MinutesForm, WorkshopContributionForm, WorkshopForm, ADDED, ATTENDEE_ANCHOR, CALL_ANCHOR, CALL_SAVED, CONTRIBUTION_ANCHOR, CONTRIBUTION_RECORDED,
    IMPORT_ANCHOR, LISTED_ALREADY, LIST_ANCHOR, MINUTES_ANCHOR, MINUTES_SAVED, NEW_ANCHOR, RECORDED, REMOVED, SHEET,
};
use crate::domain::rounds::{check_contribution, Channel, RoundError};
use crate::domain::workshop::{check_attendee, check_minutes, check_workshop, read_sheet, Attendee, SheetError, Workshop, WorkshopError, WorkshopInfo, MAX_SHEET_BYTES};
use crate::domain::{Action, Author, NewContribution, Policy, Resource};
use crate::web::{require, AppState, Form, Path, SignedIn, WebError};
use crate::urls;

/// The workshop an address names, with the team's permission checked.
async fn managed(state: &AppState, user: &SignedIn, id: &str) -> Result<WorkshopInfo, WebError> {
    let w = state.store.workshop(id).await?.ok_or(WebError::NotFound)?;
    require(user, Action::ManageWorkshops, Resource::Policy(&w.policy_code))?;
    Ok(w)
}

/// The call as the form says it, checked against what the policy has now (its frozen versions,
/// rounds and the regions); the outer error is the store's, the inner the form's.
async fn checked_call(state: &AppState, code: &str, form: &WorkshopForm) -> Result<Result<Workshop, WorkshopError>, WebError> {
    let choices = super::data::choices(&state.store, code, regions(&state.store).await?).await?;
    let versions: Vec<(u8, u32)> = choices.versions.iter().filter_map(|(v, _)| crate::domain::workshop::version_choice(v)).collect();
    let known: Vec<String> = choices.regions.into_iter().map(|(code, _)| code).collect();
    Ok(check_workshop(&form.to_domain(), &versions, &choices.rounds, &known, crate::domain::time::today()))
}

/// `POST /politicas/{code}/talleres`: the team records a workshop (a call may be recorded ahead).
pub async fn create(State(state): State<AppState>, user: SignedIn, Path(code): Path<String>, Form { data: form, typed }: Form<WorkshopForm>) -> Result<Redirect, WebError> {
    let code = Policy::normalize_code(&code);
    state.store.policy(&code).await?.ok_or(WebError::NotFound)?;
    require(&user, Action::ManageWorkshops, Resource::Policy(&code))?;
    let workshop = checked_call(&state, &code, &form).await?.map_err(|e| WebError::back(urls::workshops(&code), e.key(), &typed, NEW_ANCHOR))?;
    let id = state.store.add_workshop(&code, &workshop, &user.author()).await?;
    Ok(Redirect::to(&format!("{}?{RECORDED}=1", urls::workshop(&id))))
}

/// `POST /talleres/{id}/convocatoria`: the team corrects a workshop's call, over the version it
/// opened; a correction saved meanwhile, or a new round or first day once contributions received
/// there are recorded (in that round, with that date), sends the form back as typed.
pub async fn correct(State(state): State<AppState>, user: SignedIn, Path(id): Path<String>, Form { data: form, typed }: Form<WorkshopForm>) -> Result<Redirect, WebError> {
    let w = managed(&state, &user, &id).await?;
    let back = |e: WorkshopError| WebError::back(urls::workshop(&id), e.key(), &typed, CALL_ANCHOR);
    let saved = Redirect::to(&format!("{}?{CALL_SAVED}=1#{CALL_ANCHOR}", urls::workshop(&id)));
    let mut new = checked_call(&state, &w.policy_code, &form).await?.map_err(back)?;
    // A day known only to its month stays so unless the day is changed.
    if new.date.date == w.workshop.date.date && new.last_day.is_none() {
        new.date = w.workshop.date;
    }
    if new == w.workshop {
        return Ok(saved);
    }
    if form.base != w.call_version.to_string() {
        return Err(back(WorkshopError::CallChanged));
    }
    let fixed = new.round != w.workshop.round || new.date.date != w.workshop.date.date;
    if fixed && state.store.workshop_contributions(std::slice::from_ref(&id)).await?.get(&id).is_some_and(|n| *n > 0) {
        return Err(back(WorkshopError::HasContributions));
    }
    if !state.store.correct_workshop(&w, &new, w.call_version, &user.author()).await? {
        return Err(back(WorkshopError::CallChanged));
    }
    Ok(saved)
}

/// `POST /talleres/{id}/acta`: the acta, over the version the form was opened on; a newer one
/// saved meanwhile sends the text back to be merged by hand.
pub async fn save_minutes(State(state): State<AppState>, user: SignedIn, Path(id): Path<String>, Form { data: form, typed }: Form<MinutesForm>) -> Result<Redirect, WebError> {
    let w = managed(&state, &user, &id).await?;
    let back = |e: WorkshopError| WebError::back(urls::workshop(&id), e.key(), &typed, MINUTES_ANCHOR);
    let text = check_minutes(&form.acta, &form.base, w.minutes_version).map_err(back)?;
    if text == w.minutes {
        return Ok(Redirect::to(&format!("{}?{MINUTES_SAVED}=1#{MINUTES_ANCHOR}", urls::workshop(&id))));
    }
    let base = w.minutes_version;
    if !state.store.save_minutes(&w, &text, base, &user.author()).await? {
        return Err(back(WorkshopError::MinutesChanged));
    }
    Ok(Redirect::to(&format!("{}?{MINUTES_SAVED}=1#{MINUTES_ANCHOR}", urls::workshop(&id))))
}

/// Back to the list after people were added: how many, and how many were listed already.
fn added(id: &str, added: usize, already: usize) -> Redirect {
    Redirect::to(&format!("{}?{ADDED}={added}&{LISTED_ALREADY}={already}#{LIST_ANCHOR}", urls::workshop(id)))
}

/// `POST /talleres/{id}/asistentes`: one person added to the attendance list.
pub async fn add_attendee(State(state): State<AppState>, user: SignedIn, Path(id): Path<String>, Form { data: form, typed }: Form<AttendeeForm>) -> Result<Redirect, WebError> {
    let w = managed(&state, &user, &id).await?;
    let labels = crate::i18n::t().entity_type_labels();
    let person = check_attendee(&form.to_domain(), &regions(&state.store).await?, &labels).map_err(|e| WebError::back(urls::workshop(&id), e.key(), &typed, ATTENDEE_ANCHOR))?;
    let n = state.store.add_attendees(&w, std::slice::from_ref(&person), &user.author()).await?;
    Ok(added(&id, n, 1 - n))
}

/// How many refused lines of a sheet are said one by one.
const SHOWN_ROWS: usize = 20;

/// `POST /talleres/{id}/asistentes/importar` (multipart): the attendance list from a CSV or XLSX
/// sheet, all of it or nothing; each refused line said with its row. People listed already are
/// not added twice (a sheet imported again adds nothing).
pub async fn import_attendance(State(state): State<AppState>, user: SignedIn, Path(id): Path<String>, mut multipart: axum::extract::Multipart) -> Result<Redirect, WebError> {
    let w = managed(&state, &user, &id).await?;
    let page = urls::workshop(&id);
    let refused = |e: SheetError, rows: Vec<(String, String)>| WebError::back(page.clone(), e.key(), &rows, IMPORT_ANCHOR);
    let mut sheet: Option<Vec<u8>> = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(refused(SheetError::TooBig, vec![])),
            Err(_) => return Err(WebError::Transport),
        };
        if field.name() == Some(SHEET) && sheet.is_none() {
            match field.bytes().await {
                Ok(bytes) if bytes.len() > MAX_SHEET_BYTES => return Err(refused(SheetError::TooBig, vec![])),
                Ok(bytes) => sheet = Some(bytes.to_vec()),
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(refused(SheetError::TooBig, vec![])),
                Err(_) => return Err(WebError::Transport),
            }
        }
    }
    let rows = super::import::rows(&sheet.unwrap_or_default()).map_err(|e| refused(e, vec![]))?;
    let labels = crate::i18n::t().entity_type_labels();
    let people: Vec<Attendee> = read_sheet(&rows, &regions(&state.store).await?, &labels).map_err(|r| {
        use super::form::ImportRefusal as R;
        // The first lines refused are said one by one; how many there are in all, always.
        let lines = r.rows.iter().take(SHOWN_ROWS).map(|l| (R::fila.to_string(), format!("{}|{}|{}", l.row, l.error.key(), l.value)));
        let (one, other) = r.columns.unwrap_or_default();
        let told = [(R::filas.to_string(), r.rows.len().to_string()), (R::columna.to_string(), one), (R::otra_columna.to_string(), other)];
        refused(r.error, lines.chain(told).collect())
    })?;
    let n = state.store.add_attendees(&w, &people, &user.author()).await?;
    Ok(added(&id, n, people.len() - n))
}

/// `POST /talleres/{id}/asistentes/{aid}/quitar`: a person taken off the list (typed by mistake).
pub async fn remove_attendee(State(state): State<AppState>, user: SignedIn, Path((id, attendee)): Path<(String, String)>) -> Result<Redirect, WebError> {
    let w = managed(&state, &user, &id).await?;
    state.store.remove_attendee(&w, &attendee, &user.author()).await?.ok_or(WebError::NotFound)?;
    Ok(Redirect::to(&format!("{}?{REMOVED}=1#{LIST_ANCHOR}", urls::workshop(&id))))
}

/// `POST /talleres/{id}/aportes`: a contribution received in the workshop, transcribed by the
/// team into the workshop's round (channel *taller*, the workshop's first day), to be answered
/// there like any other.
pub async fn record_contribution(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<String>,
    Form { data: form, typed }: Form<WorkshopContributionForm>,
) -> Result<Redirect, WebError> {
    let w = managed(&state, &user, &id).await?;
    let back = |e: RoundError| WebError::back(urls::workshop(&id), e.key(), &typed, CONTRIBUTION_ANCHOR);
    let round_id = w.workshop.round.clone().ok_or(WebError::NotFound)?;
    let round = state.store.round(&round_id).await?.ok_or(WebError::NotFound)?;
    require(&user, Action::ManageRounds, Resource::Round(round.reference(&user, chrono::Utc::now())))?;
    if round.systematized {
        return Err(back(RoundError::AlreadySystematized));
    }
    let step = form.paso.parse::<u8>().ok().filter(|s| round.steps.contains(s)).ok_or_else(|| back(RoundError::BadStep))?;
    let author = form.autor.trim().to_string();
    let organisation = form.organizacion.trim().to_string();
    let region = Some(form.region_aporte.clone()).filter(|r| !r.is_empty());
    if let Some(r) = &region {
        if !regions(&state.store).await?.iter().any(|(c, _)| c == r) {
            return Err(back(RoundError::UnknownJurisdiction));
        }
    }
    if author.is_empty() && organisation.is_empty() && region.is_none() {
        return Err(back(RoundError::MissingSource));
    }
    let text = check_contribution(&form.texto).map_err(back)?;
    // The same text on the same step of this workshop sent again (the Back button) is the one there.
    let all = state.store.contributions_of(&round).await?;
    if let Some(c) = all.iter().find(|c| c.workshop.as_deref() == Some(w.id.as_str()) && c.step == step && c.body == text) {
        return Ok(Redirect::to(&format!("{}?{CONTRIBUTION_RECORDED}={}#{CONTRIBUTION_ANCHOR}", urls::workshop(&id), c.number)));
    }
    let name = [author, organisation.clone(), region.clone().unwrap_or_default()].into_iter().find(|s| !s.is_empty()).unwrap_or_default();
    let contribution = NewContribution {
        parent: None,
        author: Author::System("externo"),
        author_name: name,
        organisation: Some(organisation).filter(|o| !o.is_empty()),
        jurisdiction: region,
        channel: Channel::Taller,
        step,
        anchor: None,
        passage: None,
        body: text,
        received_on: w.workshop.date.date.and_hms_opt(12, 0, 0).map(|d| d.and_utc()),
        source_document: None,
        recorded_by: Some(user.name.clone()),
        illustrative: false,
        workshop: Some(w.id.clone()),
    };
    let n = state.store.add_contribution(&round_id, contribution).await?;
    Ok(Redirect::to(&format!("{}?{CONTRIBUTION_RECORDED}={n}#{CONTRIBUTION_ANCHOR}", urls::workshop(&id))))
}
