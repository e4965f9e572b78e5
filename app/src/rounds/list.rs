//! `/rondas`: every round this reader may read — open ones first — with its state and figures.
use leptos::prelude::*;
use leptos_router::components::A;

use crate::ui::{PageTitle, ErrorView, Loading};
use super::data::{get_rounds};
use crate::ui::moment;
use crate::urls;
use crate::i18n::t;
use super::data::RoundSummary;

#[component]
pub fn RoundsPage() -> impl IntoView {
    let rounds = Resource::new(|| (), |_| get_rounds(None, None));
    view! {
        <PageTitle text=t().nav_rounds />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match rounds.await {
                    Ok(list) => view! { <h1>{t().rounds_title}</h1><RoundList rounds=list /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A table of rounds (also on each deliverable's page).
#[component]
pub fn RoundList(rounds: Vec<RoundSummary>) -> impl IntoView {
    let t = t();
    if rounds.is_empty() {
        return view! { <p class="empty">{t.no_rounds}</p> }.into_any();
    }
    view! {
        <table class="data cards">
            <thead>
                <tr>
                    <th scope="col">{t.round}</th>
                    <th scope="col">{t.kind}</th>
                    <th scope="col">{t.state}</th>
                    <th scope="col">{t.window}</th>
                    <th scope="col">{t.contributions}</th>
                </tr>
            </thead>
            <tbody>
                {rounds.into_iter().map(|r| view! {
                    <tr>
                        <th scope="row">
                            <A href=urls::round(&r.round.id)>{r.round.title.clone()}</A>
                            <span class="meta">{format!(" {} · {} {}", r.round.policy_code, t.deliverable, r.round.deliverable)}</span>
                        </th>
                        <td data-label=t.kind>{t.round_kind(r.round.kind)}</td>
                        <td data-label=t.state><span class=format!("badge round-{}", r.status.key())>{t.round_status(r.status)}</span></td>
                        <td data-label=t.window>{format!("{} – {}", moment(&r.round.opens), moment(&r.round.closes))}</td>
                        <td data-label=t.contributions>{r.figures.map_or_else(|| t.figures_after_publication.to_string(), |(all, unanswered)| format!("{all} ({unanswered} {})", t.without_answer))}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
