//! `/politicas/{code}/pasos/{n}`: one step's title, deliverable, state and text.
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::ui::{PageTitle, by_whom, loaded, StateBadge, StepBadge};
use super::data::{get_step};
use crate::domain::step;
use crate::web::WebError;
use super::form::StepQuery;
use crate::i18n::t;
use crate::ui::Crumbs;
use crate::urls;
use super::data::StepPage as Page;

#[component]
pub fn StepPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (p.get("code").unwrap_or_default(), p.get("n").and_then(|n| n.parse::<u8>().ok()))
    };
    let query = use_query_map();
    let saved = move || query.read().get(StepQuery::guardado).and_then(|v| v.parse::<u32>().ok());
    let changes = move || crate::domain::pasted::parse_changes(&query.read().get(StepQuery::ajustes).unwrap_or_default());
    let page = Resource::new(key, |(code, n)| async move {
        match n {
            Some(n) => get_step(code, n).await,
            None => Err(WebError::NotFound),
        }
    });
    loaded(page, move |p| view! { <StepView page=p saved=saved() changes=changes() /> })
}

#[component]
fn StepView(page: Page, saved: Option<u32>, changes: Vec<(crate::domain::pasted::Change, usize)>) -> impl IntoView {
    let t = t();
    // Saved: the copy the browser kept while typing is no longer needed.
    let forget = saved.map(|_| view! { <ForgetKept key=super::browser::draft_key(&page.policy_code, page.number) /> });
    let title = step(page.number).map(|s| s.title).unwrap_or_default();
    let code = page.policy_code.clone();
    view! {
        <PageTitle text=format!("{} {} · {}", t.step, page.number, page.policy_code) />
        <Crumbs
            trail=vec![
                (code.clone(), urls::policy(&code)),
                (format!("{} {}", t.deliverable, page.deliverable), urls::deliverable(&code, page.deliverable)),
            ]
            here=format!("{} {}", t.step, page.number)
        />
        <p class="eyebrow">{t.step}" "{page.number}" · "{page.policy_name.clone()}</p>
        <h1>{title}</h1>
        {saved.map(|n| view! {
            <div class="notice notice-ok" role="status">
                <p>{format!("{} {n}.", t.step_saved)}</p>
                <crate::ui::PastedChanges changes=changes.clone() />
            </div>
        })}
        {forget}
        <dl class="facts">
            <div>
                <dt>{t.deliverable}</dt>
                <dd>{page.deliverable}" "<StateBadge state=page.deliverable_state /></dd>
            </div>
            <div><dt>{t.state}</dt><dd><StepBadge state=page.state /></dd></div>
            {(page.revision > 0).then(|| view! {
                <div>
                    <dt>{t.last_change}</dt>
                    <dd>{format!("{} ({} {})", by_whom(page.updated_at.as_ref(), page.updated_by.as_deref()), t.revision.to_lowercase(), page.revision)}</dd>
                </div>
            })}
        </dl>
        <p class="actions">
            {page.may_edit.then(|| view! { <A href=urls::editor(&code, page.number) attr:class="button">{t.edit_step}</A> })}
            <A href=urls::history(&code, page.number)>{t.history_link}</A>
            {(!crate::domain::structure::kinds_of(page.number).is_empty()).then(|| view! {
                <A href=urls::structure(&code, page.number)>{t.structure_title}</A>
            })}
            <A href=urls::deliverable(&code, page.deliverable)>{format!("{} {}", t.deliverable, page.deliverable)}</A>
        </p>
        {if page.body_html.trim().is_empty() {
            view! { <p class="empty">{t.step_empty}</p> }.into_any()
        } else {
            view! { <article class="prose" inner_html=page.body_html /> }.into_any()
        }}
        <p><A href=urls::policy(&code)>{t.back_to_policy}</A></p>
    }
}

/// Runs in the browser only (an island, rendering nothing): forgets the text kept while typing.
#[island]
fn ForgetKept(key: String) -> impl IntoView {
    Effect::new(move |_| super::browser::forget(&key));
}
