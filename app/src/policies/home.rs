//! `/`: every policy with its five deliverables, their state, steps delivered and last event.
use leptos::prelude::*;
use leptos_router::components::A;

use crate::ui::{PageTitle, ErrorView, EventTime, Loading, StateBadge};
use super::data::{get_overview};
use crate::i18n::t;
use crate::domain::PolicyOverview;

#[component]
pub fn HomePage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| get_overview());
    let t = t();
    let heading = move || view! {
        <PageTitle text=t.home_title />
        <h1>{t.home_title}</h1>
        <p class="lead">{t.home_intro}</p>
    };
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(list) if list.is_empty() => view! { {heading()} <p>{t.no_policies}</p> }.into_any(),
                    Ok(list) => view! {
                        {heading()}
                        <div class="policy-list">
                            {list.into_iter().map(|p| view! { <PolicyCard overview=p /> }).collect_view()}
                        </div>
                    }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PolicyCard(overview: PolicyOverview) -> impl IntoView {
    let t = t();
    let PolicyOverview { policy, deliverables, last_event } = overview;
    let href = crate::urls::policy(&policy.code);
    let heading_id = format!("pol-{}", policy.code.to_lowercase());
    let labelled_by = heading_id.clone();
    view! {
        <article class="card policy-card" aria-labelledby=labelled_by>
            <h2 id=heading_id>
                <A href=href>
                    <span class="code">{policy.code.clone()}</span>
                    " "
                    <span class="policy-name">{policy.name.clone()}</span>
                </A>
            </h2>
            <p class="meta">{t.topic}": "{policy.topic.clone()}" · "{t.rector_sector}": "{policy.rector_sector.clone()}</p>
            <ol class="deliverable-strip">
                {deliverables
                    .into_iter()
                    .map(|d| {
                        let delivered = d.steps_delivered();
                        let total = d.steps.len();
                        view! {
                            <li class=format!("deliverable-chip state-{}", d.state.key())>
                                <span class="chip-title">{t.deliverable}" "{d.number}</span>
                                <StateBadge state=d.state />
                                <span class="chip-steps">{format!("{delivered} {} {total} {}", t.of, t.steps_delivered)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <p class="last-event">
                <strong>{t.last_event}": "</strong>
                {match last_event {
                    Some(e) => view! { <EventTime event=e.clone() />" — "{e.title} }.into_any(),
                    None => view! { {t.no_events} }.into_any(),
                }}
            </p>
        </article>
    }
}
