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
    let form = view! {
        <EditorForm
            form_key=crate::ui::new_form_key()
            policy_code=page.policy_code.clone()
            number=page.number
            base=kept(F::base).and_then(|b| b.parse().ok()).unwrap_or(page.base)
            draft=page.draft.clone().unwrap_or_default()
            text=kept(F::texto).unwrap_or_else(|| page.text.clone())
            summary=kept(F::resumen).unwrap_or_else(|| page.summary.clone())
            preview_html=page.preview_html.clone()
        />
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

/// The form and its preview: the one part of the editor that runs in the browser (an island),
/// where the preview follows the typing and the text is kept until it is saved.
#[island]
fn EditorForm(form_key: String, policy_code: String, number: u8, base: u32, draft: String, text: String, summary: String, preview_html: String) -> impl IntoView {
    let t = t();
    let step_href = urls::step(&policy_code, number);
    let storage_key = browser::draft_key(&policy_code, number);
    let preview = RwSignal::new(preview_html);
    let recoverable = RwSignal::new(None::<String>);
    let textarea = NodeRef::<leptos::html::Textarea>::new();

    // In the browser only: offer back text typed on an earlier visit and never saved.
    Effect::new({
        let (key, shown) = (storage_key.clone(), text.clone());
        move |_| match browser::load(&key) {
            Some(kept) if kept != shown && !kept.trim().is_empty() => recoverable.set(Some(kept)),
            Some(_) => browser::forget(&key),
            None => {}
        }
    });

    // The live preview: asked of the server (the same renderer as the step page) once typing pauses.
    let generation = StoredValue::new(0u64);
    let code = StoredValue::new(policy_code.clone());
    let refresh = move |text: String| {
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        set_timeout(
            move || {
                if generation.get_value() != mine {
                    return;
                }
                leptos::task::spawn_local(async move {
                    if let Ok(html) = preview_markdown(code.get_value(), text).await {
                        if generation.get_value() == mine {
                            preview.set(html);
                        }
                    }
                });
            },
            std::time::Duration::from_millis(400),
        );
    };
    let on_input = {
        let key = storage_key.clone();
        move |ev| {
            let text = event_target_value(&ev);
            browser::save(&key, &text);
            refresh(text);
        }
    };
    let recover = move |_| {
        if let (Some(kept), Some(area)) = (recoverable.get_untracked(), textarea.get_untracked()) {
            area.set_value(&kept);
            refresh(kept);
        }
        recoverable.set(None);
    };
    let discard = {
        let key = storage_key.clone();
        move |_| {
            browser::forget(&key);
            recoverable.set(None);
        }
    };

    view! {
        {move || recoverable.get().map(|_| view! {
            <div class="notice" role="status">
                <p>{t.editor_recover_text}</p>
                <button type="button" class="button" on:click=recover>{t.editor_recover}</button>
                " "
                <button type="button" class="button button-quiet" on:click=discard.clone()>{t.editor_discard}</button>
            </div>
        })}
        <div class="editor-layout">
            <form method="post" action=urls::editor(&policy_code, number) class="editor">
                // The key comes from the server with the island's props: the browser keeps it.
                <crate::ui::FormKey anchor=EDITOR_ANCHOR key=form_key />
                <input type="hidden" name=F::base value=base.to_string() />
                <input type="hidden" name=F::borrador value=draft />
                <label for="texto">{t.editor_text_label}</label>
                <p id="texto-ayuda" class="hint">{t.editor_text_hint}</p>
                <textarea id="texto" name=F::texto rows="24" aria-describedby="texto-ayuda" node_ref=textarea on:input=on_input
                    inner_html=textarea_html(&text)></textarea>
                <label for="resumen">{t.editor_summary_label}</label>
                <input id="resumen" name=F::resumen type="text" maxlength="200" value=summary />
                <div class="form-actions">
                    <button type="submit" name=F::accion value=SAVE class="button">{t.save}</button>
                    <button type="submit" name=F::accion value=PREVIEW class="button button-quiet">{t.preview}</button>
                    <a href=step_href.clone()>{t.cancel}</a>
                </div>
            </form>
            <section class="preview" aria-labelledby="vista-previa">
                <h2 id="vista-previa">{t.preview}</h2>
                <div class="prose" aria-live="polite" inner_html=move || preview.get()></div>
            </section>
        </div>
    }
}
