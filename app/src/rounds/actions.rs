//! Rounds from plain forms: open one, contribute (anchored to a paragraph), transcribe a
//! contribution that came by another channel, answer, publish, close, systematize, and mark the
//! notices read. Refusals go back to the form with the reason and what was typed.
use axum::extract::State;
use axum::response::Redirect;
use chrono::{NaiveDate, Utc};

use super::form::{AnswerForm, ContributionForm, ExternalForm, ForceForm, NewRoundForm, RoundAction, RoundOutcome, CONFIRMED};
use crate::domain::rounds::{check_answer, check_contribution, check_round, check_systematize, Channel, RoundError};
use crate::domain::{steps_of, Action, Author, NewContribution, Policy, Resource, RoundInfo};
use crate::web::{require, AppState, Form, Path, SignedIn, WebError};
use crate::urls;

/// The round an address names.
async fn round(state: &AppState, id: &str) -> Result<RoundInfo, WebError> {
    state.store.round(id).await?.ok_or(WebError::NotFound)
}

/// `POST /politicas/{code}/entregables/{n}/rondas`: the team opens a round on a frozen version.
pub async fn create(
    State(state): State<AppState>,
    user: SignedIn,
    Path((code, n)): Path<(String, String)>,
    Form { data: form, typed }: Form<NewRoundForm>,
) -> Result<Redirect, WebError> {
    let code = Policy::normalize_code(&code);
    let n = n.parse::<u8>().ok().filter(|n| (1..=5).contains(n)).ok_or(WebError::NotFound)?;
    state.store.policy(&code).await?.ok_or(WebError::NotFound)?;
    require(&user, Action::ManageRounds, Resource::Policy(&code))?;
    let (versions, jurisdictions, sent) = tokio::try_join!(state.store.versions(&code, n), state.store.jurisdictions(), state.store.sent_versions(&code, n))?;
    let versions: Vec<u32> = versions.iter().map(|v| v.number).collect();
    let known: Vec<String> = jurisdictions.into_iter().map(|j| j.ubigeo).collect();
    let steps: Vec<u8> = steps_of(n).map(|s| s.number).collect();
    let round = check_round(&form.to_domain(), &versions, &sent, &steps, &known, Utc::now())
        .map_err(|e| WebError::back(urls::deliverable(&code, n), e.key(), &typed, "nueva-ronda"))?;
    let id = state.store.create_round(&code, n, &round, &user.author(), false).await?;
    Ok(Redirect::to(&urls::round(&id)))
}

/// `POST /rondas/{id}/aportes`: an invited reader comments on a paragraph, a step, or replies.
pub async fn contribute(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<String>,
    Form { data: form, typed }: Form<ContributionForm>,
) -> Result<Redirect, WebError> {
    let round = round(&state, &id).await?;
    let now = Utc::now();
    let back = |e: RoundError| WebError::back(urls::round(&id), e.key(), &typed, "comentar");
    let reference = round.reference(&user, now);
    if !crate::domain::may(&user.actor(), Action::Contribute, Resource::Round(reference)) {
        // Invited, but the window is not open: say so; otherwise it is not theirs to write.
        if round.invites(&user) || crate::domain::may(&user.actor(), Action::ManageRounds, Resource::Round(reference)) {
            return Err(back(RoundError::NotOpen));
        }
        return Err(WebError::Forbidden);
    }
    let step = form.paso.parse::<u8>().ok().filter(|s| round.steps.contains(s)).ok_or_else(|| back(RoundError::BadStep))?;
    let text = check_contribution(&form.texto).map_err(back)?;
    // The quoted passage comes from the frozen text itself, never from the form, and only from a
    // text this reader may read.
    let anchor = Some(form.parrafo.clone()).filter(|a| !a.is_empty());
    let readable = match round.version {
        Some(v) => super::data::may_read_round_text(&state.store, &user, &round, v).await?,
        None => false,
    };
    let passage = match (&anchor, round.version.filter(|_| readable)) {
        (Some(a), Some(v)) => {
            let texts = state.store.version_text(&round.policy_code, round.deliverable, v).await?.unwrap_or_default();
            let blocks = texts.iter().find(|t| t.step == step).map(super::data::step_blocks).unwrap_or_default();
            // A heading names what follows: it is not commented on by itself.
            let quoted = blocks.iter().find_map(|b| b.quoted(a)).ok_or_else(|| back(RoundError::BadStep))?;
            Some(quoted.chars().take(500).collect::<String>())
        }
        _ => None,
    };
    // A reply answers a contribution of this same round that this reader may read: a region
    // cannot answer (nor learn the number of) another region's contribution.
    let parent = Some(form.responde.clone()).filter(|p| !p.is_empty());
    if let Some(p) = &parent {
        let all = state.store.contributions_of(&round).await?;
        if !round.readable_refs(&user, &all, now).iter().any(|c| &c.id == p) {
            return Err(back(RoundError::BadReply));
        }
    }
    let anchor = passage.as_ref().and(anchor);
    // The same text on the same place sent again by its author (a form the browser's Back button
    // filled again) is the contribution already there, not a second one.
    let all = state.store.contributions_of(&round).await?;
    let again = all.iter().find(|c| {
        c.author_id.as_deref() == Some(user.id.as_str()) && c.step == step && c.anchor == anchor && c.parent == parent && c.body == text
    });
    if let Some(c) = again {
        let readable = round.readable_refs(&user, &all, now);
        let known_as = round.shown_to(&user, &readable, std::iter::once(c), now).first().map_or(c.number, |s| s.number);
        return Ok(Redirect::to(&RoundOutcome::Sent(known_as).location(&id)));
    }
    let contribution = NewContribution {
        parent,
        author: user.author(),
        author_name: user.name.clone(),
        organisation: user.organisation.clone(),
        jurisdiction: user.jurisdiction.clone(),
        channel: Channel::Plataforma,
        step,
        anchor,
        passage,
        body: text,
        received_on: None,
        source_document: None,
        recorded_by: None,
        illustrative: false,
        workshop: None,
    };
    let n = state.store.add_contribution(&id, contribution).await?;
    // Said back with the number this reader knows it by (see `RoundInfo::shown_to`).
    // (Read afresh: the kept copy is keyed to the round as read before this write.)
    let all = state.store.contributions(&id).await?;
    let readable = round.readable_refs(&user, &all, now);
    let known_as = round.shown_to(&user, &readable, all.iter().filter(|c| c.number == n), now).first().map_or(n, |c| c.number);
    Ok(Redirect::to(&RoundOutcome::Sent(known_as).location(&id)))
}

/// `POST /rondas/{id}/aportes-externos`: the team transcribes a contribution from a workshop, an
/// e-mail or an oficio, on behalf of a jurisdiction or organisation.
pub async fn record_external(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<String>,
    Form { data: form, typed }: Form<ExternalForm>,
) -> Result<Redirect, WebError> {
    let round = round(&state, &id).await?;
    require(&user, Action::ManageRounds, Resource::Round(round.reference(&user, Utc::now())))?;
    let back = |e: RoundError| WebError::back(urls::round(&id), e.key(), &typed, "externo");
    let channel = Channel::from_key(&form.canal).filter(|c| *c != Channel::Plataforma).ok_or_else(|| back(RoundError::BadChannel))?;
    let step = form.paso.parse::<u8>().ok().filter(|s| round.steps.contains(s)).ok_or_else(|| back(RoundError::BadStep))?;
    let today = crate::domain::time::today();
    let received = NaiveDate::parse_from_str(form.fecha.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| *d <= today && *d >= crate::domain::event::EARLIEST_DATE)
        .ok_or_else(|| back(RoundError::BadDate))?;
    let author = form.autor.trim().to_string();
    let organisation = form.organizacion.trim().to_string();
    let region = form.region.clone();
    if author.is_empty() && organisation.is_empty() && region.is_empty() {
        return Err(back(RoundError::MissingSource));
    }
    let text = check_contribution(&form.texto).map_err(back)?;
    let name = if author.is_empty() { organisation.clone() } else { author };
    let contribution = NewContribution {
        parent: None,
        author: Author::System("externo"),
        author_name: if name.is_empty() { region.clone() } else { name },
        organisation: Some(organisation).filter(|o| !o.is_empty()),
        jurisdiction: Some(region).filter(|r| !r.is_empty()),
        channel,
        step,
        anchor: None,
        passage: None,
        body: text,
        received_on: received.and_hms_opt(12, 0, 0).map(|d| d.and_utc()),
        source_document: Some(form.documento.trim().to_string()).filter(|d| !d.is_empty()),
        recorded_by: Some(user.name.clone()),
        illustrative: false,
        workshop: None,
    };
    let n = state.store.add_contribution(&id, contribution).await?;
    Ok(Redirect::to(&RoundOutcome::Recorded(n).location(&id)))
}

/// `POST /rondas/{id}/aportes/{cid}/respuesta`: the team's answer to one contribution.
pub async fn answer(
    State(state): State<AppState>,
    user: SignedIn,
    Path((id, cid)): Path<(String, String)>,
    Form { data: form, mut typed }: Form<AnswerForm>,
) -> Result<Redirect, WebError> {
    let round = round(&state, &id).await?;
    let contributions = state.store.contributions_of(&round).await?;
    let c = contributions.iter().find(|c| c.id == cid).ok_or(WebError::NotFound)?;
    let resource = Resource::Contribution { round: round.reference(&user, Utc::now()), jurisdiction: c.jurisdiction.as_deref(), author_id: "" };
    require(&user, Action::AnswerContribution, resource)?;
    typed.retain(|(k, _)| k != AnswerForm::aporte);
    typed.push((AnswerForm::aporte.to_string(), cid.clone()));
    let back = |e: RoundError| WebError::back(urls::round(&id), e.key(), &typed, format!("aporte-{}", c.number));
    if round.systematized {
        return Err(back(RoundError::AlreadySystematized));
    }
    let steps: Vec<u8> = steps_of(round.deliverable).map(|s| s.number).collect();
    let answer = check_answer(round.kind, c.step, &steps, form.input()).map_err(back)?;
    // The revision chosen is one the step has, saved after the contribution arrived (an earlier
    // one cannot have been caused by it).
    if let Some((step, r)) = answer.change(c.step) {
        let saved = state.store.revision(&round.policy_code, step, r).await?.map(|(info, _)| info.at);
        if saved.is_none_or(|at| at < c.received_on.unwrap_or(c.created_at)) {
            return Err(back(RoundError::BadRevision));
        }
    }
    state.store.answer_contribution(&cid, &answer, &user.author()).await?;
    Ok(Redirect::to(&RoundOutcome::Answered(c.number).location(&id)))
}

/// `POST /rondas/{id}/{accion}`: publish the answers, close the window, or systematize.
pub async fn act(
    State(state): State<AppState>,
    user: SignedIn,
    Path((id, action)): Path<(String, String)>,
    Form { data: form, typed }: Form<ForceForm>,
) -> Result<Redirect, WebError> {
    let round = round(&state, &id).await?;
    let reference = round.reference(&user, Utc::now());
    let action = RoundAction::from_key(&action).ok_or(WebError::NotFound)?;
    let done = Redirect::to(&RoundOutcome::Done(action).location(&id));
    let back = |e: RoundError| WebError::back(urls::round(&id), e.key(), &typed, "gestion");
    let actor = user.actor();
    let team = crate::domain::may(&actor, Action::ManageRounds, Resource::Round(reference));
    let confirmed = form.confirmar == CONFIRMED;
    match action {
        RoundAction::Publish | RoundAction::Close => {
            require(&user, Action::ManageRounds, Resource::Round(reference))?;
            if action == RoundAction::Close && !confirmed {
                return Err(back(RoundError::NotConfirmed));
            }
            if action == RoundAction::Publish {
                state.store.publish_answers(&round, &user.author()).await?;
            } else {
                state.store.close_round(&round, &user.author()).await?;
            }
            Ok(done)
        }
        RoundAction::Systematize => {
            // The team closes a round whose contributions all have answers; a directivo may force it.
            let may_force = crate::domain::may(&actor, Action::ForceCloseRound, Resource::Round(reference));
            if !team && !may_force {
                return Err(WebError::Forbidden);
            }
            if round.systematized {
                return Err(back(RoundError::AlreadySystematized));
            }
            if !confirmed {
                return Err(back(RoundError::NotConfirmed));
            }
            // Before its closing date a round is systematized only by a directivo, with a reason.
            let open = round.status(Utc::now()) == crate::domain::rounds::RoundStatus::Abierta;
            if open && !may_force {
                return Err(back(RoundError::StillOpen));
            }
            let unanswered = state.store.contributions_of(&round).await?.iter().filter(|c| c.answer.is_none()).count();
            let forced = Some(form.motivo.clone()).filter(|_| may_force && (unanswered > 0 || open));
            let reason = check_systematize(unanswered, forced.as_deref()).map_err(back)?;
            state.store.systematize_round(&round, reason.as_deref(), &user.author()).await?;
            Ok(done)
        }
    }
}

/// `POST /avisos/leidos`: marks every notice of the user as read.
pub async fn mark_read(State(state): State<AppState>, user: SignedIn) -> Result<Redirect, WebError> {
    state.store.mark_notifications_read(&user.id).await?;
    Ok(Redirect::to(urls::NOTICES))
}
