//! The form of a workshop's call, to record one (on the policy's list) and to correct it (on the
//! workshop's page).
use leptos::prelude::*;

use super::data::WorkshopChoices;
use super::form::WorkshopForm as F;
use crate::domain::workshop::{Modality, WorkshopError};
use crate::i18n::t;
use crate::ui::{FormFeedback, FormKey};

/// A workshop's call as a form: empty to record one, or filled with the record (and the version
/// it was opened on) to correct it. `anchor` is where it says its outcome; `error`, its refusal.
#[component]
pub fn CallForm(action: String, anchor: &'static str, values: F, error: Option<WorkshopError>, choices: WorkshopChoices, button: &'static str) -> impl IntoView {
    let t = t();
    let typed = values;
    let message = error.map(|e| t.workshop_error(e).to_string());
    let wrong = |fields: &[WorkshopError]| error.filter(|e| fields.contains(e)).map(|_| "true");
    let feedback_at = |fields: &[WorkshopError]| error.is_some_and(|e| fields.contains(&e)).then(|| view! { <FormFeedback anchor=anchor error=message.clone() /> });
    let described = |fields: &[WorkshopError], hint: &str| {
        let refused = error.is_some_and(|e| fields.contains(&e));
        Some(if refused { format!("{hint} {}", crate::ui::feedback_id(anchor)) } else { hint.to_string() }).map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
    };
    const DATES: [WorkshopError; 2] = [WorkshopError::BadDate, WorkshopError::BadEndDate];
    const WHAT: [WorkshopError; 4] = [WorkshopError::BadVersion, WorkshopError::BadRound, WorkshopError::RoundOtherVersion, WorkshopError::BadStep];
    view! {
        <form method="post" action=action class="review-form">
            <FormKey anchor=anchor />
            // Refusals of the whole form, at its top.
            {feedback_at(&[WorkshopError::CallChanged, WorkshopError::HasContributions])}
            <input type="hidden" name=F::base value=typed.base.clone() />
            <label for="taller-titulo">{t.workshop_title_label}" "<span class="meta">{t.required_mark}</span></label>
            {feedback_at(&[WorkshopError::MissingTitle, WorkshopError::TooLong])}
            <input id="taller-titulo" name=F::titulo type="text" maxlength="300" required value=typed.titulo.clone()
                aria-invalid=wrong(&[WorkshopError::MissingTitle, WorkshopError::TooLong]) aria-describedby=described(&[WorkshopError::MissingTitle, WorkshopError::TooLong], "") />
            {feedback_at(&DATES)}
            <fieldset class="dates">
                <legend>{t.workshop_days}</legend>
                <label for="taller-inicio">{t.workshop_first_day}" "<span class="meta">{t.required_mark}</span></label>
                <input id="taller-inicio" name=F::inicio type="date" required value=typed.inicio.clone()
                    aria-invalid=wrong(&[WorkshopError::BadDate, WorkshopError::HasContributions])
                    aria-describedby=described(&[WorkshopError::BadDate, WorkshopError::BadEndDate, WorkshopError::HasContributions], "") />
                <label for="taller-fin">{t.workshop_last_day}</label>
                <input id="taller-fin" name=F::fin type="date" value=typed.fin.clone()
                    aria-invalid=wrong(&[WorkshopError::BadEndDate]) aria-describedby=described(&DATES, "taller-fin-ayuda") />
                <p id="taller-fin-ayuda" class="hint">{t.workshop_last_day_hint}</p>
            </fieldset>
            <label for="taller-modalidad">{t.workshop_modality}</label>
            <select id="taller-modalidad" name=F::modalidad aria-invalid=wrong(&[WorkshopError::BadModality])>
                <option value="">{t.not_recorded_f}</option>
                {Modality::ALL.iter().map(|m| view! { <option value=m.key() selected=typed.modalidad == m.key()>{t.modality(*m)}</option> }).collect_view()}
            </select>
            <label for="taller-lugar">{t.workshop_place}</label>
            <input id="taller-lugar" name=F::lugar type="text" maxlength="300" value=typed.lugar.clone() aria-describedby="taller-lugar-ayuda" />
            <p id="taller-lugar-ayuda" class="hint">{t.workshop_place_hint}</p>
            <label for="taller-proposito">{t.workshop_purpose}</label>
            <textarea id="taller-proposito" name=F::proposito rows="2" maxlength="1000" aria-describedby="taller-proposito-ayuda"
                inner_html=crate::ui::textarea_html(&typed.proposito)></textarea>
            <p id="taller-proposito-ayuda" class="hint">{t.workshop_purpose_hint}</p>
            {feedback_at(&WHAT)}
            <label for="taller-ronda">{t.workshop_round}</label>
            <select id="taller-ronda" name=F::ronda aria-invalid=wrong(&[WorkshopError::BadRound, WorkshopError::RoundOtherVersion, WorkshopError::HasContributions]) aria-describedby=described(&[WorkshopError::BadVersion, WorkshopError::BadRound, WorkshopError::RoundOtherVersion, WorkshopError::BadStep, WorkshopError::HasContributions], "taller-ronda-ayuda")>
                <option value="">{t.workshop_no_round}</option>
                {choices.rounds.iter().map(|r| view! { <option value=r.id.clone() selected=typed.ronda == r.id>{r.label.clone()}</option> }).collect_view()}
            </select>
            <p id="taller-ronda-ayuda" class="hint">{t.workshop_round_hint}</p>
            <label for="taller-version">{t.workshop_version_label}</label>
            <select id="taller-version" name=F::version_taller aria-invalid=wrong(&[WorkshopError::BadVersion, WorkshopError::RoundOtherVersion])>
                <option value="">{t.workshop_version_of_round}</option>
                {choices.versions.iter().map(|(v, label)| view! { <option value=v.clone() selected=typed.version_taller == *v>{label.clone()}</option> }).collect_view()}
            </select>
            <fieldset aria-invalid=wrong(&[WorkshopError::BadStep])>
                <legend>{t.workshop_steps}</legend>
                {crate::domain::STEPS.iter().map(|s| {
                    let id = format!("taller-paso-{}", s.number);
                    let label_for = id.clone();
                    view! {
                        <label class="check" for=label_for>
                            <input id=id type="checkbox" name=F::pasos value=s.number.to_string() checked=typed.pasos.contains(&s.number.to_string()) />
                            {format!(" {} {}: {}", t.step, s.number, s.title)}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            {feedback_at(&[WorkshopError::UnknownJurisdiction])}
            <label for="taller-convocados">{t.workshop_convened}</label>
            <input id="taller-convocados" name=F::convocados type="text" maxlength="300" value=typed.convocados.clone() aria-describedby="taller-convocados-ayuda" />
            <p id="taller-convocados-ayuda" class="hint">{t.workshop_convened_hint}</p>
            <fieldset class="regions" aria-invalid=wrong(&[WorkshopError::UnknownJurisdiction])>
                <legend>{t.workshop_regions_convened}</legend>
                {choices.regions.iter().map(|(u, n)| {
                    let (id, label_for) = (format!("taller-region-{u}"), format!("taller-region-{u}"));
                    view! {
                        <label class="check" for=label_for>
                            <input id=id type="checkbox" name=F::regiones value=u.clone() checked=typed.regiones.contains(u) />
                            {format!(" {n}")}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit" class="button">{button}</button>
        </form>
    }
}
