//! `/rondas/{id}/matriz`: the matriz de aportes of a round — every contribution this reader may
//! see with its answer — filtered by jurisdiction, step and answer, and downloadable as CSV / XLSX.
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::ui::{PageTitle, loaded};
use super::data::{get_matrix, MatrixFilter};
use crate::domain::rounds::AnswerState;
use super::form::MatrixQuery as F;
use crate::urls;
use crate::i18n::t;
use super::data::MatrixPage as Page;

#[component]
pub fn MatrixPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let q = query.read();
        let text = |k: &str| q.get(k).unwrap_or_default();
        let query = F { region: text(F::region), paso: text(F::paso), respuesta: text(F::respuesta) };
        (params.read().get("id").unwrap_or_default(), query.filter())
    };
    let page = Resource::new(key, |(id, filter)| get_matrix(id, filter));
    loaded(page, move |p| {
        let (_, filter) = key();
        view! { <Matrix page=p filter=filter /> }
    })
}

#[component]
fn Matrix(page: Page, filter: MatrixFilter) -> impl IntoView {
    let t = t();
    let round = page.summary.round.clone();
    let href = urls::round(&round.id);
    let query = form_query(&filter);
    let caption = format!("{} ({})", round.title, page.rows.len());
    view! {
        <PageTitle text=format!("{} · {}", t.matrix_title, round.title) />
        <nav class="breadcrumb" aria-label="Ruta">
            <A href=href.clone()>{round.title.clone()}</A>" › "<span aria-current="page">{t.matrix_title}</span>
        </nav>
        <h1>{t.matrix_title}</h1>
        <form method="get" action=urls::round_matrix(&round.id) class="inline-form filters">
            <label for="region">{t.region}</label>
            <select id="region" name=F::region>
                <option value="">{t.all}</option>
                {page.jurisdictions.iter().map(|(u, n)| view! { <option value=u.clone() selected=filter.jurisdiction.as_ref() == Some(u)>{n.clone()}</option> }).collect_view()}
            </select>
            <label for="paso">{t.step}</label>
            <select id="paso" name=F::paso>
                <option value="">{t.all}</option>
                {round.steps.iter().map(|s| view! { <option value=s.to_string() selected=filter.step == Some(*s)>{format!("{} {s}", t.step)}</option> }).collect_view()}
            </select>
            <label for="respuesta">{t.answer}</label>
            <select id="respuesta" name=F::respuesta>
                <option value="">{t.all}</option>
                <option value="sin" selected=filter.answer.as_deref() == Some("sin")>{t.unanswered}</option>
                {AnswerState::for_round(round.kind).iter().map(|a| view! { <option value=a.key() selected=filter.answer.as_deref() == Some(a.key())>{t.answer_state(*a)}</option> }).collect_view()}
            </select>
            <button type="submit" class="button">{t.filter}</button>
        </form>
        <p class="actions">
            <a href=format!("{}?{query}", urls::round_matrix_file(&round.id, "csv")) download="">{t.download_csv}</a>
            <a href=format!("{}?{query}", urls::round_matrix_file(&round.id, "xlsx")) download="">{t.download_xlsx}</a>
        </p>
        {(!page.answers_visible).then(|| view! { <p class="meta">{t.answers_not_published}</p> })}
        <div class="table-scroll" tabindex="0">
            <table class="data matrix-table cards">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        {t.matrix_columns.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {page.rows.iter().map(|r| {
                        let c = &r.info;
                        let col = |i: usize| t.matrix_columns[i];
                        view! {
                            <tr>
                                <th scope="row"><a href=urls::contribution(&round.id, &c.id, c.number)>{c.number}</a></th>
                                <td data-label=col(1)>{crate::ui::moment(&c.received_on.unwrap_or(c.created_at)).chars().take(10).collect::<String>()}</td>
                                <td data-label=col(2)>{c.author.clone()}</td>
                                <td data-label=col(3)>{c.organisation.clone().unwrap_or_default()}</td>
                                <td data-label=col(4)>{r.jurisdiction_name.clone().unwrap_or_default()}</td>
                                <td data-label=col(5)>{t.channel(c.channel)}</td>
                                <td data-label=col(6)>{c.step}</td>
                                <td data-label=col(7)>{c.passage.clone().unwrap_or_default()}</td>
                                <td data-label=col(8)>{r.replies_to.clone().unwrap_or_default()}</td>
                                // On a phone the contribution and its answer come first.
                                <td data-label=col(9) class="prose-cell first">
                                    <div inner_html=r.body_html.clone()></div>
                                </td>
                                <td data-label=col(10) class="first">{c.answer.as_ref().map(|a| t.answer_state(a.state)).unwrap_or(t.unanswered)}</td>
                                <td data-label=col(11) class="first keep-lines">{c.answer.as_ref().and_then(|a| a.justification.clone()).unwrap_or_default()}</td>
                                <td data-label=col(12)>{c.answer.as_ref().map(|a| t.change_words(a, c.step)).unwrap_or_default()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The filter as the query string of the downloads.
fn form_query(f: &MatrixFilter) -> String {
    let query = F {
        region: f.jurisdiction.clone().unwrap_or_default(),
        paso: f.step.map(|s| s.to_string()).unwrap_or_default(),
        respuesta: f.answer.clone().unwrap_or_default(),
    };
    serde_html_form::to_string(&query).unwrap_or_default()
}
