//! `/politicas/{code}/seguimiento/{year}`: the reporte de seguimiento of a year — each priority
//! objective with its indicators (expected achievement, value obtained, achievement and light,
//! in a table and one by one with their chart and history), the team's analysis of it, the
//! services' indicators; the forms that record a value, write and review an analysis, set the
//! thresholds and close the report; and the same as DOCX and XLSX.
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::data::{get_followup_year, IndicatorView, ObjectiveView, ReportPage as Page};
use super::form::{
    analysis_anchor, indicator_anchor, AnalysisForm as A, CloseForm, FileForm, ReviewForm as R, ThresholdsForm as T, ValueForm as V, ANALYSIS_SAVED, CLOSED, CLOSE_ANCHOR, FILE,
    FILE_SAVED, OPENED, REVIEWED, THRESHOLDS_ANCHOR, THRESHOLDS_SAVED, VALUE_SAVED, VALUE_UNCHANGED, YES,
};
use crate::domain::followup::{FollowUpError, Standing};
use crate::i18n::t;
use crate::ui::{feedback_id, held, kept, loaded, textarea_html, Crumbs, FormFeedback, FormKey, PageTitle};
use crate::urls;

#[component]
pub fn FollowUpReportPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let p = params.read();
        (p.get("code").unwrap_or_default(), p.get("year").and_then(|y| y.parse::<u16>().ok()).unwrap_or(0))
    };
    let page = Resource::new(key, |(code, year)| get_followup_year(code, year));
    loaded(page, move |p| {
        let q = query.read();
        let flags = Flags {
            opened: q.get(OPENED).is_some(),
            thresholds: q.get(THRESHOLDS_SAVED).is_some(),
            value: q.get(VALUE_SAVED).map(|v| (v, Saved::Value)).or_else(|| q.get(VALUE_UNCHANGED).map(|v| (v, Saved::Unchanged))).or_else(|| q.get(FILE_SAVED).map(|v| (v, Saved::File))),
            analysis: q.get(ANALYSIS_SAVED),
            reviewed: q.get(REVIEWED),
            closed: q.get(CLOSED).is_some(),
        };
        view! { <Report page=p flags=flags /> }
    })
}

/// What the last form did, as its redirect says.
#[derive(Clone, Default)]
struct Flags {
    opened: bool,
    thresholds: bool,
    /// The indicator whose value was recorded, found recorded already, or given its file.
    value: Option<(String, Saved)>,
    analysis: Option<String>,
    reviewed: Option<String>,
    closed: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Saved {
    Value,
    Unchanged,
    File,
}

/// The refusal of the form at `anchor`, if the last refusal was its.
fn refused_at(anchor: &str) -> Option<FollowUpError> {
    held().filter(|h| h.anchor == anchor).and_then(|h| FollowUpError::from_key(&h.error))
}

/// A light with its words (never the colour alone).
#[component]
fn LightBadge(standing: Standing) -> impl IntoView {
    let t = t();
    let class = match standing {
        Standing::Measured { light, .. } => format!("light light-{}", light.key()),
        _ => "light light-none".to_string(),
    };
    view! { <span class=class>{t.light_words(standing)}</span> }
}

fn achievement(standing: Standing) -> String {
    match standing {
        Standing::Measured { percent, .. } => t().percent(percent),
        _ => "—".into(),
    }
}

#[component]
fn Report(page: Page, flags: Flags) -> impl IntoView {
    let t = t();
    let code = page.policy_code.clone();
    let year = page.period.year;
    let title = t.followup_report_title(year);
    let state = match &page.period.closed {
        Some((who, at)) => t.followup_closed_by(who, at),
        None => t.followup_opened_by(&page.period.opened_by, &page.period.opened_at),
    };
    view! {
        <PageTitle text=format!("{title} · {code}") />
        <Crumbs trail=vec![(code.clone(), urls::policy(&code)), (t.followup_title().to_string(), urls::followup(&code))] here=title.clone() />
        <p class="eyebrow">{page.policy_name.clone()}</p>
        <h1>{title.clone()}</h1>
        {flags.opened.then(|| view! { <p class="notice-ok" role="status">{t.followup_opened(year)}</p> })}
        {flags.closed.then(|| view! { <p class="notice-ok" role="status">{t.followup_closed()}</p> })}
        <p>{state}</p>
        {page.illustrative.then(|| view! { <p class="notice">{t.followup_illustrative()}</p> })}
        <p class="actions">
            <a href=urls::followup_year(&code, year, "reporte.docx") download="">{t.followup_docx()}</a>" "
            <a href=urls::followup_year(&code, year, "reporte.xlsx") download="">{t.followup_xlsx()}</a>
        </p>

        <section aria-labelledby="resumen">
            <h2 id="resumen">{t.followup_summary()}</h2>
            <p>{t.tally(year, &page.tally)}</p>
            <Thresholds page=page.clone() saved=flags.thresholds />
        </section>

        <section aria-labelledby="objetivos">
            <h2 id="objetivos">{t.followup_objectives()}</h2>
            {page.objectives.is_empty().then(|| view! { <p class="empty">{t.followup_no_objectives()}</p> })}
            {page.objectives.iter().map(|o| view! { <Objective page=page.clone() objective=o.clone() flags=flags.clone() /> }).collect_view()}
        </section>

        {(!page.services.is_empty()).then(|| view! {
            <section aria-labelledby="servicios">
                <h2 id="servicios">{t.followup_services()}</h2>
                {page.services.iter().map(|s| {
                    let heading = format!("{}. {}", s.code, s.name);
                    view! {
                        <h3>{heading.clone()}</h3>
                        <IndicatorTable page=page.clone() indicators=s.indicators.clone() caption=heading />
                        {s.indicators.iter().map(|i| view! { <Indicator page=page.clone() view=i.clone() flags=flags.clone() /> }).collect_view()}
                    }
                }).collect_view()}
            </section>
        }.into_any())}

        {page.may_manage.then(|| view! { <Close page=page.clone() /> })}
    }
}

/// The thresholds in words, and their form to the team while the period is open.
#[component]
fn Thresholds(page: Page, saved: bool) -> impl IntoView {
    let t = t();
    let error = refused_at(THRESHOLDS_ANCHOR);
    let typed: T = if error.is_some() { kept() } else { T { verde: page.period.thresholds.green.to_string(), ambar: page.period.thresholds.amber.to_string() } };
    let described = format!("umbrales-ayuda{}", error.map(|_| format!(" {}", feedback_id(THRESHOLDS_ANCHOR))).unwrap_or_default());
    view! {
        <div id=THRESHOLDS_ANCHOR>
            <p>{t.followup_thresholds(page.period.thresholds)}</p>
            {page.may_manage.then(|| view! {
                <FormFeedback anchor=THRESHOLDS_ANCHOR error=error.map(|e| t.followup_error(e).to_string()) ok=saved.then(|| t.followup_thresholds_saved().to_string()) />
                <details open=error.is_some()>
                    <summary>{t.followup_thresholds_heading()}</summary>
                    <form method="post" action=urls::followup_year(&page.policy_code, page.period.year, "umbrales") class="inline-form">
                        <FormKey anchor=THRESHOLDS_ANCHOR />
                        <p id="umbrales-ayuda" class="hint">{t.followup_thresholds_hint()}</p>
                        <label for="umbral-verde">{t.followup_green_from()}</label>
                        <input id="umbral-verde" name=T::verde type="number" min="1" max="100" required value=typed.verde aria-describedby=described.clone() aria-invalid=error.map(|_| "true") />
                        <label for="umbral-ambar">{t.followup_amber_from()}</label>
                        <input id="umbral-ambar" name=T::ambar type="number" min="1" max="99" required value=typed.ambar aria-describedby=described.clone() aria-invalid=error.map(|_| "true") />
                        <button type="submit" class="button">{t.followup_thresholds_button()}</button>
                    </form>
                </details>
            })}
        </div>
    }
}

/// The indicators of an objective or a service at a glance.
#[component]
fn IndicatorTable(page: Page, indicators: Vec<IndicatorView>, caption: String) -> impl IntoView {
    let t = t();
    let columns = t.followup_columns(page.period.year);
    if indicators.is_empty() {
        return view! { <p class="empty">{t.followup_no_indicators()}</p> }.into_any();
    }
    view! {
        <table class="data cards">
            <caption class="visually-hidden">{caption}</caption>
            <thead><tr>{columns.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view()}</tr></thead>
            <tbody>
                {indicators.into_iter().map(|i| {
                    let r = i.row;
                    let c = columns.clone();
                    let obtained = r.current().map(|v| format!("{}{}", v.value, if v.provisional { " (provisional)" } else { "" })).unwrap_or_else(|| "—".into());
                    view! {
                        <tr>
                            <th scope="row" data-label=c[0].clone()><a href=format!("#{}", indicator_anchor(&r.id))>{r.code.clone()}</a></th>
                            <td data-label=c[1].clone()>{r.name.clone()}</td>
                            <td data-label=c[2].clone()>{r.responsible.clone()}</td>
                            <td data-label=c[3].clone()>{r.expected.clone().unwrap_or_else(|| "—".into())}</td>
                            <td data-label=c[4].clone()>{obtained}</td>
                            <td data-label=c[5].clone()>{achievement(r.standing)}</td>
                            <td data-label=c[6].clone()><LightBadge standing=r.standing /></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// An objective: its indicators' table, each indicator, and the team's analysis.
#[component]
fn Objective(page: Page, objective: ObjectiveView, flags: Flags) -> impl IntoView {
    let heading = format!("{}. {}", objective.code, objective.statement);
    view! {
        <h3>{heading.clone()}</h3>
        <IndicatorTable page=page.clone() indicators=objective.indicators.clone() caption=heading />
        {objective.indicators.iter().map(|i| view! { <Indicator page=page.clone() view=i.clone() flags=flags.clone() /> }).collect_view()}
        {(!objective.indicators.is_empty()).then(|| view! { <Analysis page=page.clone() objective=objective.clone() flags=flags.clone() /> })}
    }
}

/// One indicator: its value in force with its source, its chart, its history, and the form that
/// records a new value to who may.
#[component]
fn Indicator(page: Page, view: IndicatorView, flags: Flags) -> impl IntoView {
    let t = t();
    let r = view.row.clone();
    let anchor = indicator_anchor(&r.id);
    let ok = flags.value.as_ref().filter(|(id, _)| *id == r.id).map(|(_, saved)| match saved {
        Saved::Value => t.followup_value_saved(),
        Saved::Unchanged => t.followup_value_unchanged(),
        Saved::File => t.followup_file_saved(),
    }.to_string());
    let current = r.current().cloned();
    let error = refused_at(&anchor);
    view! {
        <section class="indicator" id=anchor.clone() tabindex="-1" aria-labelledby=format!("{anchor}-titulo")>
            <h4 id=format!("{anchor}-titulo")>{format!("{} · {}", r.code, r.name)}</h4>
            <FormFeedback anchor=anchor.clone() error=error.map(|e| t.followup_error(e).to_string()) ok=ok />
            <dl class="facts">
                <div><dt>{t.followup_columns(page.period.year)[2].clone()}</dt><dd>{r.responsible.clone()}</dd></div>
                <div><dt>{t.followup_direction()}</dt><dd>{r.direction.map_or(t.followup_not_said(), |d| t.direction(d))}</dd></div>
                <div><dt>{t.followup_columns(page.period.year)[3].clone()}</dt><dd>{r.expected.clone().unwrap_or_else(|| t.followup_without_target().into())}</dd></div>
                <div><dt>{t.followup_value()}</dt><dd>{match &current {
                    Some(v) => t.followup_record(v),
                    None => t.followup_no_value().to_string(),
                }}</dd></div>
                {current.as_ref().filter(|v| !v.explanation.is_empty()).map(|v| view! { <div><dt>{t.followup_explanation()}</dt><dd class="keep-lines">{v.explanation.clone()}</dd></div> })}
                {current.as_ref().and_then(|v| v.file.clone()).map(|(id, name)| view! { <div><dt>{t.followup_file()}</dt><dd><a href=urls::followup_file(&id) download="">{name}</a></dd></div> })}
                <div><dt>{t.followup_columns(page.period.year)[5].clone()}</dt><dd>{achievement(r.standing)}" "<LightBadge standing=r.standing /></dd></div>
            </dl>
            {view.chart.clone().map(|(svg, words)| view! {
                <figure class="chart">
                    <div inner_html=svg></div>
                    <figcaption>{words}" "{crate::domain::annexes::CHART_LEGEND}</figcaption>
                </figure>
            })}
            {(r.history.len() > 1).then(|| view! {
                <details>
                    <summary>{t.followup_history(r.history.len())}</summary>
                    <ol class="history">
                        {r.history.iter().enumerate().map(|(n, v)| view! {
                            <li>
                                {t.followup_record(v)}
                                {(n + 1 == r.history.len()).then(|| view! { " " <strong>{format!("({})", t.followup_current())}</strong> })}
                                {(!v.explanation.is_empty()).then(|| view! { <span class="keep-lines meta">{v.explanation.clone()}</span> })}
                                {v.file.clone().map(|(id, name)| view! { <span class="meta">{format!("{}: ", t.followup_file())}<a href=urls::followup_file(&id) download="">{name}</a></span> })}
                            </li>
                        }).collect_view()}
                    </ol>
                </details>
            })}
            {view.may_report.then(|| view! { <ValueFormView page=page.clone() row=r.clone() /> })}
            // Refused once the period closed: what was typed is shown to be copied, not lost.
            {(error.is_some() && !view.may_report).then(|| {
                let typed: V = kept();
                view! {
                    <p>{t.followup_kept()}</p>
                    <dl class="facts">
                        <div><dt>{t.followup_value()}</dt><dd>{typed.valor}</dd></div>
                        <div><dt>{t.followup_source()}</dt><dd>{typed.fuente}</dd></div>
                        <div><dt>{t.followup_data_date()}</dt><dd>{typed.fecha_dato}</dd></div>
                        <div><dt>{t.followup_explanation()}</dt><dd class="keep-lines">{typed.explicacion}</dd></div>
                    </dl>
                }
            })}
        </section>
    }
}

/// The form that records a value obtained (a new value over the one in force starts from its
/// source), and the one that attaches the supporting file of the value in force.
#[component]
fn ValueFormView(page: Page, row: crate::domain::followup::IndicatorYear) -> impl IntoView {
    let t = t();
    let anchor = indicator_anchor(&row.id);
    let error = refused_at(&anchor);
    let current = row.current().cloned();
    let typed: V = if error.is_some() { kept() } else { V { fuente: current.as_ref().map(|v| v.source.clone()).unwrap_or_default(), ..V::default() } };
    let id = |f: &str| format!("{anchor}-{f}");
    let described = |hint: &str| format!("{hint}{}", error.map(|_| format!(" {}", feedback_id(&anchor))).unwrap_or_default());
    let wrong = |e: &[FollowUpError]| error.filter(|x| e.contains(x)).map(|_| "true");
    let file_refused = matches!(error, Some(FollowUpError::BadFile | FollowUpError::NoValueYet));
    view! {
        <details class="value-form" open=error.is_some() && !file_refused>
            <summary>{t.followup_value_form(current.is_some())}</summary>
            <form method="post" action=urls::followup_year(&page.policy_code, page.period.year, "valores") class="review-form">
                <FormKey anchor=anchor.clone() />
                <input type="hidden" name=V::indicador value=row.id.clone() />
                <label for=id("valor")>{t.followup_value()}</label>
                <input id=id("valor") name=V::valor type="text" inputmode="decimal" required value=typed.valor aria-describedby=described(&id("valor-ayuda")) aria-invalid=wrong(&[FollowUpError::BadValue, FollowUpError::NotWhole]) />
                <p id=id("valor-ayuda") class="hint">{t.followup_value_hint_for(&row.parameter, &row.unit)}</p>
                <label for=id("fuente")>{t.followup_source()}</label>
                <input id=id("fuente") name=V::fuente type="text" maxlength="300" required value=typed.fuente aria-describedby=described(&id("fuente-ayuda")) aria-invalid=wrong(&[FollowUpError::MissingSource, FollowUpError::TooLong]) />
                <p id=id("fuente-ayuda") class="hint">{t.followup_source_hint()}</p>
                <label for=id("fecha")>{t.followup_data_date()}</label>
                <input id=id("fecha") name=V::fecha_dato type="date" required value=typed.fecha_dato max=page.today.to_string() aria-describedby=described(&id("fecha-ayuda")) aria-invalid=wrong(&[FollowUpError::BadDate]) />
                <p id=id("fecha-ayuda") class="hint">{t.followup_data_date_hint(page.period.year)}</p>
                <label for=id("explicacion")>{t.followup_explanation()}</label>
                <textarea id=id("explicacion") name=V::explicacion rows="3" maxlength="2000" aria-invalid=wrong(&[FollowUpError::TooLong]) inner_html=textarea_html(&typed.explicacion)></textarea>
                <p class="check">
                    <input id=id("provisional") name=V::provisional type="checkbox" value=YES checked=!typed.provisional.is_empty() />
                    <label for=id("provisional")>{t.followup_provisional_label()}</label>
                </p>
                <button type="submit" class="button">{t.followup_record_button()}</button>
            </form>
        </details>
        {current.is_some().then(|| view! {
            <details class="value-form" open=file_refused>
                <summary>{t.followup_attach()}</summary>
                <form method="post" action=urls::followup_year(&page.policy_code, page.period.year, "sustento") enctype="multipart/form-data" class="review-form">
                    <FormKey anchor=anchor.clone() />
                    <input type="hidden" name=FileForm::indicador value=row.id.clone() />
                    <label for=id("archivo")>{t.followup_file_label()}</label>
                    <input id=id("archivo") name=FILE type="file" required accept=".pdf,.docx,.xlsx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-invalid=file_refused.then_some("true") />
                    <button type="submit" class="button">{t.followup_attach_button()}</button>
                </form>
            </details>
        })}
    }
}

/// An objective's analysis: as written, its review, and its forms.
#[component]
fn Analysis(page: Page, objective: ObjectiveView, flags: Flags) -> impl IntoView {
    let t = t();
    let anchor = analysis_anchor(&objective.id);
    let error = refused_at(&anchor);
    let typed: A = if error.is_some() { kept() } else { A::default() };
    let current = objective.analysis.clone();
    let text = if error.is_some() { typed.texto.clone() } else { current.as_ref().map(|a| a.text.clone()).unwrap_or_default() };
    let base = current.as_ref().map_or(0, |a| a.version).to_string();
    let ok = if flags.analysis.as_deref() == Some(objective.id.as_str()) {
        Some(t.followup_analysis_saved().to_string())
    } else if flags.reviewed.as_deref() == Some(objective.id.as_str()) {
        Some(t.followup_reviewed().to_string())
    } else {
        None
    };
    let status = current.as_ref().map(|a| match &a.reviewed {
        Some((who, at)) => t.followup_analysis_reviewed(a.version, who, at),
        None => t.followup_analysis_draft(a.version, &a.author, &a.at),
    });
    let text_id = format!("{anchor}-texto");
    view! {
        <div class="analysis" id=anchor.clone() tabindex="-1">
            <h4>{format!("{} · {}", t.followup_analysis(), objective.code)}</h4>
            <FormFeedback anchor=anchor.clone() error=error.map(|e| t.followup_error(e).to_string()) ok=ok />
            {match &current {
                Some(_) => view! { <div class="prose" inner_html=objective.analysis_html.clone()></div> }.into_any(),
                None => view! { <p class="empty">{t.followup_analysis_none()}</p> }.into_any(),
            }}
            {status.map(|s| view! { <p class="meta">{s}</p> })}
            {(page.may_review && current.as_ref().is_some_and(|a| a.reviewed.is_none())).then(|| view! {
                <form method="post" action=urls::followup_year(&page.policy_code, page.period.year, "analisis/revision") class="inline-form">
                    <FormKey anchor=anchor.clone() />
                    <input type="hidden" name=R::objetivo value=objective.id.clone() />
                    <input type="hidden" name=R::version value=current.as_ref().map_or(0, |a| a.version).to_string() />
                    <button type="submit" class="button secondary">{t.followup_review_button()}</button>
                </form>
            })}
            // Refused once the period closed: what was typed is shown to be copied, not lost.
            {(error.is_some() && !page.may_manage).then(|| view! {
                <p>{t.followup_kept()}</p>
                <p class="keep-lines">{typed.texto.clone()}</p>
            })}
            {page.may_manage.then(|| view! {
                <details open=error.is_some() || current.is_none()>
                    <summary>{t.followup_analysis_edit(current.is_some())}</summary>
                    <form method="post" action=urls::followup_year(&page.policy_code, page.period.year, "analisis") class="review-form">
                        <FormKey anchor=anchor.clone() />
                        <input type="hidden" name=A::objetivo value=objective.id.clone() />
                        <input type="hidden" name=A::base value=base />
                        <label for=text_id.clone()>{format!("{} · {}", t.followup_analysis(), objective.code)}</label>
                        <textarea id=text_id.clone() name=A::texto rows="8" maxlength="20000" required
                            aria-describedby=format!("{anchor}-ayuda{}", error.map(|_| format!(" {}", feedback_id(&anchor))).unwrap_or_default())
                            aria-invalid=error.map(|_| "true") inner_html=textarea_html(&text)></textarea>
                        <p id=format!("{anchor}-ayuda") class="hint">{t.followup_analysis_hint()}</p>
                        <button type="submit" class="button">{t.followup_analysis_save()}</button>
                    </form>
                </details>
            })}
        </div>
    }
}

/// The form that closes the report, or what stands in its way.
#[component]
fn Close(page: Page) -> impl IntoView {
    let t = t();
    let error = refused_at(CLOSE_ANCHOR);
    view! {
        <section aria-labelledby="cierre-titulo" id=CLOSE_ANCHOR class="card" tabindex="-1">
            <h2 id="cierre-titulo">{t.followup_close_heading()}</h2>
            <FormFeedback anchor=CLOSE_ANCHOR error=error.map(|e| t.followup_error(e).to_string()) />
            <p class="hint">{t.followup_close_hint()}</p>
            {(page.tally.without_data > 0).then(|| view! { <p><strong>{t.followup_close_without_data(page.tally.without_data)}</strong></p> })}
            {match &page.blocked {
                Some((missing, unreviewed)) => view! { <p>{t.followup_close_blocked(missing, unreviewed)}</p> }.into_any(),
                None => view! {
                    <form method="post" action=urls::followup_year(&page.policy_code, page.period.year, "cierre")>
                        <FormKey anchor=CLOSE_ANCHOR />
                        <p class="check">
                            <input id="cierre-confirmo" name=CloseForm::confirmo type="checkbox" value=YES required aria-invalid=error.map(|_| "true") />
                            <label for="cierre-confirmo">{t.followup_close_confirm()}</label>
                        </p>
                        <button type="submit" class="button">{t.followup_close_button(page.period.year)}</button>
                    </form>
                }.into_any(),
            }}
        </section>
    }
}
