//! `/politicas/{code}/entregables/{n}/importar`: a Word document brought into the deliverable. The
//! team uploads the `.docx` (into the whole deliverable, split at its "Paso N" headings, or into
//! one step); the page then previews each step as it will read, says what could not be kept, and
//! nothing is saved until "Guardar como nuevas revisiones", which saves each ticked step as an
//! ordinary revision (refused, with everything kept, if someone saved the step meanwhile).
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::data::{get_import, ImportPage as Page};
use super::form::{base_field, text_field, ImportForm, ImportSaveForm, HELD_BEFORE, HELD_LOST, HELD_OTHER_STEPS, IMPORT_ANCHOR, WHOLE_DELIVERABLE};
use crate::i18n::t;
use crate::ui::{loaded, Crumbs, FormFeedback, FormKey, PageTitle};
use crate::urls;
use crate::web::WebError;

#[component]
pub fn ImportPage() -> impl IntoView {
    let (params, query) = (use_params_map(), use_query_map());
    let key = move || {
        let p = params.read();
        (p.get("code").unwrap_or_default(), p.get("n").and_then(|n| n.parse::<u8>().ok()), query.read().get("error"))
    };
    // A refused upload comes back with where the text was going.
    let target = move || query.read().get(ImportForm::destino).unwrap_or_else(|| WHOLE_DELIVERABLE.to_string());
    let page = Resource::new(key, |(code, n, error)| async move {
        match n {
            Some(n) => get_import(code, n, error).await,
            None => Err(WebError::NotFound),
        }
    });
    loaded(page, move |p| view! { <Import page=p target=target() /> })
}

#[component]
fn Import(page: Page, target: String) -> impl IntoView {
    let t = t();
    let code = page.policy_code.clone();
    let n = page.deliverable;
    let error = page.error.clone().map(|e| t.import_error(&e).to_string());
    let has_preview = !page.preview.is_empty();
    view! {
        <PageTitle text=format!("{} · {} {n} · {code}", t.import_title, t.deliverable) />
        <Crumbs
            trail=vec![(code.clone(), urls::policy(&code)), (format!("{} {n}", t.deliverable), urls::deliverable(&code, n))]
            here=t.import_title.to_string()
        />
        <p class="eyebrow">{format!("{} {n} · {}", t.deliverable, page.policy_name)}</p>
        <h1>{t.import_title}</h1>
        <p>{t.import_intro}</p>
        {(!page.available).then(|| view! { <p class="notice notice-error" role="alert">{t.import_unavailable}</p> })}
        // The refusal of the upload is said at the top of its form; of the save, above the preview.
        {(!has_preview).then(|| view! { <FormFeedback anchor=IMPORT_ANCHOR error=error.clone() /> })}
        <form method="post" action=urls::import(&code, n) enctype="multipart/form-data" class="card">
            <FormKey anchor=IMPORT_ANCHOR />
            <label for="archivo">{t.import_file_label}</label>
            <p class="hint" id="archivo-ayuda">{t.import_file_hint}</p>
            <p><input type="file" id="archivo" name=ImportForm::archivo accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" required aria-describedby="archivo-ayuda" /></p>
            <fieldset>
                <legend>{t.import_target}</legend>
                <label class="check"><input type="radio" name=ImportForm::destino value=WHOLE_DELIVERABLE checked=target == WHOLE_DELIVERABLE /> " "{t.import_whole}</label>
                {page.steps.iter().map(|(s, title)| view! {
                    <label class="check"><input type="radio" name=ImportForm::destino value=s.to_string() checked=target == s.to_string() /> " "{format!("{} {s}. {title}", t.step)}</label>
                }).collect_view()}
            </fieldset>
            <button type="submit" class="button">{t.import_preview_button}</button>
        </form>
        {has_preview.then(|| view! { <Preview page=page.clone() error=error.clone() /> })}
    }
}

/// The document read: each step as it will read, what could not be kept, and the form that saves.
#[component]
fn Preview(page: Page, error: Option<String>) -> impl IntoView {
    let t = t();
    let (code, n) = (page.policy_code.clone(), page.deliverable);
    let file = page.file.clone().unwrap_or_default();
    let other_steps = page.other_steps.iter().map(u8::to_string).collect::<Vec<_>>().join(",");
    view! {
        <section id="vista-previa" aria-labelledby="vista-previa-titulo">
            <h2 id="vista-previa-titulo">{format!("{} «{file}»", t.import_preview_of)}</h2>
            <FormFeedback anchor=IMPORT_ANCHOR error=error />
            <div class="notice" role="status">
                <p>{t.import_nothing_saved}</p>
                {if page.lost.is_empty() && page.before_chars == 0 && page.other_steps.is_empty() {
                    view! { <p>{t.import_all_kept}</p> }.into_any()
                } else {
                    view! {
                        <p>{t.import_not_kept}</p>
                        <ul>
                            {page.lost.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}
                            {(page.before_chars > 0).then(|| view! { <li>{t.import_before(page.before_chars)}</li> })}
                            {(!page.other_steps.is_empty()).then(|| view! { <li>{t.import_other_steps(&page.other_steps)}</li> })}
                        </ul>
                    }.into_any()
                }}
            </div>
            <form method="post" action=urls::import_save(&code, n)>
                <FormKey anchor=IMPORT_ANCHOR />
                <input type="hidden" name=ImportSaveForm::archivo value=file.clone() />
                // What the preview says travels with the form, so that a refusal shows it again.
                {page.lost.iter().map(|l| view! { <input type="hidden" name=HELD_LOST value=l.clone() /> }).collect_view()}
                <input type="hidden" name=HELD_BEFORE value=page.before_chars.to_string() />
                <input type="hidden" name=HELD_OTHER_STEPS value=other_steps />
                {page.preview.iter().map(|s| {
                    let id = format!("importar-paso-{}", s.number);
                    let changed = s.current != s.base;
                    view! {
                        <fieldset class="import-step" aria-invalid=changed.then_some("true")>
                            <legend>
                                <label class="check" for=id.clone()>
                                    <input type="checkbox" id=id.clone() name=ImportSaveForm::pasos value=s.number.to_string() checked=s.ticked />
                                    " "{format!("{} {}. {}", t.step, s.number, s.title)}
                                </label>
                            </legend>
                            {changed.then(|| view! { <p class="notice notice-error">{t.import_step_changed(s.base, s.current)}</p> })}
                            <div class="prose preview" inner_html=s.preview_html.clone()></div>
                            <details>
                                <summary>{t.import_review_text}</summary>
                                <label for=format!("{id}-texto") class="visually-hidden">{format!("{} {} (Markdown)", t.step, s.number)}</label>
                                <textarea id=format!("{id}-texto") name=text_field(s.number) rows="16" inner_html=crate::ui::textarea_html(&s.markdown)></textarea>
                            </details>
                            <input type="hidden" name=base_field(s.number) value=s.base.to_string() />
                        </fieldset>
                    }
                }).collect_view()}
                <button type="submit" class="button">{t.import_save_button}</button>
            </form>
        </section>
    }
}
