//! `/rondas/{id}/informe`: the informe de sistematización de aportes of a round — the sentences
//! counted from the record, who was invited and who took part (map and tables), the contributions
//! by step and by answer with their charts, and each accepted contribution with the change it
//! caused (its revision's diff) — and the same as DOCX.
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::data::{get_systematization, ChangeView, SystematizationPage as Page};
use crate::domain::systematization::percent;
use crate::i18n::t;
use crate::ui::{loaded, Crumbs, DiffView, PageTitle};
use crate::urls;

#[component]
pub fn SystematizationPage() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new(move || params.read().get("id").unwrap_or_default(), get_systematization);
    loaded(page, |p| view! { <Report page=p /> })
}

#[component]
fn Report(page: Page) -> impl IntoView {
    let t = t();
    let round = page.summary.round.clone();
    let code = round.policy_code.clone();
    let f = page.figures.clone();
    let name_of = |u: &str| page.jurisdictions.iter().find(|j| j.0 == u).map_or(u.to_string(), |j| j.1.clone());
    let show_map = page.coverage.iter().any(|r| r.invited || r.figures.is_some_and(|(n, _)| n > 0));
    view! {
        <PageTitle text=format!("{} · {}", t.systematization_title, round.title) />
        <Crumbs
            trail=vec![
                (code.clone(), urls::policy(&code)),
                (format!("{} {}", t.deliverable, round.deliverable), urls::deliverable(&code, round.deliverable)),
                (round.title.clone(), urls::round(&round.id)),
            ]
            here=t.systematization_title
        />
        <p class="eyebrow">{format!("{} · {}", t.round_kind(round.kind), page.policy_name)}</p>
        <h1>{t.systematization_title}</h1>
        {round.illustrative.then(|| view! { <p class="notice">{t.illustrative_round}</p> })}
        {(!round.systematized).then(|| view! { <p class="notice">{t.systematization_draft}</p> })}
        <p class="actions"><a href=urls::systematization_docx(&round.id) download="">{t.systematization_docx}</a></p>
        {page.paragraphs.iter().map(|p| view! { <p>{p.clone()}</p> }).collect_view()}

        {view! { <section aria-labelledby="participacion">
            <h2 id="participacion">{t.systematization_participation_heading}</h2>
            {show_map.then(|| view! { <super::round::Coverage rows=page.coverage.clone() /> })}
            {(!show_map && !f.by_jurisdiction.is_empty()).then(|| view! {
                <table class="data cards">
                    <caption>{t.by_jurisdiction}</caption>
                    <thead><tr><th scope="col">{t.region}</th><th scope="col">{t.invited}</th><th scope="col">{t.contributions}</th><th scope="col">{t.accepted_short}</th></tr></thead>
                    <tbody>
                        {f.by_jurisdiction.iter().map(|(u, invited, n, a)| view! {
                            <tr><th scope="row">{name_of(u)}</th><td data-label=t.invited>{if *invited { t.yes } else { t.no }}</td><td data-label=t.contributions>{*n}</td><td data-label=t.accepted_short>{*a}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {(!f.by_organisation.is_empty()).then(|| view! {
                <table class="data cards">
                    <caption>{t.by_organisation}</caption>
                    <thead><tr><th scope="col">{t.organisation}</th><th scope="col">{t.contributions}</th></tr></thead>
                    <tbody>
                        {f.by_organisation.iter().map(|(o, n)| view! { <tr><th scope="row">{o.clone()}</th><td data-label=t.contributions>{*n}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            })}
            <table class="data cards">
                <caption>{t.by_channel}</caption>
                <thead><tr><th scope="col">{t.channel_label}</th><th scope="col">{t.contributions}</th></tr></thead>
                <tbody>
                    {f.by_channel.iter().map(|(c, n)| view! { <tr><th scope="row">{t.channel(*c)}</th><td data-label=t.contributions>{*n}</td></tr> }).collect_view()}
                </tbody>
            </table>
        </section> }.into_any()}

        {view! { <section aria-labelledby="por-paso">
            <h2 id="por-paso">{t.systematization_answers_heading}</h2>
            <table class="data cards">
                <caption>{t.chart_by_step}</caption>
                <thead><tr><th scope="col">{t.step}</th><th scope="col">{t.contributions}</th><th scope="col">{t.accepted_short}</th></tr></thead>
                <tbody>
                    {f.by_step.iter().map(|(s, n, a)| view! { <tr><th scope="row">{format!("{} {s}", t.step)}</th><td data-label=t.contributions>{*n}</td><td data-label=t.accepted_short>{*a}</td></tr> }).collect_view()}
                </tbody>
            </table>
            <table class="data cards">
                <caption>{t.chart_by_answer}</caption>
                <thead><tr><th scope="col">{t.answer}</th><th scope="col">{t.contributions}</th><th scope="col">"%"</th></tr></thead>
                <tbody>
                    {f.by_answer.iter().map(|(a, n)| view! { <tr><th scope="row">{t.answer_state(*a)}</th><td data-label=t.contributions>{*n}</td><td data-label="%">{format!("{} %", percent(*n, f.total))}</td></tr> }).collect_view()}
                    {(f.unanswered > 0).then(|| view! { <tr><th scope="row">{t.unanswered}</th><td data-label=t.contributions>{f.unanswered}</td><td data-label="%">{format!("{} %", percent(f.unanswered, f.total))}</td></tr> })}
                    <tr><th scope="row">{t.total_word}</th><td data-label=t.contributions>{f.total}</td><td data-label="%">{if f.total > 0 { "100 %" } else { "0 %" }}</td></tr>
                </tbody>
            </table>
            <h3>{t.figures_charts}</h3>
            {page.charts.iter().map(|c| view! {
                <figure class="chart">
                    <div inner_html=c.svg.clone()></div>
                    <figcaption>{c.description.clone()}</figcaption>
                </figure>
            }).collect_view()}
        </section> }.into_any()}

        {view! { <section aria-labelledby="cambios">
            <h2 id="cambios">{t.systematization_changes_heading}</h2>
            {page.changes.is_empty().then(|| view! { <p class="empty">{t.systematization_no_changes}</p> })}
            {page.changes.iter().map(|c| view! { <ChangeItem c=c.clone() code=code.clone() round_id=round.id.clone() /> }).collect_view()}
        </section> }.into_any()}
    }
}

#[component]
fn ChangeItem(c: ChangeView, code: String, round_id: String) -> impl IntoView {
    let t = t();
    let place = [c.place.clone(), c.change.map(|(s, r)| format!("{} {s}, {} {r}", t.step, t.revision.to_lowercase()))].into_iter().flatten().collect::<Vec<_>>().join(" · ");
    view! {
        <article class="change" aria-labelledby=format!("cambio-{}", c.number)>
            <h3 id=format!("cambio-{}", c.number)>
                <a href=urls::contribution(&round_id, &c.id, c.number)>{format!("{} {}", t.contribution_number, c.number)}</a>
                {format!(" · {}", t.answer_state(c.state))}
            </h3>
            <p class="meta">{c.who.clone()}</p>
            <blockquote class="passage keep-lines">{c.opening.clone()}</blockquote>
            {(!place.is_empty()).then(|| view! { <p class="meta">{format!("{}: ", t.change_location)}
                {match c.change {
                    Some((s, r)) => view! { <a href=urls::revision_change(&code, s, r)>{place.clone()}</a> }.into_any(),
                    None => place.clone().into_any(),
                }}</p> })}
            {match (&c.segments, c.change) {
                (Some(segments), _) => view! { <DiffView segments=segments.clone() /> }.into_any(),
                (None, Some(_)) => view! { <p class="empty">{t.systematization_change_not_compared}</p> }.into_any(),
                (None, None) => view! { <p class="empty">{t.systematization_change_not_linked}</p> }.into_any(),
            }}
        </article>
    }
}
