//! `/politicas/{code}/informe`: the progress-report text for a period the user chooses, in the
//! terms of the Alliance 8.7 report, written from the recorded events; downloadable as Markdown.
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::ui::{kept, loaded, textarea_html, FormFeedback, FormKey, PageTitle};
use super::data::{get_report};
use super::form::{PeriodQuery as F, ReportStatusForm as StatusForm, STATUS_SAVED};
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
    let query = use_query_map();
    let saved = query.read_untracked().get(STATUS_SAVED).is_some();
    let kept_error = query.read_untracked().get("error").and_then(|e| crate::domain::ReviewError::from_key(&e));
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
                {r.choice_text().map(|c| view! { <p class="meta">{c}</p> })}
                <h2>{t.report_comments}</h2>
                {r.paragraphs.iter().map(|p| view! { <p>{p.clone()}</p> }).collect_view()}
            </article>
            {page.may_choose.then(|| {
                let kept: StatusForm = kept();
                let error = kept_error;
                let chosen = if kept.situacion.is_empty() { r.choice.as_ref().map(|c| c.status.key().to_string()).unwrap_or_default() } else { kept.situacion.clone() };
                let commentary = if kept.comentario.is_empty() { r.choice.as_ref().map(|c| c.commentary.clone()).unwrap_or_default() } else { kept.comentario.clone() };
                view! {
                    <details class="card no-print" id="elegir-situacion" open=error.is_some() || saved>
                        <summary>{t.choose_status_summary}</summary>
                        {saved.then(|| view! { <p class="notice-ok" role="status">{t.status_saved}</p> })}
                        <form method="post" action=urls::report_status(&code) class="review-form">
                            <input type="hidden" name=StatusForm::desde value=page.from.clone() />
                            <input type="hidden" name=StatusForm::hasta value=page.to.clone() />
                            <p id="situacion-ayuda" class="hint">{t.choose_status_hint}</p>
                            <FormFeedback anchor="elegir-situacion" error=error.map(|e| t.review_error(e).to_string()) />
                            <FormKey anchor="elegir-situacion" />
                            <label for="situacion-elegida">{t.choose_status_label}</label>
                            <select id="situacion-elegida" name=StatusForm::situacion>
                                <option value="" selected=chosen.is_empty()>{format!("{} ({})", t.choose_status_computed, r.computed.label())}</option>
                                {ReportStatus::ALL.iter().map(|s| view! { <option value=s.key() selected=chosen == s.key()>{s.label()}</option> }).collect_view()}
                            </select>
                            <label for="situacion-comentario">{t.choose_status_commentary}</label>
                            <textarea id="situacion-comentario" name=StatusForm::comentario rows="3" maxlength="2000"
                                aria-describedby=if error.is_some() { "situacion-ayuda situacion-error" } else { "situacion-ayuda" }
                                aria-invalid=error.map(|_| "true") inner_html=textarea_html(&commentary)></textarea>
                            <button type="submit" class="button button-secondary">{t.record_button}</button>
                        </form>
                    </details>
                }
            })}
            <p class="actions no-print">
                <a href=format!("{}?{}={}&{}={}", urls::report_docx(&code), F::desde, page.from, F::hasta, page.to) class="button" download="">{t.download_report_docx}</a>
                " "
                <a href=format!("{}?{}={}&{}={}", urls::report_md(&code), F::desde, page.from, F::hasta, page.to) class="button button-secondary" download="">{t.download_markdown}</a>
            </p>
            <section class="no-print" aria-labelledby="copiar">
                <h2 id="copiar">{t.copy_heading}</h2>
                <p id="copiar-ayuda" class="hint">{t.copy_hint}</p>
                // One click selects the whole block (CSS user-select: all): copying needs no script.
                <pre class="copy-block" tabindex="0" aria-describedby="copiar-ayuda">{r.plain_text()}</pre>
            </section>
        })}
    }
}
