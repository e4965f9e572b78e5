//! `/politicas/{code}/matriz-de-consistencia`: the matriz de consistencia generated from the
//! structured content, one row per chain, gaps marked in words and colour; downloadable as XLSX.
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::ui::{PageTitle, loaded};
use super::data::{get_consistency};
use crate::ui::Crumbs;
use crate::urls;
use crate::i18n::t;
use super::data::ConsistencyPage as Page;

#[component]
pub fn ConsistencyPage() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new(move || params.read().get("code").unwrap_or_default(), get_consistency);
    loaded(page, move |p| view! { <Consistency page=p /> })
}

#[component]
fn Consistency(page: Page) -> impl IntoView {
    let t = t();
    let code = page.policy_code.clone();
    let caption = format!("{} · {} ({} {})", t.consistency_title, page.policy_code, page.rows.len(), t.matrix_rows);
    let cell = move |v: &str| {
        if v.is_empty() {
            view! { <td class="gap"><span class="gap-mark">{t.missing_cell}</span></td> }.into_any()
        } else {
            view! { <td>{v.to_string()}</td> }.into_any()
        }
    };
    let rows = page
        .rows
        .iter()
        .map(|r| {
            let gaps = r.gaps.join("; ");
            view! {
                <tr class:has-gap=!r.gaps.is_empty()>
                    {cell(&r.cause)}
                    {cell(&r.objective)}
                    {cell(&r.indicator)}
                    {cell(&r.guideline)}
                    {cell(&r.service)}
                    {cell(&r.standard)}
                    {cell(&r.activity)}
                    {cell(&r.responsible)}
                    <td class:gap=!r.gaps.is_empty()>{gaps}</td>
                </tr>
            }
        })
        .collect_view();
    let steps = (1..=9u8).filter(|n| !crate::domain::structure::kinds_of(*n).is_empty());
    view! {
        <PageTitle text=format!("{} · {}", t.consistency_title, page.policy_code) />
        <Crumbs trail=vec![(code.clone(), urls::policy(&code))] here=t.consistency_title />
        <p class="eyebrow">{page.policy_name.clone()}</p>
        <h1>{t.consistency_title}</h1>
        <p class="lead">{t.consistency_intro}</p>
        {if page.problem.is_empty() {
            view! { <p class="notice" role="status">{t.problem_missing}</p> }.into_any()
        } else {
            view! { <p><strong>{t.problem}": "</strong>{page.problem.clone()}</p> }.into_any()
        }}
        <p class="actions">
            <a href=urls::consistency_xlsx(&code) download="">{t.download_xlsx}</a>
        </p>
        <nav aria-label=t.structure_title class="actions">
            {steps.map(|n| view! { <A href=urls::structure(&code, n)>{format!("{} {n}", t.step)}</A> }).collect_view()}
        </nav>
        {if page.rows.is_empty() {
            view! { <p>{t.no_items}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" tabindex="0">
                    <table class="data consistency-table">
                        <caption>{caption}</caption>
                        <thead>
                            <tr>
                                {t.consistency_headers
                                    .iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view()}
                                <th scope="col">{t.gaps}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
    .into_any()
}
