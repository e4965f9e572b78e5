//! `/politicas/{code}/informe`: the progress-report text for a period the user chooses, in the
//! terms of the Alliance 8.7 report, written from the recorded events; downloadable as Markdown.
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::ui::{PageTitle, loaded};
use super::data::{get_report};
use super::form::PeriodQuery as F;
use crate::ui::Crumbs;
use crate::urls;
use crate::i18n::t;
use super::data::ReportPage as Page;
use crate::domain::report::ReportStatus;

#[component]
pub fn ReportPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let q = query.read();
        (params.read().get("code").unwrap_or_default(), q.get(F::desde), q.get(F::hasta))
    };
    let page = Resource::new(key, |(code, from, to)| get_report(code, from, to));
    loaded(page, move |p| view! { <Report page=p /> })
}

#[component]
fn Report(page: Page) -> impl IntoView {
    let t = t();
    let code = page.policy_code.clone();
    view! {
        <PageTitle text=format!("{} · {}", t.report_title, page.policy_code) />
        <Crumbs trail=vec![(code.clone(), urls::policy(&code))] here=t.report_title />
        <p class="eyebrow">{page.policy_name.clone()}</p>
        <h1>{t.report_title}</h1>
        <p>{t.report_intro}</p>
        <form method="get" action=urls::report(&code) class="inline-form no-print">
            <label for="desde">{t.period_from}</label>
            <input id="desde" name=F::desde type="month" required value=page.from.clone() />
            <label for="hasta">{t.period_to}</label>
            <input id="hasta" name=F::hasta type="month" required value=page.to.clone() />
            <button type="submit" class="button">{t.generate}</button>
        </form>
        {page.bad_period.then(|| view! { <div class="notice notice-error" role="alert">{t.bad_period}</div> })}
        {page.report.clone().map(|r| view! {
            <article class="report card" aria-labelledby="situacion">
                <h2 id="situacion">{t.report_status}</h2>
                <ul class="report-status">
                    {ReportStatus::ALL.iter().map(|s| {
                        let chosen = *s == r.status;
                        view! {
                            <li class:chosen=chosen>
                                <span aria-hidden="true">{if chosen { "☒ " } else { "☐ " }}</span>
                                {s.label()}
                                {chosen.then(|| view! { <span class="visually-hidden">{format!(" ({})", t.selected)}</span> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <h2>{t.report_comments}</h2>
                {r.paragraphs.iter().map(|p| view! { <p>{p.clone()}</p> }).collect_view()}
            </article>
            <p class="actions no-print">
                <a href=format!("{}?{}={}&{}={}", urls::report_md(&code), F::desde, page.from, F::hasta, page.to) class="button" download="">{t.download_markdown}</a>
            </p>
        })}
    }
}
