//! `/politicas/{code}/plan`: the policy's work plan (plan de trabajo) against the record — each
//! deliverable's and milestone's planned dates beside the record's, its standing (pending, late by
//! N days, done on time or late, re-planned), a plan-versus-actual timeline drawn on the server,
//! the versions with their reasons, and the form that sets or re-plans it.
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::data::{get_plan, PlanPage as Page};
use super::form::{plan_line_anchor, PlanForm, PLAN_ANCHOR};
use crate::domain::plan::{PlanError, PlanLine, PlanStatus, PlanTarget};
use crate::i18n::t;
use crate::ui::{held, kept, loaded, textarea_html, Crumbs, FormFeedback, FormKey, PageTitle};
use crate::urls;

/// The query key of the version just saved.
pub const SAVED: &str = "guardado";

/// The class a standing is drawn with (`plan-<class>`).
pub fn status_class(s: PlanStatus) -> &'static str {
    match s {
        PlanStatus::Pending => "pendiente",
        PlanStatus::StartOverdue(_) => "sin-iniciar",
        PlanStatus::Late(_) => "retrasado",
        PlanStatus::DoneOnTime => "a-tiempo",
        PlanStatus::DoneLate(_) => "con-retraso",
        PlanStatus::Undetermined => "indeterminado",
    }
}

#[component]
pub fn PlanPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let page = Resource::new(move || params.read().get("code").unwrap_or_default(), get_plan);
    loaded(page, move |p| {
        let saved = query.read().get(SAVED);
        view! { <Plan page=p saved=saved /> }
    })
}

#[component]
fn Plan(page: Page, saved: Option<String>) -> impl IntoView {
    let t = t();
    let code = page.policy_code.clone();
    let held_form = held();
    let error = held_form.as_ref().and_then(|h| PlanError::from_key(&h.error));
    let at = held_form.as_ref().map(|h| h.anchor.clone()).unwrap_or_default();
    let typed: PlanForm = kept();
    let current = page.plans.last().cloned();
    let ok = saved.map(|n| format!("{} {n}.", t.plan_saved));
    let whole_error = error.filter(|_| at == PLAN_ANCHOR).map(|e| t.plan_error(e).to_string());
    // A refused reason is said beside the reason; any other refusal of the whole plan at its top.
    let about_reason = matches!(error, Some(PlanError::MissingReason | PlanError::ReasonTooLong));
    view! {
        <PageTitle text=format!("{} · {}", t.plan_title, code) />
        <Crumbs trail=vec![(code.clone(), urls::policy(&code)), (t.dashboard_title.to_string(), urls::DASHBOARD.to_string())] here=t.plan_title />
        <p class="eyebrow">{page.policy_name.clone()}</p>
        <h1>{t.plan_title}</h1>
        <p class="lead">{t.plan_intro}</p>

        {view! { <section aria-labelledby="plan-actual">
            <h2 id="plan-actual">{t.plan_against_record}</h2>
            {match &current {
                None => view! { <p class="empty">{t.plan_none}</p> }.into_any(),
                Some(plan) => view! {
                    <p class="meta">{t.plan_version_line(plan.number, &crate::ui::moment(&plan.at), &plan.author)}</p>
                    {timeline(&page.lines, page.today)}
                    <table class="data cards" id="plan-tabla">
                        <caption>{format!("{} ({} {})", t.plan_against_record, t.today_word.to_lowercase(), page.today.format("%d/%m/%Y"))}</caption>
                        <thead><tr>
                            <th scope="col">{t.plan_target_column}</th>
                            <th scope="col">{t.plan_start}</th>
                            <th scope="col">{t.plan_end}</th>
                            <th scope="col">{t.plan_actual_start}</th>
                            <th scope="col">{t.plan_actual_end}</th>
                            <th scope="col">{t.state}</th>
                        </tr></thead>
                        <tbody>
                            {page.lines.iter().map(|l| view! {
                                <tr>
                                    <th scope="row">{t.plan_target(l.entry.target)}</th>
                                    <td data-label=t.plan_start>{l.entry.start.format("%d/%m/%Y").to_string()}</td>
                                    <td data-label=t.plan_end>{l.entry.end.format("%d/%m/%Y").to_string()}</td>
                                    <td data-label=t.plan_actual_start>{l.started.map(|d| d.text()).unwrap_or_else(|| "—".into())}</td>
                                    <td data-label=t.plan_actual_end>{l.done.map(|d| d.text()).unwrap_or_else(|| "—".into())}</td>
                                    <td data-label=t.state><span class=format!("badge plan-{}", status_class(l.status))>{t.plan_status(l.status)}</span>
                                        {l.replanned.then(|| view! { " "<span class="meta">{t.plan_replanned}</span> })}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            }}
        </section> }.into_any()}

        {(page.plans.len() > 1).then(|| view! {
            <section aria-labelledby="plan-versiones">
                <h2 id="plan-versiones">{t.plan_versions}</h2>
                <ol class="plan-versions">
                    {page.plans.iter().rev().map(|p| view! {
                        <li>
                            <strong>{t.plan_version_line(p.number, &crate::ui::moment(&p.at), &p.author)}</strong>
                            {p.reason.clone().map(|r| view! { <p class="keep-lines">{r}</p> })}
                            <p class="meta">{p.entries.iter().map(|e| format!("{}: {} – {}", t.plan_target(e.target), e.start.format("%d/%m/%Y"), e.end.format("%d/%m/%Y"))).collect::<Vec<_>>().join(" · ")}</p>
                        </li>
                    }).collect_view()}
                </ol>
            </section>
        }.into_any())}

        {page.may_manage.then(|| view! {
            <section aria-labelledby="plan-form-titulo" id=PLAN_ANCHOR class="card">
                <h2 id="plan-form-titulo">{if current.is_some() { t.plan_replan } else { t.plan_set }}</h2>
                <FormFeedback anchor=PLAN_ANCHOR error=whole_error.clone().filter(|_| !about_reason) ok=ok.clone() />
                <form method="post" action=urls::plan(&code) class="review-form">
                    <FormKey anchor=PLAN_ANCHOR />
                    <input type="hidden" name=PlanForm::base value=current.as_ref().map_or(0, |p| p.number).to_string() />
                    <p class="hint">{t.plan_form_hint}</p>
                    <div class="table-scroll" tabindex="0">
                    <table class="data plan-form cards">
                        <caption class="visually-hidden">{t.plan_title}</caption>
                        <thead><tr><th scope="col">{t.plan_target_column}</th><th scope="col">{t.plan_start}</th><th scope="col">{t.plan_end}</th></tr></thead>
                        <tbody>
                            {PlanTarget::all().into_iter().map(|target| {
                                let key = target.key();
                                let anchor = plan_line_anchor(target);
                                let line_error = error.filter(|_| at == anchor).map(|e| t.plan_error(e).to_string());
                                let wrong = line_error.is_some().then_some("true");
                                let described = line_error.is_some().then(|| crate::ui::feedback_id(&anchor));
                                let planned = current.as_ref().and_then(|p| p.entry(target)).map(|e| (e.start.to_string(), e.end.to_string()));
                                let (start, end) = typed.typed(target).or(planned).unwrap_or_default();
                                let label = t.plan_target(target);
                                view! {
                                    <tr id=anchor.clone()>
                                        <th scope="row">{label.clone()}<FormFeedback anchor=anchor.clone() error=line_error /></th>
                                        <td data-label=t.plan_start>
                                            <input type="hidden" name=PlanForm::linea value=key.clone() />
                                            <input type="date" name=PlanForm::inicio value=start aria-label=format!("{}: {}", label, t.plan_start) aria-invalid=wrong aria-describedby=described.clone() />
                                        </td>
                                        <td data-label=t.plan_end>
                                            <input type="date" name=PlanForm::fin value=end aria-label=format!("{}: {}", label, t.plan_end) aria-invalid=wrong aria-describedby=described />
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                    <label for="plan-motivo">{if current.is_some() { t.plan_reason_required } else { t.plan_reason_optional }}</label>
                    {about_reason.then(|| view! { <FormFeedback anchor=PLAN_ANCHOR error=whole_error.clone() /> })}
                    <textarea id="plan-motivo" name=PlanForm::motivo rows="3" maxlength="1000" required=current.is_some()
                        aria-invalid=matches!(error, Some(PlanError::MissingReason | PlanError::ReasonTooLong)).then_some("true")
                        aria-describedby=whole_error.as_ref().map(|_| crate::ui::feedback_id(PLAN_ANCHOR))
                        inner_html=textarea_html(&typed.motivo)></textarea>
                    <button type="submit" class="button">{t.plan_save}</button>
                </form>
            </section>
        }.into_any())}
    }
}

const WIDTH: f64 = 900.0;
const LABEL: f64 = 210.0;
const ROW: f64 = 30.0;
const TOP: f64 = 22.0;

/// Plan against the record over calendar time: per line, the planned stretch as an outlined bar
/// and, inside it, what the record says (from the first act to the one that completed it, or to
/// today), dark when done, hatched while open; today as a line. The table below says the same.
fn timeline(lines: &[PlanLine], today: NaiveDate) -> impl IntoView + use<> {
    let t = t();
    let first = lines.iter().map(|l| l.entry.start).chain(lines.iter().filter_map(|l| l.started.map(|d| d.end()))).min().unwrap_or(today);
    let last = lines.iter().map(|l| l.entry.end).chain(lines.iter().filter_map(|l| l.done.map(|d| d.end()))).chain([today]).max().unwrap_or(today);
    let start = first.with_day(1).unwrap_or(first);
    let span = (last - start).num_days().max(30) as f64;
    let x = move |d: NaiveDate| LABEL + (WIDTH - LABEL - 10.0) * ((d.max(start) - start).num_days() as f64 / span);
    let height = TOP + ROW * lines.len() as f64 + 6.0;
    let years: Vec<i32> = (start.year() + 1..=last.year()).collect();
    let rows: Vec<_> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let y = TOP + ROW * i as f64;
            let planned = (x(l.entry.start), (x(l.entry.end) - x(l.entry.start)).max(2.0));
            let actual = l.started.map(|s| {
                let from = s.start().unwrap_or(s.end());
                let to = l.done.map_or(today, |d| d.end());
                (x(from), (x(to) - x(from)).max(2.0), l.done.is_some())
            });
            view! {
                <text x="0" y=y + ROW * 0.6 class="row-label">{t.plan_target_short(l.entry.target)}</text>
                <rect x=planned.0 y=y + 3.0 width=planned.1 height=ROW - 6.0 class=format!("plan-bar plan-{}", status_class(l.status))>
                    <title>{format!("{}: {} {} – {}; {}", t.plan_target(l.entry.target), t.plan_word, l.entry.start.format("%d/%m/%Y"), l.entry.end.format("%d/%m/%Y"), t.plan_status(l.status))}</title>
                </rect>
                {actual.map(|(ax, aw, done)| view! {
                    <rect x=ax y=y + 9.0 width=aw height=ROW - 18.0 class=if done { "actual-bar done" } else { "actual-bar open" } aria-hidden="true" />
                })}
            }
        })
        .collect();
    view! {
        <figure class="chart">
            <figcaption>{t.plan_timeline_caption}</figcaption>
            <div class="chart-scroll" tabindex="0" role="group" aria-label=t.plan_timeline_caption>
                <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=t.plan_timeline_caption aria-describedby="plan-tabla" class="timeline-chart plan-chart">
                    {years.iter().map(|yr| {
                        let xy = x(NaiveDate::from_ymd_opt(*yr, 1, 1).unwrap_or(start));
                        view! {
                            <line x1=xy x2=xy y1=TOP - 4.0 y2=height class="tick" />
                            <text x=xy + 3.0 y=TOP - 8.0 class="tick-label">{yr.to_string()}</text>
                        }
                    }).collect_view()}
                    <text x=LABEL y=TOP - 8.0 class="tick-label">{start.format("%m/%Y").to_string()}</text>
                    {rows}
                    <line x1=x(today) x2=x(today) y1=TOP - 14.0 y2=height class="today" />
                    <text x=x(today) - 4.0 y=TOP - 8.0 class="tick-label today-label" text-anchor="end">{t.today_word}</text>
                </svg>
            </div>
            <ul class="legend" aria-label=t.legend>
                <li><span class="swatch plan-swatch" aria-hidden="true"></span>{t.plan_legend_planned}</li>
                <li><span class="swatch actual-swatch done" aria-hidden="true"></span>{t.plan_legend_done}</li>
                <li><span class="swatch actual-swatch open" aria-hidden="true"></span>{t.plan_legend_open}</li>
                <li><span class="swatch today-swatch" aria-hidden="true"></span>{t.today_line}</li>
            </ul>
        </figure>
    }
}
