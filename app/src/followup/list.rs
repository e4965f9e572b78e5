//! `/politicas/{code}/seguimiento`: an approved policy's reporting periods — each year with its
//! lights counted — and the form that opens the next.
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::data::{get_followup, FollowUpPage as Page};
use super::form::{OpenForm as F, OPEN_ANCHOR};
use crate::domain::followup::FollowUpError;
use crate::i18n::t;
use crate::ui::{feedback_id, held, kept, loaded, Crumbs, FormFeedback, FormKey, PageTitle};
use crate::urls;

#[component]
pub fn FollowUpPage() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new(move || params.read().get("code").unwrap_or_default(), get_followup);
    loaded(page, |p| view! { <FollowUp page=p /> })
}

#[component]
fn FollowUp(page: Page) -> impl IntoView {
    let t = t();
    let code = page.policy_code.clone();
    view! {
        <PageTitle text=format!("{} · {}", t.followup_heading(), code) />
        <Crumbs trail=vec![(code.clone(), urls::policy(&code))] here=t.followup_title() />
        <p class="eyebrow">{page.policy_name.clone()}</p>
        <h1>{t.followup_heading()}</h1>
        <p class="lead">{t.followup_intro()}</p>
        {match &page.approval {
            Some((decree, when)) => view! { <p>{t.followup_approved(decree.as_deref(), when)}</p> }.into_any(),
            None => view! { <p class="notice">{t.followup_not_approved()}</p> }.into_any(),
        }}
        <section aria-labelledby="periodos">
            <h2 id="periodos">{t.followup_periods()}</h2>
            {page.periods.is_empty().then(|| view! { <p class="empty">{t.followup_no_periods()}</p> })}
            {(!page.periods.is_empty()).then(|| view! {
                <table class="data cards">
                    <caption class="visually-hidden">{t.followup_periods()}</caption>
                    <thead><tr>
                        <th scope="col">{t.followup_year()}</th>
                        <th scope="col">{t.followup_situation()}</th>
                        <th scope="col">{t.followup_summary()}</th>
                    </tr></thead>
                    <tbody>
                        {page.periods.iter().rev().map(|l| view! {
                            <tr>
                                <th scope="row" data-label=t.followup_year()><a href=urls::followup_year(&code, l.period.year, "")>{t.followup_report_title(l.period.year)}</a></th>
                                <td data-label=t.followup_situation()>{t.followup_state(l.period.is_open())}</td>
                                <td data-label=t.followup_summary()>{t.tally(l.period.year, &l.tally)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
        {(page.may_manage && page.approval.is_some()).then(|| view! { <OpenPeriod page=page.clone() /> })}
    }
}

/// The form that opens a year's period, with its lights' thresholds.
#[component]
fn OpenPeriod(page: Page) -> impl IntoView {
    let t = t();
    let error = held().filter(|h| h.anchor == OPEN_ANCHOR).and_then(|h| FollowUpError::from_key(&h.error));
    let typed: F = if error.is_some() { kept() } else { F::default() };
    let green = if error.is_some() { typed.verde.clone() } else { page.thresholds.green.to_string() };
    let amber = if error.is_some() { typed.ambar.clone() } else { page.thresholds.amber.to_string() };
    let described = |hint: &str| format!("{hint}{}", error.map(|_| format!(" {}", feedback_id(OPEN_ANCHOR))).unwrap_or_default());
    let wrong = |e: &[FollowUpError]| error.filter(|x| e.contains(x)).map(|_| "true");
    view! {
        <section aria-labelledby="abrir-titulo" id=OPEN_ANCHOR class="card">
            <h2 id="abrir-titulo">{t.followup_open_heading()}</h2>
            <FormFeedback anchor=OPEN_ANCHOR error=error.map(|e| t.followup_error(e).to_string()) />
            {if page.years.is_empty() {
                view! { <p class="empty">{t.followup_no_year_left()}</p> }.into_any()
            } else {
                view! {
                    <form method="post" action=urls::followup(&page.policy_code) class="review-form">
                        <FormKey anchor=OPEN_ANCHOR />
                        <p id="abrir-ayuda" class="hint">{t.followup_open_hint()}</p>
                        <label for="abrir-anio">{t.followup_year()}</label>
                        <select id="abrir-anio" name=F::anio aria-describedby=described("abrir-ayuda") aria-invalid=wrong(&[FollowUpError::BadYear, FollowUpError::PeriodExists])>
                            {page.years.iter().rev().map(|y| view! { <option value=y.to_string() selected=typed.anio == y.to_string()>{*y}</option> }).collect_view()}
                        </select>
                        <fieldset>
                            <legend>{t.followup_thresholds_heading()}</legend>
                            <p id="abrir-umbrales" class="hint">{t.followup_thresholds_hint()}</p>
                            <label for="abrir-verde">{t.followup_green_from()}</label>
                            <input id="abrir-verde" name=F::verde type="number" min="1" max="100" required value=green aria-describedby=described("abrir-umbrales") aria-invalid=wrong(&[FollowUpError::BadThresholds]) />
                            <label for="abrir-ambar">{t.followup_amber_from()}</label>
                            <input id="abrir-ambar" name=F::ambar type="number" min="1" max="99" required value=amber aria-describedby=described("abrir-umbrales") aria-invalid=wrong(&[FollowUpError::BadThresholds]) />
                        </fieldset>
                        <button type="submit" class="button">{t.followup_open_button()}</button>
                    </form>
                }.into_any()
            }}
        </section>
    }
}
