//! `/politicas/{code}`: a policy's deliverables and steps, and its dated history.
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::data::{get_policy, PolicyData};
use crate::domain::{step, ReviewError};
use crate::i18n::t;
use crate::review::form::{MilestoneForm as F, ANNULLED, MILESTONE_RECORDED, SKIP};
use crate::ui::{kept, loaded, textarea_html, AnnulTarget, FormFeedback, FormKey, PageTitle, StateBadge, StepBadge, TimelineItem};
use crate::urls;

#[component]
pub fn PolicyPage() -> impl IntoView {
    let params = use_params_map();
    let detail = Resource::new(move || params.read().get("code").unwrap_or_default(), get_policy);
    loaded(detail, move |d| view! { <PolicyView data=d /> })
}

#[component]
fn PolicyView(data: PolicyData) -> impl IntoView {
    let t = t();
    let query = use_query_map();
    let form: F = kept();
    let error = query.read_untracked().get("error").and_then(|e| ReviewError::from_key(&e));
    let recorded = error.is_none() && (query.read_untracked().get(MILESTONE_RECORDED).is_some() || query.read_untracked().get(ANNULLED).is_some());
    let PolicyData { detail, next_milestone, annullable_milestone, today, may_read_draft, may_follow, may_read_documents, may_read_workshops, approved, documents } = data;
    let policy = detail.overview.policy;
    let code = policy.code.clone();
    let or_unrecorded = |v: Option<String>| v.unwrap_or_else(|| t.not_recorded.to_string());
    view! {
        <PageTitle text=policy.code.clone() />
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
                                <A href=urls::deliverable(&code, d.number)>{format!("{} {}", t.deliverable, d.number)}</A>
                                " "
                                <StateBadge state=d.state />
                            </h3>
                            <ul class="steps">
                                {d.steps.into_iter().map(|s| {
                                    let title = step(s.number).map(|def| def.title).unwrap_or_default();
                                    view! {
                                        <li>
                                            // The working text is the team's: others read the step's name only.
                                            {if may_read_draft {
                                                view! { <A href=urls::step(&code, s.number)>{t.step}" "{s.number}": "{title}</A> }.into_any()
                                            } else {
                                                view! { <span>{t.step}" "{s.number}": "{title}</span> }.into_any()
                                            }}
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

        <p class="actions">
            <A href=urls::report(&code)>{t.report_link}</A>
            {may_read_draft.then(|| view! { <A href=urls::consistency(&code)>{t.consistency_title}</A> })}
            {may_follow.then(|| view! { <A href=urls::DASHBOARD>{t.nav_dashboard}</A> <A href=urls::plan(&code)>{t.plan_title}</A> })}
            {may_read_documents.then(|| view! { <A href=urls::expediente(&code)>{t.nav_expediente}</A> })}
            {may_read_workshops.then(|| view! { <A href=urls::workshops(&code)>{t.nav_workshops}</A> })}
            {approved.then(|| view! { <A href=urls::followup(&code)>{t.followup_heading()}</A> })}
        </p>

        <section aria-labelledby="hitos-titulo" id="hitos">
            <h2 id="hitos-titulo">{t.milestones_heading}</h2>
            {recorded.then(|| view! { <p class="notice-ok" role="status">{t.recorded}</p> })}
            {match next_milestone {
                None => view! { <p class="hint">{t.milestones_hint}</p> }.into_any(),
                Some(m) => view! {
                    <form method="post" action=urls::milestones(&code) class="card review-form">
                        <input type="hidden" name=F::hito value=m.key() />
                        <h3>{format!("{}: {}", t.next_milestone, t.milestone(m))}</h3>
                        <FormFeedback anchor="hitos" error=error.map(|e| t.review_error(e).to_string()) />
                        <FormKey anchor="hitos" />
                        <label for="hito-fecha">{t.official_date}</label>
                        <input id="hito-fecha" name=F::fecha type="date" required max=today.to_string()
                            value=if form.fecha.is_empty() { today.to_string() } else { form.fecha.clone() } />
                        <label for="hito-documento">{t.official_document}</label>
                        <input id="hito-documento" name=F::documento type="text" maxlength="200" value=form.documento.clone() />
                        <label for="hito-nota">{t.review_note}</label>
                        <textarea id="hito-nota" name=F::nota rows="3" maxlength="2000" inner_html=textarea_html(&form.nota)></textarea>
                        <label for="hito-enlace">{t.attachment_link}</label>
                        <input id="hito-enlace" name=F::enlace type="url" maxlength="500" value=form.enlace.clone() />
                        {m.skippable().then(|| view! {
                            <label class="check" for="hito-omitir">
                                <input type="checkbox" id="hito-omitir" name=F::omitir value=SKIP checked=form.omitir == SKIP />
                                " "{t.skip_milestone}
                            </label>
                        })}
                        <button type="submit" class="button">{t.record_button}</button>
                    </form>
                }.into_any(),
            }}
        </section>

        <section aria-labelledby="historia-titulo" id="historia">
            <h2 id="historia-titulo">{t.history_heading}</h2>
            {if detail.events.is_empty() {
                view! { <p>{t.no_events}</p> }.into_any()
            } else {
                view! {
                    <ol class="timeline">
                        {detail.events.into_iter().map(|e| {
                            let annul = (annullable_milestone.as_deref() == Some(e.id.as_str())).then(|| AnnulTarget {
                                action: urls::annul(&code, &e.id),
                                back: urls::policy(&code),
                            });
                            let documents = crate::domain::expediente::DocumentInfo::of_event(&documents, &e.id);
                            view! { <TimelineItem event=e annul=annul documents=documents /> }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}
