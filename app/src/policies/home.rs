//! `/`: the home each reader needs. Those who follow the policies (the ministry's team and
//! managers, CEPLAN) find first what waits for the team, then every policy with its five
//! deliverables, their state, steps delivered and last event. A regional participant finds the
//! consultations they are invited to, open ones first with the days left and a way straight in,
//! then their own contributions and the answers they received.
use leptos::prelude::*;
use leptos_router::components::A;

use super::data::{get_home, Home, InvitedConsultation, OwnContribution, WaitingRound};
use crate::domain::rounds::RoundStatus;
use crate::domain::PolicyOverview;
use crate::i18n::t;
use crate::ui::{loaded, moment, EventTime, PageTitle, StateBadge};
use crate::urls;

#[component]
pub fn HomePage() -> impl IntoView {
    let home = Resource::new(|| (), |_| get_home());
    loaded(home, |h: Home| {
        if h.follows {
            view! { <Overview home=h /> }.into_any()
        } else if !h.reporting.is_empty() {
            view! { <ToReport home=h /> }.into_any()
        } else {
            view! { <Consultations home=h /> }.into_any()
        }
    })
}

#[component]
fn Overview(home: Home) -> impl IntoView {
    let t = t();
    view! {
        <PageTitle text=t.home_title />
        <h1>{t.home_title}</h1>
        <p class="lead">{t.home_intro}</p>
        {(!home.waiting.is_empty() || !home.lifting.is_empty()).then(|| view! { <Waiting rounds=home.waiting.clone() lifting=home.lifting.clone() /> })}
        <Attention />
        {if home.overview.is_empty() {
            view! { <p>{t.no_policies}</p> }.into_any()
        } else {
            view! {
                <div class="policy-list">
                    {home.overview.into_iter().map(|p| view! { <PolicyCard overview=p /> }).collect_view()}
                </div>
            }.into_any()
        }}
    }
}

/// What the dashboard says needs attention (long with CEPLAN, observations long unanswered), first
/// thing on the home of those who follow the policies.
#[component]
fn Attention() -> impl IntoView {
    let t = t();
    let dashboard = Resource::new(|| (), |_| crate::review::data::get_dashboard(None, None, None));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                dashboard.await.ok().filter(|d| !d.attention.is_empty()).map(|d| view! {
                    <section class="card" aria-labelledby="home-atencion">
                        <h2 id="home-atencion">{t.attention_heading}</h2>
                        <crate::review::AttentionList items=d.attention />
                        <p><A href=urls::DASHBOARD>{t.see_dashboard}</A></p>
                    </section>
                })
            })}
        </Suspense>
    }
}

/// What waits for the team: CEPLAN's observations to lift, then the rounds with contributions
/// still to answer, most first.
#[component]
fn Waiting(rounds: Vec<WaitingRound>, lifting: Vec<(String, u8, crate::domain::DeliverableState)>) -> impl IntoView {
    let t = t();
    view! {
        <section class="card waiting" aria-labelledby="pendiente">
            <h2 id="pendiente">{t.waiting_heading}</h2>
            <ul>
                {lifting.into_iter().map(|(code, n, state)| view! {
                    <li>
                        <A href=format!("{}#revision", urls::deliverable(&code, n))>{format!("{code} · {} {n}", t.deliverable)}</A>
                        {format!(": {} ", t.observations_to_lift)}
                        <StateBadge state=state />
                    </li>
                }).collect_view()}
                {rounds.into_iter().map(|r| view! {
                    <li>
                        <A href=format!("{}#aportes", urls::round(&r.round_id))>{format!("{} · {}", r.policy_code, r.title)}</A>
                        {format!(": {}", t.to_answer(r.unanswered))}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Consultations(home: Home) -> impl IntoView {
    let t = t();
    let now = home.now;
    let (open, rest): (Vec<InvitedConsultation>, Vec<InvitedConsultation>) =
        home.consultations.into_iter().partition(|c| c.status == RoundStatus::Abierta);
    view! {
        <PageTitle text=t.my_consultations />
        <h1>{t.my_consultations}</h1>
        <p class="lead">{t.my_consultations_intro}</p>
        <section aria-labelledby="abiertas">
            <h2 id="abiertas">{t.open_consultations}</h2>
            {open.is_empty().then(|| view! { <p class="empty">{t.no_open_consultations}</p> })}
            <ul class="consultations">
                {open.into_iter().map(|c| view! { <ConsultationCard c=c now=now /> }).collect_view()}
            </ul>
        </section>
        {(!rest.is_empty()).then(|| view! {
            <section aria-labelledby="otras">
                <h2 id="otras">{t.other_consultations}</h2>
                <ul class="consultations">
                    {rest.into_iter().map(|c| view! { <ConsultationCard c=c now=now /> }).collect_view()}
                </ul>
            </section>
        })}
        <section aria-labelledby="mis-aportes">
            <h2 id="mis-aportes">{t.my_contributions}</h2>
            {if home.own.is_empty() {
                view! { <p class="empty">{t.no_own_contributions}</p> }.into_any()
            } else {
                view! { <ul class="own-contributions">{home.own.into_iter().map(|c| view! { <Own c=c /> }).collect_view()}</ul> }.into_any()
            }}
        </section>
    }
}

/// The home of an entity responsible for indicators: each policy it reports on, its open year and
/// the indicators that are its own, reported or still to report; then its consultations, if any.
#[component]
fn ToReport(home: Home) -> impl IntoView {
    let t = t();
    let now = home.now;
    view! {
        <PageTitle text=t.home_reporting() />
        <h1>{t.home_reporting()}</h1>
        <p class="lead">{t.home_reporting_intro()}</p>
        {home.reporting.into_iter().map(|r| {
            let heading = format!("{} · {}", r.policy_code, r.policy_name);
            view! {
                <section class="card" aria-label=heading.clone()>
                    <h2>{heading.clone()}</h2>
                    {r.years.is_empty().then(|| view! {
                        <p class="empty">{t.home_reporting_no_period()}</p>
                        <p><a href=urls::followup(&r.policy_code)>{t.followup_heading()}</a></p>
                    })}
                    {r.years.iter().map(|(year, indicators)| view! {
                        <h3><a href=urls::followup_year(&r.policy_code, *year, "")>{t.followup_report_title(*year)}</a></h3>
                        {indicators.is_empty().then(|| view! { <p class="empty">{t.home_reporting_none()}</p> })}
                        <ul>
                            {indicators.iter().map(|(id, code, name, done)| view! {
                                <li>
                                    <a href=format!("{}#{}", urls::followup_year(&r.policy_code, *year, ""), crate::followup::form::indicator_anchor(id))>{format!("{code} · {name}")}</a>
                                    ": " <strong>{t.home_reporting_state(*done)}</strong>
                                </li>
                            }).collect_view()}
                        </ul>
                    }).collect_view()}
                </section>
            }
        }).collect_view()}
        {(!home.consultations.is_empty()).then(|| view! {
            <section aria-labelledby="consultas">
                <h2 id="consultas">{t.my_consultations}</h2>
                <ul class="consultations">
                    {home.consultations.into_iter().map(|c| view! { <ConsultationCard c=c now=now /> }).collect_view()}
                </ul>
            </section>
        })}
    }
}

#[component]
fn ConsultationCard(c: InvitedConsultation, now: chrono::DateTime<chrono::Utc>) -> impl IntoView {
    let t = t();
    let r = c.round;
    let href = urls::round(&r.id);
    let steps = r.steps.iter().map(|s| format!("{} {s}", t.step)).collect::<Vec<_>>().join(", ");
    let id = format!("consulta-{}", r.id);
    let when = match c.status {
        RoundStatus::Abierta => t.days_left((r.closes - now).num_days().max(0), &moment(&r.closes)),
        RoundStatus::Programada => format!("{} {}", t.opens_on, moment(&r.opens)),
        _ => format!("{} {}", t.closed_on, moment(&r.closed_at.unwrap_or(r.closes))),
    };
    view! {
        <li class="card consultation">
            <h3 id=id.clone()><A href=href.clone()>{r.title.clone()}</A></h3>
            <p class="meta">{format!("{} · {} · {} {} · {steps}", r.policy_code, c.policy_name, t.deliverable, r.deliverable)}</p>
            <p>
                <span class=format!("badge round-{}", c.status.key())>{t.round_status(c.status)}</span>
                " "<strong>{when}</strong>
            </p>
            {(c.status == RoundStatus::Abierta).then(|| view! {
                <p><a class="button" href=format!("{href}#texto")>{t.read_and_comment}</a></p>
            })}
        </li>
    }
}

#[component]
fn Own(c: OwnContribution) -> impl IntoView {
    let t = t();
    let href = urls::contribution(&c.round_id, &c.id, c.number);
    view! {
        <li>
            <A href=href>{format!("{} {} · {}", t.contribution_number, c.number, c.round_title)}</A>
            <span class="meta">{format!(" · {} {} · {}", t.step, c.step, moment(&c.created_at))}</span>
            <br />
            {match c.answer {
                Some(a) => view! { <span class=format!("badge answer-{}", a.state.key())>{format!("{}: {}", t.answer, t.answer_state(a.state))}</span> }.into_any(),
                None => view! { <span class="meta">{t.answer_pending}</span> }.into_any(),
            }}
        </li>
    }
}

#[component]
fn PolicyCard(overview: PolicyOverview) -> impl IntoView {
    let t = t();
    let PolicyOverview { policy, deliverables, last_event } = overview;
    let href = urls::policy(&policy.code);
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
