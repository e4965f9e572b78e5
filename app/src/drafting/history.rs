//! `/politicas/{code}/pasos/{n}/historial`: every revision of a step, newest first, and any two
//! compared word by word (`?desde=a&hasta=b`, a plain GET form).
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::ui::{PageTitle, loaded, DiffView, Pagination, StepCrumbs};
use super::data::{get_history};
use crate::domain::step;
use crate::web::WebError;
use crate::ui::moment;
use super::form::HistoryQuery;
use crate::i18n::t;
use crate::urls;
use super::data::HistoryPage as Page;

#[component]
pub fn HistoryPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let (p, q) = (params.read(), query.read());
        let number = |k: &str| q.get(k).and_then(|v| v.parse::<u32>().ok());
        (
            p.get("code").unwrap_or_default(),
            p.get("n").and_then(|n| n.parse::<u8>().ok()),
            q.get(HistoryQuery::pagina).and_then(|v| v.parse::<usize>().ok()).unwrap_or(1),
            number(HistoryQuery::desde),
            number(HistoryQuery::hasta),
        )
    };
    let page = Resource::new(key, |(code, n, page, from, to)| async move {
        match n {
            Some(n) => get_history(code, n, page, from, to).await,
            None => Err(WebError::NotFound),
        }
    });
    loaded(page, move |p| view! { <History page=p /> })
}

#[component]
fn History(page: Page) -> impl IntoView {
    let t = t();
    let title = step(page.number).map(|s| s.title).unwrap_or_default();
    let history_href = urls::history(&page.policy_code, page.number);
    // Preselected pair: what is being compared, else the two newest revisions.
    let (from, to) = match &page.compare {
        Some(c) => (c.from, c.to),
        None => (page.revisions.get(1).map_or(0, |r| r.number), page.revisions.first().map_or(0, |r| r.number)),
    };
    let pages = page.total.div_ceil(page.page_size.max(1)).max(1);
    view! {
        <PageTitle text=format!("{} · {} {} · {}", t.history_title, t.step, page.number, page.policy_code) />
        <StepCrumbs policy_code=page.policy_code.clone() number=page.number here=t.history_title />
        <p class="eyebrow">{t.step}" "{page.number}" · "{page.policy_name.clone()}</p>
        <h1>{t.history_title}": "{title}</h1>
        {page.compare.clone().map(|c| view! {
            <section aria-labelledby="comparacion" class="comparison">
                <h2 id="comparacion">{format!("{} {} → {}", t.compare_revisions, c.from, c.to)}</h2>
                <DiffView segments=c.segments />
            </section>
        })}
        {if page.revisions.is_empty() {
            view! { <p class="empty">{t.no_revisions}</p> }.into_any()
        } else {
            view! {
                <form method="get" action=history_href.clone()>
                    <div class="table-scroll" tabindex="0"><table class="data">
                        <caption class="visually-hidden">{t.history_title}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t.revision}</th>
                                <th scope="col">{t.date}</th>
                                <th scope="col">{t.author}</th>
                                <th scope="col">{t.summary}</th>
                                <th scope="col">{t.characters}</th>
                                <th scope="col">{t.compare_from}</th>
                                <th scope="col">{t.compare_to}</th>
                                <th scope="col"><span class="visually-hidden">{t.changes}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {page.revisions.iter().map(|r| {
                                let n = r.number;
                                view! {
                                    <tr>
                                        <th scope="row">{n}</th>
                                        <td>{moment(&r.at)}</td>
                                        <td>{r.author.clone()}</td>
                                        <td>{r.summary.clone().unwrap_or_default()}</td>
                                        <td>{r.size}</td>
                                        <td>
                                            <input type="radio" name=HistoryQuery::desde value=n.to_string() checked=n == from
                                                aria-label=format!("{} {} {n}", t.compare_from, t.revision.to_lowercase()) />
                                        </td>
                                        <td>
                                            <input type="radio" name=HistoryQuery::hasta value=n.to_string() checked=n == to
                                                aria-label=format!("{} {} {n}", t.compare_to, t.revision.to_lowercase()) />
                                        </td>
                                        <td>
                                            {(n > 1).then(|| view! {
                                                <a href=format!("{history_href}?{}={}&{}={n}#comparacion", HistoryQuery::desde, n - 1, HistoryQuery::hasta)>
                                                    {format!("{} {n}", t.changes_of_revision)}
                                                </a>
                                            })}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table></div>
                    <button type="submit" class="button">{t.compare}</button>
                </form>
                <Pagination base=format!("{history_href}?") page=page.page pages=pages />
            }.into_any()
        }}
        <p><A href=urls::step(&page.policy_code, page.number)>{t.back_to_step}</A></p>
    }
}
