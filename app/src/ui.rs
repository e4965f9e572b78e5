//! What the pages share: the page title, the trail of links above a page, state badges, the
//! loading and error states, pagination, diffs, and dates as Peruvians write them (dd/mm/aaaa,
//! «junio de 2023», in Lima's time).
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::domain::drafting::has_changes;
use crate::domain::{Change, DeliverableState, PolicyEvent, Segment, StepState};
use crate::i18n::t;
use crate::web::form::{HeldFields, FORM_ANCHOR, FORM_KEY, HELD, SESSION_EXPIRED};
use crate::web::{set_status, WebError};

/// A page's title in `<head>` (escaped by `app::title_text`, since leptos_meta writes it as given).
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    view! { <Title text=text /> }
}

/// The page for any address Pasos does not know, with HTTP status 404.
#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    let t = t();
    view! {
        <PageTitle text=t.not_found_title />
        <section class="notice" aria-labelledby="nf-title">
            <h1 id="nf-title">{t.not_found_title}</h1>
            <p>{t.not_found_text}</p>
            <p><A href=crate::urls::HOME>{t.go_home}</A></p>
        </section>
    }
}

/// The trail of links above a page: each (label, address) in `trail`, then `here`.
#[component]
pub fn Crumbs(trail: Vec<(String, String)>, #[prop(into)] here: String) -> impl IntoView {
    view! {
        <nav class="breadcrumb" aria-label=t().breadcrumb>
            {trail.into_iter().map(|(label, href)| view! { <a href=href>{label}</a>" › " }).collect_view()}
            <span aria-current="page">{here}</span>
        </nav>
    }
}

/// The fields a page fills a form with, in the struct the handler reads: a held form's (a
/// refusal, or a form sent after the session expired; see `web::held`) over the address's query.
pub fn kept<T: serde::de::DeserializeOwned + Default>() -> T {
    crate::web::form::filled(&leptos_router::hooks::use_location().search.get_untracked(), held().as_deref())
}

/// The held form offered back to this page, if any (put into the request by the gate).
pub fn held() -> Option<std::sync::Arc<HeldFields>> {
    use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<std::sync::Arc<HeldFields>>().cloned())
}

/// The hidden fields every form carries: a fresh key (the same form sent twice lands once) and
/// the anchor of its place on the page (where its feedback is shown, and where a form held while
/// the session was expired comes back to).
/// Inside an island, pass the `key` the server made ([`new_form_key`]) among its props.
#[component]
pub fn FormKey(#[prop(into)] anchor: String, #[prop(optional)] key: Option<String>) -> impl IntoView {
    let key = key.unwrap_or_else(new_form_key);
    // Filled from a held form: its id, so that the held text is forgotten once this form is sent.
    let from = held().filter(|h| h.anchor == anchor).map(|h| view! { <input type="hidden" name=HELD value=h.id.clone() /> });
    view! {
        <input type="hidden" name=FORM_KEY value=key />
        <input type="hidden" name=FORM_ANCHOR value=anchor />
        {from}
    }
}

/// A fresh form key (32 random hex digits), made on the server; none in the browser, where a
/// form gets its key from the server's props.
pub fn new_form_key() -> String {
    #[cfg(feature = "ssr")]
    return crate::store::credentials::new_key();
    #[cfg(not(feature = "ssr"))]
    String::new()
}

/// The id of the feedback of the form at `anchor`: where a refusal's way back lands, and what
/// the fields it concerns are described by.
pub fn feedback_id(anchor: &str) -> String {
    format!("{anchor}-mensaje")
}

/// A form's feedback, the one pattern of every form: at the top of the form, where the way back
/// lands (`#{anchor}-mensaje`, focusable), a refusal (`error`, worded by the page) announced as an
/// alert, a confirmation (`ok`) as a status. A form held while its session had expired says so
/// here by itself.
#[component]
pub fn FormFeedback(#[prop(into)] anchor: String, #[prop(optional_no_strip)] error: Option<String>, #[prop(optional_no_strip)] ok: Option<String>) -> impl IntoView {
    let expired = held().filter(|h| h.anchor == anchor && h.error == SESSION_EXPIRED).map(|_| t().session_expired_form.to_string());
    let id = feedback_id(&anchor);
    match (error.or(expired), ok) {
        (Some(e), _) => view! { <p class="form-error" role="alert" id=id tabindex="-1">{e}</p> }.into_any(),
        (None, Some(ok)) => view! { <p class="notice-ok" role="status" id=id tabindex="-1">{ok}</p> }.into_any(),
        (None, None) => ().into_any(),
    }
}

/// Said at the top of a page asked for with a held form that is no longer there (held for another
/// account, sent already, or older than a week): the form is shown as it is, and why.
#[component]
pub fn HeldMissing() -> impl IntoView {
    let search = leptos_router::hooks::use_location().search.get_untracked();
    let asked = form_urlencoded::parse(search.trim_start_matches('?').as_bytes()).any(|(k, _)| k == HELD);
    (asked && held().is_none()).then(|| view! { <p class="notice" role="status">{t().held_missing}</p> })
}

pub use crate::domain::time::{machine_moment, moment};

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

/// A page's data as it arrives: "Cargando…" meanwhile, then `render` of the data, or the error
/// (404, 401/403 or an apology) when it could not be had.
pub fn loaded<T, V>(page: Resource<Result<T, WebError>>, render: impl Fn(T) -> V + Clone + Send + Sync + 'static) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=Loading>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match page.await {
                        Ok(p) => render(p).into_any(),
                        Err(e) => view! { <ErrorView error=e /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// What a page shows when its data could not be had: a real 404 for what does not exist,
/// a plain apology (and a 503) for everything else.
#[component]
pub fn ErrorView(error: WebError) -> impl IntoView {
    match error {
        WebError::NotFound => view! { <NotFound /> }.into_any(),
        WebError::Forbidden | WebError::NotSignedIn => {
            set_status(error.status());
            view! {
                <PageTitle text=t().forbidden_title />
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

/// The date of an event, machine-readable and as precise as it is known.
#[component]
pub fn EventTime(event: PolicyEvent) -> impl IntoView {
    match event.date.iso() {
        Some(iso) => view! { <time datetime=iso>{event.date.text()}</time> }.into_any(),
        // An *as of* day bounds the date without being it: no machine-readable date to give.
        None => view! { <span>{event.date.text()}</span> }.into_any(),
    }
}

/// The trail of a page under a step: policy › Paso N › `here`.
#[component]
pub fn StepCrumbs(policy_code: String, number: u8, here: &'static str) -> impl IntoView {
    let trail = vec![
        (policy_code.clone(), crate::urls::policy(&policy_code)),
        (format!("{} {number}", t().step), crate::urls::step(&policy_code, number)),
    ];
    view! { <Crumbs trail=trail here=here /> }
}

/// Previous / next links for a paginated list. `base` ends with `?` or `&`; `fragment` (e.g.
/// `#aportes`) brings the reader back to the list on a long page.
#[component]
pub fn Pagination(base: String, page: usize, pages: usize, #[prop(optional)] fragment: &'static str) -> impl IntoView {
    let t = t();
    (pages > 1).then(|| {
        view! {
            <nav class="pagination" aria-label=t.pagination>
                {(page > 1).then(|| view! { <a href=format!("{base}pagina={}{fragment}", page - 1) rel="prev">{t.previous}</a> })}
                <span>{format!("{} {page} {} {pages}", t.page_of, t.of)}</span>
                {(page < pages).then(|| view! { <a href=format!("{base}pagina={}{fragment}", page + 1) rel="next">{t.next}</a> })}
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
        (Some(at), Some(who)) => format!("{} {} {who}", moment(at), t().by),
        (Some(at), None) => moment(at),
        (None, Some(who)) => who.to_string(),
        (None, None) => String::new(),
    }
}

/// A `<textarea>`'s content as HTML. Leptos writes a textarea's children unescaped (as it does
/// for `<script>`), so a text containing `</textarea>` would close the element and turn the rest
/// into live markup; the browser decodes these entities back into the exact text. HTML drops one
/// newline right after the start tag, so a text that starts with one gets another in front: what
/// was typed comes back exactly, empty lines included.
pub fn textarea_html(text: &str) -> String {
    let escaped = crate::domain::text::escape_html(text);
    if text.starts_with('\n') || text.starts_with("\r\n") { format!("\n{escaped}") } else { escaped }
}

/// Where and how an event may be annulled: the form's action and the page to come back to.
#[derive(Clone)]
pub struct AnnulTarget {
    pub action: String,
    pub back: String,
}

/// One event of a timeline: date, title, scope, state change, document, version, note; an
/// annulled event stays, struck through, with who annulled it and why.
#[component]
pub fn TimelineItem(
    event: PolicyEvent,
    annul: Option<AnnulTarget>,
    /// The documents of the expediente tied to this event, for those who may read them.
    #[prop(optional)]
    documents: Vec<crate::domain::expediente::DocumentInfo>,
) -> impl IntoView {
    let t = t();
    let scope = match (event.deliverable, event.milestone) {
        (Some(n), _) => format!("{} {n}", t.deliverable),
        (None, Some(_)) => t.milestone_scope.to_string(),
        (None, None) => t.whole_policy.to_string(),
    };
    let annulled = event.annulled.clone();
    let class = if annulled.is_some() { "timeline-item annulled" } else { "timeline-item" };
    let id = format!("evento-{}", event.id);
    view! {
        <li class=class id=id>
            <p class="timeline-date"><EventTime event=event.clone() /></p>
            <div class="timeline-body">
                <h3>
                    {annulled.is_some().then(|| view! { <span class="badge badge-annulled">{t.annulled}</span>" " })}
                    <span class="event-title">{event.title.clone()}</span>
                </h3>
                <p class="meta">
                    {scope}
                    {event.state_to.map(|s| view! { " · "{t.state_entered}": "<StateBadge state=s /> })}
                </p>
                {(event.kind == crate::domain::EventKind::Transition && event.state_from.is_none())
                    .then(|| view! { <p class="meta">{t.imported_history}</p> })}
                {event.answer.map(|a| view! { <p class="meta">{format!("{}: {}", t.ceplan_answer_label, t.ceplan_answer(a))}</p> })}
                {(!event.detail.is_empty()).then(|| view! { <p class="event-detail">{event.detail.clone()}</p> })}
                {event.document.clone().map(|d| view! { <p class="meta">{t.document}": "{d}</p> })}
                {event.version.map(|v| view! { <p class="meta">{format!("{} {v}", t.version_sent)}</p> })}
                {(!documents.is_empty()).then(|| view! {
                    <ul class="event-documents" aria-label=t.expediente_title>
                        {documents.into_iter().map(|d| view! {
                            <li>{format!("{}: ", t.document_title(d.doc.kind, &d.doc.number))}
                                {d.files.into_iter().map(|f| view! { <a href=crate::urls::document_file(&f.id) download="">{f.name}</a>" " }).collect_view()}
                            </li>
                        }).collect_view()}
                    </ul>
                })}
                {event.link.clone().map(|l| view! { <p class="meta"><a href=l.clone() rel="noopener noreferrer nofollow">{t.attachment}</a></p> })}
                {event.recorded_by.clone().map(|by| view! { <p class="source">{format!("{} {by}", t.recorded_by)}</p> })}
                {event.source.clone().map(|s| view! { <p class="source">{t.source}": "{s}</p> })}
                {annulled.map(|a| view! {
                    <p class="annulment">{format!("{} {} {} {}: {}", t.annulled_on, moment(&a.at), t.by, a.by, a.reason)}</p>
                })}
                {annul.map(|form| view! {
                    <details class="annul">
                        <summary>{t.annul_summary}</summary>
                        <form method="post" action=form.action>
                            <input type="hidden" name=crate::review::form::AnnulForm::volver value=form.back />
                            <FormKey anchor=format!("evento-{}", event.id) />
                            <label for=format!("motivo-{}", event.id)>{t.annul_reason}</label>
                            <textarea id=format!("motivo-{}", event.id) name=crate::review::form::AnnulForm::motivo rows="2" maxlength="1000" required></textarea>
                            <button type="submit" class="button button-secondary">{t.annul_button}</button>
                        </form>
                    </details>
                })}
            </div>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_textarea_keeps_a_leading_empty_line() {
        assert_eq!(textarea_html("\n\n- a"), "\n\n\n- a", "the parser drops the first newline only");
        assert_eq!(textarea_html("a</textarea>"), "a&lt;/textarea&gt;");
    }
    use chrono::{TimeZone, Utc};

    #[test]
    fn moments_are_shown_in_lima_time() {
        let at = Utc.with_ymd_and_hms(2026, 11, 27, 2, 30, 0).unwrap();
        assert_eq!(moment(&at), "26/11/2026 21:30");
        let precise = at + chrono::Duration::nanoseconds(788_623_567);
        assert_eq!(machine_moment(&precise), "2026-11-26T21:30:00-05:00");
    }
}

/// What was changed of a pasted text (Word's indents, line breaks and bullets, a PDF's split
/// words and dot leaders), said where the save or preview is confirmed; nothing when nothing was.
#[component]
pub fn PastedChanges(changes: Vec<(crate::domain::pasted::Change, usize)>) -> impl IntoView {
    let t = crate::i18n::t();
    (!changes.is_empty()).then(|| view! {
        <p>{t.pasted_changes_intro}</p>
        <ul class="pasted-changes">
            {changes.into_iter().map(|(c, n)| view! { <li>{t.pasted_change(c, n)}</li> }).collect_view()}
        </ul>
    })
}
