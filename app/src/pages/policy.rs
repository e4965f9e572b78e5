//! `/politicas/{code}`: a policy's deliverables and steps, and its dated history.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::parts::{ErrorView, EventTime, Loading, StateBadge, StepBadge};
use crate::api::get_policy;
use crate::domain::{step, PolicyEvent};
use crate::i18n::t;
use crate::model::PolicyDetail;

#[component]
pub fn PolicyPage() -> impl IntoView {
    let params = use_params_map();
    let detail = Resource::new(move || params.read().get("code").unwrap_or_default(), get_policy);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(d) => view! { <PolicyView detail=d /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PolicyView(detail: PolicyDetail) -> impl IntoView {
    let t = t();
    let policy = detail.overview.policy;
    let base = format!("/politicas/{}", policy.code.to_lowercase());
    let or_unrecorded = |v: Option<String>| v.unwrap_or_else(|| t.not_recorded.to_string());
    view! {
        <Title text=policy.code.clone() />
        <p class="eyebrow">{policy.code.clone()}</p>
        <h1>{policy.name.clone()}</h1>
        <dl class="facts">
            <div><dt>{t.topic}</dt><dd>{policy.topic.clone()}</dd></div>
            <div><dt>{t.rector_sector}</dt><dd>{policy.rector_sector.clone()}</dd></div>
            <div><dt>{t.responsible_unit}</dt><dd>{or_unrecorded(policy.responsible_unit.clone())}</dd></div>
            <div><dt>{t.start_resolution}</dt><dd>{or_unrecorded(policy.start_resolution.clone())}</dd></div>
            <div><dt>{t.horizon_year}</dt><dd>{or_unrecorded(policy.horizon_year.map(|y| y.to_string()))}</dd></div>
        </dl>

        <section aria-labelledby="entregables">
            <h2 id="entregables">{t.deliverables_heading}</h2>
            <div class="deliverables">
                {detail.overview.deliverables.into_iter().map(|d| {
                    let id = format!("entregable-{}", d.number);
                    view! {
                        <section class="card deliverable" id=id.clone() aria-labelledby=format!("{id}-t")>
                            <h3 id=format!("{id}-t")>
                                <A href=format!("{base}/entregables/{}", d.number)>{format!("{} {}", t.deliverable, d.number)}</A>
                                " "
                                <StateBadge state=d.state />
                            </h3>
                            <ul class="steps">
                                {d.steps.into_iter().map(|s| {
                                    let title = step(s.number).map(|def| def.title).unwrap_or_default();
                                    view! {
                                        <li>
                                            <A href=format!("{base}/pasos/{}", s.number)>
                                                {t.step}" "{s.number}": "{title}
                                            </A>
                                            " "
                                            <StepBadge state=s.state />
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </section>
                    }
                }).collect_view()}
            </div>
        </section>

        <section aria-labelledby="historia">
            <h2 id="historia">{t.history_heading}</h2>
            {if detail.events.is_empty() {
                view! { <p>{t.no_events}</p> }.into_any()
            } else {
                view! {
                    <ol class="timeline">
                        {detail.events.into_iter().map(|e| view! { <TimelineItem event=e /> }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn TimelineItem(event: PolicyEvent) -> impl IntoView {
    let t = t();
    let scope = match event.deliverable {
        Some(n) => format!("{} {n}", t.deliverable),
        None => t.whole_policy.to_string(),
    };
    view! {
        <li class="timeline-item">
            <p class="timeline-date"><EventTime event=event.clone() /></p>
            <div class="timeline-body">
                <h3>{event.title.clone()}</h3>
                <p class="meta">
                    {scope}
                    {event.state_to.map(|s| view! { " · "{t.state_entered}": "<StateBadge state=s /> })}
                </p>
                <p>{event.detail.clone()}</p>
                {event.document.clone().map(|d| view! { <p class="meta">{t.document}": "{d}</p> })}
                {event.source.clone().map(|s| view! { <p class="source">{t.source}": "{s}</p> })}
            </div>
        </li>
    }
}
