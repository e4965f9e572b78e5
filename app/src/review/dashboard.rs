//! `/tablero`: where each deliverable stands with CEPLAN and since when — a matrix of policies ×
//! deliverables, the deliverables that need attention, and a timeline per policy drawn as SVG on
//! the server (it shows without the wasm and prints).
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::ui::{PageTitle, loaded, StateBadge};
use super::data::{get_dashboard};
use crate::domain::dashboard::{AttentionKind, DeliverableTrack, Days};
use crate::domain::plan::PlanTarget;
use crate::domain::DeliverableState;
use super::form::DashboardQuery as F;
use crate::urls;
use crate::i18n::t;
use super::data::{DashboardPage as Page, DashboardPolicy};

#[component]
pub fn DashboardPage() -> impl IntoView {
    let query = use_query_map();
    let key = move || {
        let q = query.read();
        let text = |k: &str| q.get(k).filter(|v| !v.is_empty());
        (text(F::tema), text(F::estado), text(F::dias).and_then(|d| d.parse::<i64>().ok()))
    };
    let page = Resource::new(key, |(topic, state, days)| get_dashboard(topic, state, days));
    loaded(page, move |p| {
        let (topic, state, _) = key();
        view! { <Dashboard page=p topic=topic.unwrap_or_default() state=state.unwrap_or_default() /> }
    })
}

#[component]
fn Dashboard(page: Page, topic: String, state: String) -> impl IntoView {
    let t = t();
    let days = |n: Option<Days>| n.map(|d| t.duration(d)).unwrap_or_else(|| "—".into());
    view! {
        <PageTitle text=t.dashboard_title />
        <h1>{t.dashboard_title}</h1>
        <p class="lead">{format!("{} {}.", t.dashboard_intro, page.today.format("%d/%m/%Y"))}</p>
        <form method="get" action=urls::DASHBOARD class="inline-form filters">
            <label for="tema">{t.topic}</label>
            <select id="tema" name=F::tema>
                <option value="">{t.all}</option>
                {page.topics.iter().map(|tp| view! { <option value=tp.clone() selected=*tp == topic>{tp.clone()}</option> }).collect_view()}
            </select>
            <label for="estado">{t.state}</label>
            <select id="estado" name=F::estado>
                <option value="">{t.all}</option>
                {DeliverableState::ALL.iter().map(|s| view! { <option value=s.key() selected=s.key() == state>{t.deliverable_state(*s)}</option> }).collect_view()}
            </select>
            <label for="dias">{t.attention_threshold}</label>
            <input id="dias" name=F::dias type="number" min="0" max="3650" value=page.threshold.to_string() />
            <button type="submit" class="button">{t.filter}</button>
        </form>

        <section aria-labelledby="atencion">
            <h2 id="atencion">{format!("{} ({} {})", t.attention_heading, t.more_than, days(Some(Days::exact(page.threshold))))}</h2>
            <AttentionList items=page.attention.clone() />
        </section>

        <Implementation lines=page.implementation.clone() />

        <section aria-labelledby="matriz">
            <h2 id="matriz">{t.matrix_heading}</h2>
            {if page.policies.is_empty() {
                view! { <p class="empty">{t.no_policies_match}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0">
                        <table class="data matrix">
                            <caption class="visually-hidden">{t.matrix_heading}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t.policy}</th>
                                    {(1..=5u8).map(|n| view! { <th scope="col">{format!("{} {n}", t.deliverable_short)}</th> }).collect_view()}
                                </tr>
                            </thead>
                            <tbody>
                                {page.policies.clone().into_iter().map(|p| view! {
                                    <tr>
                                        <th scope="row">
                                            <a href=urls::policy(&p.code)>{p.code.clone()}</a>
                                            <span class="meta">{p.topic.clone()}</span>
                                            {p.milestone.map(|m| view! { <span class="meta">{t.milestone(m)}</span> })}
                                            <a class="meta" href=urls::plan(&p.code)>{t.plan_title}</a>
                                        </th>
                                        {p.tracks.iter().map(|tr| view! {
                                            <td>
                                                <StateBadge state=tr.state />
                                                <span class="cell-line">{format!("{}: {}", t.in_state, days(tr.days_in_state))}</span>
                                                {tr.working_days_in_state.map(|w| view! { <span class="cell-line">{format!("{}: {}", t.working_days_in_state, t.working_duration(w))}</span> })}
                                                {tr.since.map(|d| view! { <span class="cell-line meta">{d.since_text()}</span> })}
                                                {(tr.ceplan_rounds > 0).then(|| view! {
                                                    <span class="cell-line">{format!("{}: {} · {}: {}", t.with_ceplan, days(Some(tr.days_with_ceplan)), t.rounds, tr.ceplan_rounds)}</span>
                                                })}
                                                {p.plan.iter().find(|l| l.entry.target == PlanTarget::Deliverable(tr.number)).map(|l| view! {
                                                    <span class=format!("cell-line plan-{}", crate::review::plan::status_class(l.status))>{t.plan_cell(l)}</span>
                                                })}
                                            </td>
                                        }).collect_view()}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>

        <section aria-labelledby="cronologia">
            <h2 id="cronologia">{t.timeline_heading}</h2>
            <p class="hint">{t.timeline_hint}</p>
            <Patterns />
            <ul class="legend" aria-label=t.legend>
                {DeliverableState::ALL.iter().skip(1).map(|s| view! {
                    <li>
                        <svg class="swatch" viewBox="0 0 14 14" aria-hidden="true"><rect width="14" height="14" class=format!("seg-{}", s.key()) /></svg>
                        {t.deliverable_state(*s)}
                    </li>
                }).collect_view()}
                <li><span class="swatch uncertain" aria-hidden="true"></span>{t.uncertain_legend}</li>
                <li><span class="swatch today-swatch" aria-hidden="true"></span>{t.today_line}</li>
            </ul>
            {page.policies.iter().map(|p| timeline(p, page.today)).collect_view()}
        </section>
    }
}

/// The approved policies' latest follow-up year: how many indicators stand in each light, as a
/// table and as a stacked bar each (the table says the same in numbers).
#[component]
fn Implementation(lines: Vec<super::data::ImplementationLine>) -> impl IntoView {
    let t = t();
    let columns = [t.policy.to_string(), t.followup_year().to_string(), t.light_short(crate::domain::followup::Light::Verde).to_string(), t.light_short(crate::domain::followup::Light::Ambar).to_string(), t.light_short(crate::domain::followup::Light::Rojo).to_string(), t.followup_without_data().to_string()];
    view! {
        <section aria-labelledby="implementacion">
            <h2 id="implementacion">{t.implementation_heading()}</h2>
            <p class="hint">{t.implementation_hint()}</p>
            {if lines.is_empty() {
                view! { <p class="empty">{t.implementation_none()}</p> }.into_any()
            } else {
                view! {
                    <table class="data cards implementation">
                        <caption class="visually-hidden">{t.implementation_heading()}</caption>
                        <thead><tr>{columns.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view()}</tr></thead>
                        <tbody>
                            {lines.into_iter().map(|l| {
                                let c = columns.clone();
                                let y = l.tally;
                                view! {
                                    <tr>
                                        <th scope="row" data-label=c[0].clone()><a href=urls::followup_year(&l.code, l.year, "")>{l.code.clone()}</a><span class="meta">{l.name.clone()}</span></th>
                                        <td data-label=c[1].clone()>{format!("{} · {}", l.year, t.followup_state(l.open))}<span class="meta">{t.tally(l.year, &y)}</span></td>
                                        <td data-label=c[2].clone()><span class="light light-verde">{y.verde}</span></td>
                                        <td data-label=c[3].clone()><span class="light light-ambar">{y.ambar}</span></td>
                                        <td data-label=c[4].clone()><span class="light light-rojo">{y.rojo}</span></td>
                                        <td data-label=c[5].clone()><span class="light light-none">{y.without_data}</span></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

/// The deliverables that need attention, longest waiting first, each linked to its review.
#[component]
pub fn AttentionList(items: Vec<super::data::AttentionItem>) -> impl IntoView {
    let t = t();
    if items.is_empty() {
        return view! { <p class="empty">{t.attention_none}</p> }.into_any();
    }
    view! {
        <ul class="attention">
            {items.into_iter().map(|a| {
                let why = match a.kind {
                    AttentionKind::WaitingOnCeplan => t.attention_ceplan,
                    AttentionKind::ObservationsUnanswered => t.attention_observations,
                    AttentionKind::LateAgainstPlan => t.attention_late_plan,
                };
                let href = match (a.kind, a.target) {
                    (AttentionKind::LateAgainstPlan, _) => format!("{}#plan-actual", urls::plan(&a.code)),
                    (_, PlanTarget::Deliverable(n)) => format!("{}#revision", urls::deliverable(&a.code, n)),
                    (_, PlanTarget::Milestone(_)) => urls::policy(&a.code),
                };
                view! {
                    <li>
                        <a href=href>{format!("{} · {}", a.code, t.plan_target(a.target))}</a>
                        {format!(": {why} — {}", t.duration(a.days))}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The hatchings that tell states apart without colour, defined once for every chart of the page.
#[component]
fn Patterns() -> impl IntoView {
    view! {
        <svg class="patterns" width="0" height="0" aria-hidden="true" focusable="false">
            <defs>
                <pattern id="trama-diagonal" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <rect width="6" height="6" class="pattern-base" />
                    <line x1="0" y1="0" x2="0" y2="6" class="pattern-line" />
                </pattern>
                <pattern id="trama-puntos" width="6" height="6" patternUnits="userSpaceOnUse">
                    <rect width="6" height="6" class="pattern-base" />
                    <circle cx="3" cy="3" r="1.2" class="pattern-dot" />
                </pattern>
                <pattern id="trama-cruz" width="6" height="6" patternUnits="userSpaceOnUse">
                    <rect width="6" height="6" class="pattern-base" />
                    <path d="M0 3H6M3 0V6" class="pattern-line" />
                </pattern>
            </defs>
        </svg>
    }
}

const WIDTH: f64 = 900.0;
const LABEL: f64 = 130.0;
const ROW: f64 = 26.0;
const TOP: f64 = 22.0;

/// One policy's deliverables over calendar time: a row per deliverable, a coloured span per state;
/// where a change is known only to the month, year or *as of* a day, the stretch it may fall in is
/// drawn faded, and each span's text says how precisely it is known.
/// Plain functions, not components: twenty policies of five rows each need no reactive owner of
/// their own, and the dashboard is rendered on every view.
fn timeline(policy: &DashboardPolicy, today: NaiveDate) -> impl IntoView + use<> {
    let t = t();
    let start = policy.start.map(|d| d.with_day(1).unwrap_or(d)).unwrap_or(today);
    let span_days = (today - start).num_days().max(30) as f64;
    let x = move |d: NaiveDate| LABEL + (WIDTH - LABEL - 10.0) * ((d.max(start) - start).num_days() as f64 / span_days);
    let height = TOP + ROW * policy.tracks.len() as f64 + 6.0;
    let years: Vec<i32> = (start.year() + 1..=today.year()).collect();
    let title_id = format!("crono-{}", policy.code.to_lowercase());
    let text_id = format!("crono-texto-{}", policy.code.to_lowercase());
    let undated = policy.tracks.iter().all(|tr| tr.spans.is_empty());
    let group_label = title_id.clone();
    view! {
        <figure class="chart">
            <figcaption id=title_id.clone()>{format!("{} — {}", policy.code, policy.name)}</figcaption>
            {if undated {
                view! { <p class="empty">{t.timeline_undated}</p> }.into_any()
            } else {
                view! {
                    <div class="chart-scroll" tabindex="0" role="group" aria-labelledby=group_label>
                    <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby=title_id aria-describedby=text_id.clone() class="timeline-chart">
                        {years.iter().map(|y| {
                            let xy = x(NaiveDate::from_ymd_opt(*y, 1, 1).unwrap_or(start));
                            view! {
                                <line x1=xy x2=xy y1=TOP - 4.0 y2=height class="tick" />
                                <text x=xy + 3.0 y=TOP - 8.0 class="tick-label">{y.to_string()}</text>
                            }
                        }).collect_view()}
                        <text x=LABEL y=TOP - 8.0 class="tick-label">{start.format("%m/%Y").to_string()}</text>
                        {policy.tracks.iter().enumerate().map(|(i, tr)| track_row(tr, TOP + ROW * i as f64, today, x)).collect_view()}
                        // Today, where every open span ends.
                        <line x1=x(today) x2=x(today) y1=TOP - 14.0 y2=height class="today" />
                        <text x=x(today) - 4.0 y=TOP - 8.0 class="tick-label today-label" text-anchor="end">{t.today_word}</text>
                    </svg>
                    </div>
                    // The same, as a table anyone can read, by keyboard, touch or voice.
                    <table class="data cards timeline-table" id=text_id>
                        <caption>{format!("{} {}", t.timeline_as_text, policy.code)}</caption>
                        <thead><tr>
                            <th scope="col">{t.deliverable}</th>
                            <th scope="col">{t.state}</th>
                            <th scope="col">{t.since_label}</th>
                            <th scope="col">{t.until_label}</th>
                            <th scope="col">{t.duration_label}</th>
                        </tr></thead>
                        <tbody>
                            {policy.tracks.iter().flat_map(|tr| tr.spans.iter().map(move |s| (tr.number, s.clone()))).map(|(n, s)| view! {
                                <tr>
                                    <th scope="row">{format!("{} {n}", t.deliverable)}</th>
                                    <td data-label=t.state><StateBadge state=s.state /></td>
                                    <td data-label=t.since_label>{s.from.text()}</td>
                                    <td data-label=t.until_label>{s.to.map(|d| d.text()).unwrap_or_else(|| t.still_in_state.to_string())}</td>
                                    <td data-label=t.duration_label>{t.duration(s.days)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </figure>
    }
}

/// A span of the timeline in words: "Entregable 1: Remitido al CEPLAN, desde julio de 2023
/// hasta algún día de octubre a diciembre de 2023: entre 62 y 183 días (fechas aproximadas)".
fn span_text(number: u8, s: &crate::domain::dashboard::StateSpan) -> String {
    let t = t();
    let until = match &s.to {
        Some(d) => d.since_text().replacen("desde", "hasta", 1),
        None => t.until_today.to_string(),
    };
    format!("{} {number}: {}, {} {until}: {}", t.deliverable, t.deliverable_state(s.state), s.from.since_text(), t.duration(s.days))
}

fn track_row<X: Fn(NaiveDate) -> f64 + Copy>(track: &DeliverableTrack, y: f64, today: NaiveDate, x: X) -> impl IntoView + use<X> {
    let t = t();
    view! {
        <text x="0" y=y + ROW * 0.62 class="row-label">{format!("{} {}", t.deliverable, track.number)}</text>
        {track.spans.iter().map(|s| {
            // Certain from the latest day the entry may stand for to the earliest the exit may;
            // before and after that, the stretch the dates leave open, faded.
            let entry_from = s.from.start().unwrap_or(s.from.end());
            let exit_to = s.to.map_or(today, |d| d.end());
            let (solid_from, solid_to) = (s.from.end(), s.to.and_then(|d| d.start()).unwrap_or(s.to.map_or(today, |d| d.end())));
            let label = span_text(track.number, s);
            let class = format!("seg-{}", s.state.key());
            let faded = |a: NaiveDate, b: NaiveDate| (b > a).then(|| view! {
                <rect x=x(a) y=y + 3.0 width=(x(b) - x(a)).max(1.0) height=ROW - 6.0 class=format!("{class} uncertain") aria-hidden="true" />
            });
            let open_start = (s.from.start().is_none()).then(|| view! {
                <text x=(x(solid_from) - 8.0).max(LABEL) y=y + ROW * 0.62 class="row-label" aria-hidden="true">"?"</text>
            });
            // A span wide enough carries its state's name, so the chart reads without the legend.
            let width = (x(solid_to) - x(solid_from)).max(2.0);
            let name = t.deliverable_state(s.state);
            let direct = (width >= name.chars().count() as f64 * 6.6 + 8.0).then(|| view! {
                <text x=x(solid_from) + 4.0 y=y + ROW * 0.62 class=format!("seg-label on-{}", s.state.key()) aria-hidden="true">{name}</text>
            });
            view! {
                {faded(entry_from, solid_from)}
                {open_start}
                <rect x=x(solid_from) y=y + 3.0 width=width height=ROW - 6.0 class=class.clone()>
                    <title>{label}</title>
                </rect>
                {direct}
                {faded(solid_to, exit_to)}
            }
        }).collect_view()}
    }
}
