//! `/politicas/{code}/talleres`: a policy's workshops in order of date — days, title, modality,
//! who attended and what was received — and the form that records one (the call may be recorded
//! ahead of the day).
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::call::CallForm;
use super::data::{get_workshops, WorkshopChoices, WorkshopsPage as Page};
use super::form::NEW_ANCHOR;
use crate::domain::workshop::WorkshopError;
use crate::i18n::t;
use crate::ui::{held, kept, loaded, Crumbs, PageTitle};
use crate::urls;

#[component]
pub fn WorkshopsPage() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new(move || params.read().get("code").unwrap_or_default(), get_workshops);
    loaded(page, |p| view! { <Workshops page=p /> })
}

#[component]
fn Workshops(page: Page) -> impl IntoView {
    let t = t();
    let code = page.policy_code.clone();
    view! {
        <PageTitle text=format!("{} · {}", t.workshops_title, code) />
        <Crumbs trail=vec![(code.clone(), urls::policy(&code))] here=t.workshops_title />
        <p class="eyebrow">{page.policy_name.clone()}</p>
        <h1>{t.workshops_title}</h1>
        <p class="lead">{t.workshops_intro}</p>
        // The form follows the list, however long: a way to it from the top.
        {page.may_manage.then(|| view! { <p class="actions"><a href=format!("#{NEW_ANCHOR}")>{t.workshop_add}</a></p> })}
        <section aria-labelledby="talleres">
            <h2 id="talleres">{format!("{} ({})", t.workshops_recorded, page.workshops.len())}</h2>
            {page.workshops.is_empty().then(|| view! { <p class="empty">{t.workshops_empty}</p> })}
            {(!page.workshops.is_empty()).then(|| view! {
                <table class="data cards">
                    <caption class="visually-hidden">{t.workshops_recorded}</caption>
                    <thead><tr>
                        <th scope="col">{t.workshop_days}</th>
                        <th scope="col">{t.workshop_title_label}</th>
                        <th scope="col">{t.workshop_modality}</th>
                        <th scope="col">{t.workshop_participants}</th>
                        <th scope="col">{t.contributions}</th>
                    </tr></thead>
                    <tbody>
                        {page.workshops.iter().map(|w| {
                            let days = t.workshop_days_short(&w.info.workshop);
                            view! {
                                <tr>
                                    <td data-label=t.workshop_days>{days}</td>
                                    <th scope="row" data-label=t.workshop_title_label><a href=urls::workshop(&w.info.id)>{w.info.workshop.title.clone()}</a></th>
                                    <td data-label=t.workshop_modality>{w.info.workshop.modality.map_or(t.not_recorded_f, |m| t.modality(m))}</td>
                                    <td data-label=t.workshop_participants>{t.participants_summary(&w.counts)}</td>
                                    <td data-label=t.contributions>{w.contributions}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
        {page.may_manage.then(|| view! { <NewWorkshop code=code.clone() choices=page.choices.clone() /> })}
    }
}

/// The form that records a workshop.
#[component]
fn NewWorkshop(code: String, choices: WorkshopChoices) -> impl IntoView {
    let t = t();
    let error = held().filter(|h| h.anchor == NEW_ANCHOR).and_then(|h| WorkshopError::from_key(&h.error));
    view! {
        <section aria-labelledby="nuevo-taller-titulo" id=NEW_ANCHOR class="card">
            <h2 id="nuevo-taller-titulo">{t.workshop_add}</h2>
            <CallForm action=urls::workshops(&code) anchor=NEW_ANCHOR values=kept() error=error choices=choices button=t.workshop_save />
        </section>
    }
}
