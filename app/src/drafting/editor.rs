//! `/politicas/{code}/pasos/{n}/editar`: the step editor. A plain form ("Vista previa", "Guardar")
//! that works without the wasm; with it, the preview follows the typing and the text is kept in
//! the browser until it is saved. A draft (`?borrador=`) brings back a preview, a refused save or a
//! conflict with someone else's newer revision.
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::ui::{PageTitle, by_whom, loaded, textarea_html, DiffView, StepCrumbs};
use super::data::{get_editor, preview_markdown};
use super::browser;
use crate::domain::step;
use crate::web::WebError;
use super::form::{EditorQuery, StepForm as F, PREVIEW, SAVE};
use crate::i18n::t;
use crate::urls;
use super::data::EditorPage as Page;

/// The anchor of the editor's form (its feedback is `#texto-mensaje`).
const EDITOR_ANCHOR: &str = "texto";

#[component]
pub fn EditorPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let (p, q) = (params.read(), query.read());
        (
            p.get("code").unwrap_or_default(),
            p.get("n").and_then(|n| n.parse::<u8>().ok()),
            q.get(EditorQuery::borrador),
            q.get(EditorQuery::error),
        )
    };
    let changes = move || crate::domain::pasted::parse_changes(&query.read().get(EditorQuery::ajustes).unwrap_or_default());
    let page = Resource::new(key, |(code, n, draft, error)| async move {
        match n {
            Some(n) => get_editor(code, n, draft, error).await,
            None => Err(WebError::NotFound),
        }
    });
    loaded(page, move |p| view! { <Editor page=p changes=changes() /> })
}

#[component]
fn Editor(page: Page, changes: Vec<(crate::domain::pasted::Change, usize)>) -> impl IntoView {
    let t = t();
    let title = step(page.number).map(|s| s.title).unwrap_or_default();
    // Sent after the session ended: the text comes back held (see `web::held`), on its own base.
    let held = crate::ui::held().filter(|h| h.anchor == EDITOR_ANCHOR);
    let kept = |name: &str| held.as_ref().and_then(|h| h.fields.iter().find(|(k, _)| k == name)).map(|(_, v)| v.clone());
    let (text, summary) = (kept(F::texto).unwrap_or_else(|| page.text.clone()), kept(F::resumen).unwrap_or_else(|| page.summary.clone()));
    let base = kept(F::base).and_then(|b| b.parse().ok()).unwrap_or(page.base);
    // The text travels once: in the text area the server renders. The island (toolbar, paste,
    // live preview) reads and changes it in place; without the wasm the form works as it is.
    let (code, number) = (page.policy_code.clone(), page.number);
    let form = view! {
        <EditorForm policy_code=code.clone() number=number>
            <div class="editor-layout">
                <form method="post" action=urls::editor(&code, number) class="editor">
                    <crate::ui::FormKey anchor=EDITOR_ANCHOR />
                    <input type="hidden" name=F::base value=base.to_string() />
                    <input type="hidden" name=F::borrador value=page.draft.clone().unwrap_or_default() />
                    <label for=browser::TEXT_AREA>{t.editor_text_label}</label>
                    <p id="texto-ayuda" class="hint">{t.editor_text_hint}</p>
                    <textarea id=browser::TEXT_AREA name=F::texto rows="24" aria-describedby="texto-ayuda" inner_html=textarea_html(&text)></textarea>
                    <label for="resumen">{t.editor_summary_label}</label>
                    <input id="resumen" name=F::resumen type="text" maxlength="200" value=summary />
                    <div class="form-actions">
                        <button type="submit" name=F::accion value=SAVE class="button">{t.save}</button>
                        <button type="submit" name=F::accion value=PREVIEW class="button button-quiet">{t.preview}</button>
                        <a href=urls::step(&code, number)>{t.cancel}</a>
                    </div>
                </form>
                <section class="preview" aria-labelledby="vista-previa">
                    <h2 id="vista-previa">{t.preview}</h2>
                    {page.preview_html.is_empty().then(|| view! { <p class="hint" id=browser::PREVIEW_HINT>{t.editor_preview_hint}</p> })}
                    <div class="prose" id=browser::PREVIEW_TEXT aria-live="polite" inner_html=page.preview_html.clone()></div>
                </section>
            </div>
        </EditorForm>
    };
    view! {
        <PageTitle text=format!("{} {} {} · {}", t.edit_step, t.step.to_lowercase(), page.number, page.policy_code) />
        <StepCrumbs policy_code=page.policy_code.clone() number=page.number here=t.edit_step />
        <p class="eyebrow">{t.step}" "{page.number}" · "{page.policy_name.clone()}</p>
        <h1>{t.edit_step}": "{title}</h1>
        <p class="meta">
            {match &page.current {
                Some(r) => format!("{} {} · {}", t.revision, r.number, by_whom(Some(&r.at), Some(&r.author))),
                None => t.editor_first_text.to_string(),
            }}
        </p>
        {page.error.map(|e| view! { <div class="notice notice-error" role="alert">{t.draft_error(e)}</div> })}
        <crate::ui::FormFeedback anchor=EDITOR_ANCHOR />
        {(!changes.is_empty()).then(|| view! { <div class="notice" role="status"><crate::ui::PastedChanges changes=changes /></div> })}
        {page.conflict.clone().map(|c| view! {
            <section class="notice notice-error conflict" aria-labelledby="conflicto">
                <h2 id="conflicto">{t.conflict_title}</h2>
                <p>{format!(
                    "{} {}; {} {} {} {}. {}",
                    t.conflict_started_from, c.started_from, by_whom(Some(&c.newer.at), Some(&c.newer.author)),
                    t.conflict_saved, t.revision.to_lowercase(), c.newer.number, t.conflict_nothing_lost
                )}</p>
                <h3>{format!("{} {}", t.conflict_diff_heading, c.newer.number)}</h3>
                <DiffView segments=c.diff />
                <details>
                    <summary>{format!("{} {}", t.conflict_newer_text, c.newer.number)}</summary>
                    <label for="texto-nuevo" class="visually-hidden">{format!("{} {}", t.conflict_newer_text, c.newer.number)}</label>
                    <textarea id="texto-nuevo" readonly rows="12" inner_html=textarea_html(&c.newer_text)></textarea>
                </details>
            </section>
        })}
        {form}
    }
}

/// The editor's part that runs in the browser (an island around the server-rendered form and
/// preview): the formatting toolbar, pasting from Word or a PDF as Markdown, the live preview
/// with what saving will change, and the text kept in the browser until it is saved.
#[island]
fn EditorForm(policy_code: String, number: u8, children: Children) -> impl IntoView {
    let t = t();
    let storage_key = StoredValue::new(browser::draft_key(&policy_code, number));
    let code = StoredValue::new(policy_code);
    let recoverable = RwSignal::new(None::<String>);
    // What saving will change of the text, and whether it has HTML that will show as text.
    let warnings = RwSignal::new((Vec::<(crate::domain::pasted::Change, usize)>::new(), false));
    // What the last paste changed or could not keep.
    let pasted = RwSignal::new(None::<(Vec<(crate::domain::pasted::Change, usize)>, Vec<String>)>);

    let running = RwSignal::new(false);
    // In the browser only: offer back text typed on an earlier visit and never saved.
    Effect::new(move |_| {
        running.set(true);
        let shown = browser::editing().map(|e| e.text).unwrap_or_default();
        match browser::load(&storage_key.get_value()) {
            Some(kept) if kept != shown && !kept.trim().is_empty() => recoverable.set(Some(kept)),
            Some(_) => browser::forget(&storage_key.get_value()),
            None => {}
        }
    });

    // The live preview: asked of the server (the same normalisation and renderer as saving and
    // the step page) once typing pauses.
    let generation = StoredValue::new(0u64);
    let refresh = move |text: String| {
        browser::save(&storage_key.get_value(), &text);
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        set_timeout(
            move || {
                if generation.get_value() != mine {
                    return;
                }
                leptos::task::spawn_local(async move {
                    if let Ok(p) = preview_markdown(code.get_value(), text).await {
                        if generation.get_value() == mine {
                            browser::set_preview(&p.html);
                            warnings.set((p.changes, p.raw_html));
                        }
                    }
                });
            },
            std::time::Duration::from_millis(400),
        );
    };
    let in_text = |ev: &leptos::ev::Event| event_target::<leptos::web_sys::Element>(ev).id() == browser::TEXT_AREA;
    let on_input = move |ev: leptos::ev::Event| {
        if in_text(&ev) {
            refresh(event_target_value(&ev));
        }
    };
    // Puts `markdown` where the selection was when the paste happened.
    let insert = move |at: super::toolbar::Edit, markdown: &str| {
        let (start, end) = (at.start.min(at.end), at.end.max(at.start));
        let units: Vec<u16> = at.text.encode_utf16().collect();
        let before = String::from_utf16_lossy(&units[..start.min(units.len())]);
        let after = String::from_utf16_lossy(&units[end.min(units.len())..]);
        let cursor = start + markdown.encode_utf16().count();
        let text = format!("{before}{markdown}{after}");
        browser::set_editing(&super::toolbar::Edit { text: text.clone(), start: cursor, end: cursor });
        refresh(text);
    };
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        #[cfg(feature = "hydrate")]
        {
            let (Some(data), Some(at)) = (ev.clipboard_data(), browser::editing()) else { return };
            if event_target::<leptos::web_sys::Element>(&ev).id() != browser::TEXT_AREA {
                return;
            }
            let html = data.get_data("text/html").unwrap_or_default();
            let plain = data.get_data("text/plain").unwrap_or_default();
            if !html.trim().is_empty() && html.len() <= 2_000_000 {
                // Word or a web page: its structure as Markdown, by the server (as an import).
                ev.prevent_default();
                leptos::task::spawn_local(async move {
                    match super::data::convert_paste(code.get_value(), html).await {
                        Ok(p) => {
                            insert(at, &p.markdown);
                            pasted.set(Some((p.changes, p.lost)));
                        }
                        Err(_) => {
                            let n = crate::domain::pasted::normalize(&plain);
                            insert(at, &n.text);
                            pasted.set(Some((n.changes, Vec::new())));
                        }
                    }
                });
            } else {
                // Plain text (a PDF, a mail): Word's and the PDF's artefacts cleaned here.
                let n = crate::domain::pasted::normalize(&plain);
                if !n.changes.is_empty() {
                    ev.prevent_default();
                    insert(at, &n.text);
                    pasted.set(Some((n.changes, Vec::new())));
                }
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, insert, pasted);
    };
    let tool = move |tool: super::toolbar::Tool| {
        if let Some(edit) = browser::editing() {
            let words = super::toolbar::Words { column: t.toolbar_column, note: t.toolbar_note_text };
            let done = super::toolbar::apply(&edit, tool, &words);
            browser::set_editing(&done);
            refresh(done.text);
        }
    };
    let recover = move |_| {
        if let Some(kept) = recoverable.get_untracked() {
            browser::set_editing(&super::toolbar::Edit { start: 0, end: 0, text: kept.clone() });
            refresh(kept);
        }
        recoverable.set(None);
    };
    let discard = move |_| {
        browser::forget(&storage_key.get_value());
        recoverable.set(None);
    };

    view! {
        {move || recoverable.get().map(|_| view! {
            <div class="notice" role="status">
                <p>{t.editor_recover_text}</p>
                <button type="button" class="button" on:click=recover>{t.editor_recover}</button>
                " "
                <button type="button" class="button button-quiet" on:click=discard>{t.editor_discard}</button>
            </div>
        })}
        // The toolbar works only with the wasm: it appears once the island runs.
        {move || running.get().then(|| view! {
            <div class="toolbar" role="toolbar" aria-label=t.toolbar_label aria-controls=browser::TEXT_AREA>
                {super::toolbar::Tool::ALL.into_iter().map(|k| view! {
                    <button type="button" class="button button-quiet" on:click=move |_| tool(k)>{t.toolbar_tool(k)}</button>
                }).collect_view()}
            </div>
        })}
        <div class="notice" role="status" aria-live="polite" hidden=move || pasted.with(Option::is_none)>
            {move || pasted.get().map(|(changes, lost)| view! {
                <crate::ui::PastedChanges changes=changes />
                {(!lost.is_empty()).then(|| view! {
                    <p>{t.import_not_kept}</p>
                    <ul>{lost.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                })}
            })}
        </div>
        <div class="notice" role="status" aria-live="polite" hidden=move || warnings.with(|(c, raw)| c.is_empty() && !raw)>
            {move || warnings.get().0.into_iter().next().is_some().then(|| view! { <p>{t.editor_will_change}</p> })}
            {move || view! { <ul>{warnings.get().0.into_iter().map(|(c, n)| view! { <li>{t.pasted_change(c, n)}</li> }).collect_view()}</ul> }}
            {move || warnings.get().1.then(|| view! { <p>{t.editor_raw_html}</p> })}
        </div>
        <div class="editor-island" on:input=on_input on:paste=on_paste>
            {children()}
        </div>
    }
}
