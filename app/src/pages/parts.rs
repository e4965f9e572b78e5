//! Small pieces shared by the pages: state badges, the loading and error states.
use leptos::prelude::*;
use leptos_meta::Title;

use crate::domain::drafting::has_changes;
use crate::domain::{Change, DeliverableState, PolicyEvent, Segment, StepState};
use crate::error::AppError;
use crate::format::event_date;
use crate::i18n::t;

use super::NotFound;

/// A deliverable's state: colour for the eye, always with its text for everyone else.
#[component]
pub fn StateBadge(state: DeliverableState) -> impl IntoView {
    view! { <span class=format!("badge state-{}", state.key())>{t().deliverable_state(state)}</span> }
}

#[component]
pub fn StepBadge(state: StepState) -> impl IntoView {
    view! { <span class=format!("badge step-{}", state.key())>{t().step_state(state)}</span> }
}

#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" role="status">{t().loading}</p> }
}

/// What a page shows when its data could not be had: a real 404 for what does not exist,
/// a plain apology (and a 503) for everything else.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    match error {
        AppError::NotFound => view! { <NotFound /> }.into_any(),
        AppError::Forbidden | AppError::Unauthenticated => {
            set_status(if error == AppError::Forbidden { 403 } else { 401 });
            view! {
                <Title text=t().forbidden_title />
                <section class="notice" aria-labelledby="forbidden-title">
                    <h1 id="forbidden-title">{t().forbidden_title}</h1>
                    <p>{t().forbidden_text}</p>
                </section>
            }
            .into_any()
        }
        _ => {
            set_status(503);
            view! {
                <section class="notice" aria-labelledby="error-title">
                    <h1 id="error-title">{t().error_title}</h1>
                    <p>{t().error_text}</p>
                </section>
            }
            .into_any()
        }
    }
}

/// Sets the HTTP status of the server-rendered response (no effect in the browser).
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(status)) =
        (use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(code))
    {
        options.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// The date of an event, machine-readable and as precise as it is known.
#[component]
pub fn EventTime(event: PolicyEvent) -> impl IntoView {
    view! { <time datetime=event.date.iso()>{event_date(&event.date)}</time> }
}

/// Previous / next links for a paginated list. `base` ends with `?` or `&`.
#[component]
pub fn Pagination(base: String, page: usize, pages: usize) -> impl IntoView {
    let t = t();
    (pages > 1).then(|| {
        view! {
            <nav class="pagination" aria-label=t.pagination>
                {(page > 1).then(|| view! { <a href=format!("{base}pagina={}", page - 1) rel="prev">{t.previous}</a> })}
                <span>{format!("{} {page} {} {pages}", t.page_of, t.of)}</span>
                {(page < pages).then(|| view! { <a href=format!("{base}pagina={}", page + 1) rel="next">{t.next}</a> })}
            </nav>
        }
    })
}

/// A word-level comparison: additions underlined and marked `[+…]`, removals struck through and
/// marked `[−…]`, so it reads without colour and aloud.
#[component]
pub fn DiffView(segments: Vec<Segment>) -> impl IntoView {
    let t = t();
    if !has_changes(&segments) {
        return view! { <p class="empty">{t.diff_no_changes}</p> }.into_any();
    }
    view! {
        <p class="diff-legend">{t.diff_legend_added}" "<ins>{t.diff_example}</ins>" · "{t.diff_legend_removed}" "<del>{t.diff_example}</del></p>
        <div class="diff">
            {segments.into_iter().map(|s| match s.change {
                Change::Same => view! { <span>{s.text}</span> }.into_any(),
                Change::Added => view! { <ins>{s.text}</ins> }.into_any(),
                Change::Removed => view! { <del>{s.text}</del> }.into_any(),
            }).collect_view()}
        </div>
    }
    .into_any()
}

/// "dd/mm/aaaa hh:mm por Nombre".
pub fn by_whom(at: Option<&chrono::DateTime<chrono::Utc>>, who: Option<&str>) -> String {
    match (at, who) {
        (Some(at), Some(who)) => format!("{} {} {who}", crate::format::moment(at), t().by),
        (Some(at), None) => crate::format::moment(at),
        (None, Some(who)) => who.to_string(),
        (None, None) => String::new(),
    }
}

/// A `<textarea>`'s content as HTML. Leptos writes a textarea's children unescaped (as it does
/// for `<script>`), so a text containing `</textarea>` would close the element and turn the rest
/// into live markup; the browser decodes these entities back into the exact text.
pub fn textarea_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
