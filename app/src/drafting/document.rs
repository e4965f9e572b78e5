//! `/politicas/{code}/entregables/{n}/documento[?version=k]`: the deliverable as one document —
//! a cover, then each step — ready for the browser's print (the print stylesheet drops the site's
//! chrome) or as DOCX.
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::ui::{PageTitle, loaded};
use super::data::{get_document};
use crate::domain::{step, steps_of};
use crate::web::WebError;
use crate::ui::moment;
use super::form::VersionQuery;
use crate::i18n::t;
use crate::urls;
use super::data::DocumentPage as Page;
use super::data::AnnexPart;

#[component]
pub fn DocumentPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let (p, q) = (params.read(), query.read());
        (
            p.get("code").unwrap_or_default(),
            p.get("n").and_then(|n| n.parse::<u8>().ok()),
            // A version that is not a number names nothing: a 404 rather than the working text.
            q.get(VersionQuery::version).filter(|v| !v.is_empty()).map(|v| v.parse::<u32>().ok()),
        )
    };
    let page = Resource::new(key, |(code, n, version)| async move {
        match (n, version) {
            (Some(n), None) => get_document(code, n, None).await,
            (Some(n), Some(Some(v))) => get_document(code, n, Some(v)).await,
            _ => Err(WebError::NotFound),
        }
    });
    loaded(page, move |p| view! { <Document page=p /> })
}

#[component]
fn Document(page: Page) -> impl IntoView {
    let t = t();
    let deliverable_href = urls::deliverable(&page.policy_code, page.deliverable);
    let docx = urls::document_docx(&page.policy_code, page.deliverable);
    let xlsx = urls::annexes_xlsx(&page.policy_code, page.deliverable);
    let steps_label = steps_of(page.deliverable).map(|s| s.number.to_string()).collect::<Vec<_>>().join(" y ");
    let (version_line, docx_href, xlsx_href) = match &page.version {
        Some(v) => (
            format!("{} {} — {} {} {} {}", t.version, v.number, t.frozen_on, moment(&v.at), t.by, v.author),
            format!("{docx}?{}={}", VersionQuery::version, v.number),
            format!("{xlsx}?{}={}", VersionQuery::version, v.number),
        ),
        None => (format!("{} {}", t.working_text_at, moment(&page.generated_at)), docx.clone(), xlsx.clone()),
    };
    view! {
        <PageTitle text=format!("{} · {} {} · {}", t.document, t.deliverable, page.deliverable, page.policy_code) />
        <div class="no-print document-tools">
            <A href=deliverable_href.clone()>{format!("← {} {}", t.deliverable, page.deliverable)}</A>
            <a href=docx_href class="button" download="">{t.download_docx}</a>
            {(!page.annexes.is_empty()).then(|| view! { <a href=xlsx_href download="">{t.annexes_xlsx}</a> })}
            <p class="hint">{t.print_hint}</p>
        </div>
        <article class="document">
            <header class="cover">
                <p class="eyebrow">{page.policy_code.clone()}</p>
                <h1>{page.policy_name.clone()}</h1>
                <p class="cover-deliverable">{format!("{} {} ({} {steps_label})", t.deliverable, page.deliverable, t.steps.to_lowercase())}</p>
                <p>{version_line}</p>
                {page.version.as_ref().map(|v| view! { <p class="note">{v.note.clone()}</p> })}
                {page.version.as_ref().and_then(|v| v.guide.clone()).map(|g| view! { <p class="note">{format!("{} {g}", t.guide_of_version)}</p> })}
            </header>
            {page.steps.into_iter().map(|s| {
                let title = step(s.number).map(|d| d.title).unwrap_or_default();
                view! {
                    <section class="doc-step" aria-labelledby=format!("paso-{}", s.number)>
                        <h2 id=format!("paso-{}", s.number)>{format!("{} {}. {title}", t.step, s.number)}</h2>
                        {if s.html.trim().is_empty() {
                            view! { <p class="empty">{t.no_text_in_version}</p> }.into_any()
                        } else {
                            view! { <div class="prose" inner_html=s.html></div> }.into_any()
                        }}
                    </section>
                }
            }).collect_view()}
            {(!page.annexes.is_empty()).then(|| view! {
                <section class="doc-annexes" aria-labelledby="anexos">
                    <h2 id="anexos">{t.annexes_title}</h2>
                    {page.annexes.into_iter().map(|a| view! {
                        <section class="doc-annex" aria-labelledby=format!("anexo-{}", a.number)>
                            <h3 id=format!("anexo-{}", a.number)>{a.heading}</h3>
                            {a.blocks.into_iter().map(|b| match b {
                                AnnexPart::Html(html) => view! { <div class="prose" inner_html=html></div> }.into_any(),
                                AnnexPart::Chart(svg) => view! {
                                    <figure class="grafico"><div inner_html=svg></div><figcaption class="meta">{t.chart_legend}</figcaption></figure>
                                }.into_any(),
                            }).collect_view()}
                        </section>
                    }).collect_view()}
                </section>
            })}
        </article>
    }
}
