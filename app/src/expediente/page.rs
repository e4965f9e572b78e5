//! `/politicas/{code}/expediente`: the policy's documents in order of date — kind, number, sender
//! and addressee, CUT, date received, the event of the review it belongs to, and its files —
//! filtered by kind and deliverable, downloadable as a ZIP; and the form that adds one with its
//! files (a plain multipart form).
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::data::{get_expediente, ExpedientePage as Page};
use super::form::{DocumentForm, ExpedienteQuery as Q, ALREADY, ANCHOR, FILES, RECORDED, ZIP_TOO_BIG};
use crate::domain::expediente::{DocumentError, DocumentKind, MAX_FILES};
use crate::i18n::t;
use crate::ui::{held, kept, loaded, Crumbs, FormFeedback, FormKey, PageTitle};
use crate::urls;

#[component]
pub fn ExpedientePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let q = query.read();
        let text = |k: &str| q.get(k).unwrap_or_default();
        (params.read().get("code").unwrap_or_default(), Q { tipo: text(Q::tipo), entregable: text(Q::entregable) })
    };
    let page = Resource::new(key, |(code, q)| get_expediente(code, Some(q.tipo).filter(|k| !k.is_empty()), q.entregable.parse().ok()));
    loaded(page, move |p| {
        let (_, filter) = key();
        let q = query.read();
        let ok = q.get(RECORDED).map(|n| format!("{} {n}.", t().document_recorded)).or_else(|| q.get(ALREADY).map(|n| format!("{} {n}.", t().document_already)));
        let zip_too_big = q.get(ZIP_TOO_BIG).is_some();
        view! { <Expediente page=p filter=filter ok=ok zip_too_big=zip_too_big /> }
    })
}

#[component]
fn Expediente(page: Page, filter: Q, ok: Option<String>, zip_too_big: bool) -> impl IntoView {
    let t = t();
    let code = page.policy_code.clone();
    let error = held().and_then(|h| DocumentError::from_key(&h.error));
    let typed: DocumentForm = kept();
    let event_label = |id: &str| page.events.iter().find(|e| e.id == id).map(|e| e.label.clone()).unwrap_or_default();
    let wrong = |fields: &[DocumentError]| error.filter(|e| fields.contains(e)).map(|_| "true");
    // The refusal is said beside the field it is about (one message: one refusal at a time).
    const FILE_ERRORS: [DocumentError; 4] = [DocumentError::NoFile, DocumentError::TooManyFiles, DocumentError::FileTooBig, DocumentError::BadFileType];
    let message = error.map(|e| if FILE_ERRORS.contains(&e) { t.document_error(e).to_string() } else { format!("{} {}", t.document_error(e), t.files_chosen_again) });
    let feedback_at = |fields: &[DocumentError]| error.is_some_and(|e| fields.contains(&e)).then(|| view! { <FormFeedback anchor=ANCHOR error=message.clone() /> });
    let described = |fields: &[DocumentError], hint: &str| {
        let refused = error.is_some_and(|e| fields.contains(&e));
        Some(if refused { format!("{hint} {}", crate::ui::feedback_id(ANCHOR)) } else { hint.to_string() }).map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
    };
    view! {
        <PageTitle text=format!("{} · {}", t.expediente_title, code) />
        <Crumbs trail=vec![(code.clone(), urls::policy(&code))] here=t.expediente_title />
        <p class="eyebrow">{page.policy_name.clone()}</p>
        <h1>{t.expediente_title}</h1>
        <p class="lead">{t.expediente_intro}</p>

        {view! { <section aria-labelledby="documentos">
            <h2 id="documentos">{format!("{} ({} {} {})", t.expediente_documents, page.documents.len(), t.of, page.total)}</h2>
            <form method="get" action=urls::expediente(&code) class="inline-form filters">
                <label for="tipo">{t.document_kind_label}</label>
                <select id="tipo" name=Q::tipo>
                    <option value="">{t.all}</option>
                    {DocumentKind::ALL.iter().map(|k| view! { <option value=k.key() selected=filter.tipo == k.key()>{t.document_kind(*k)}</option> }).collect_view()}
                </select>
                <label for="entregable">{t.deliverable}</label>
                <select id="entregable" name=Q::entregable>
                    <option value="">{t.all}</option>
                    {(1..=5u8).map(|n| view! { <option value=n.to_string() selected=filter.entregable == n.to_string()>{format!("{} {n}", t.deliverable)}</option> }).collect_view()}
                </select>
                <button type="submit" class="button">{t.filter}</button>
            </form>
            {zip_too_big.then(|| view! { <p class="notice notice-error" role="alert">{t.expediente_zip_too_big}</p> })}
            {(!page.documents.is_empty()).then(|| view! {
                <p class="actions"><a href=format!("{}?{}", urls::expediente_zip(&code), filter.query())>{t.expediente_zip}</a></p>
            })}
            {page.documents.is_empty().then(|| view! { <p class="empty">{t.expediente_empty}</p> })}
            <ol class="documents">
                {page.documents.iter().map(|d| view! {
                    <li class="document-entry">
                        <h3>{t.document_title(d.doc.kind, &d.doc.number)}</h3>
                        <dl class="facts">
                            <div><dt>{t.document_date}</dt><dd>{d.doc.date.format("%d/%m/%Y").to_string()}</dd></div>
                            {d.doc.sender.clone().map(|s| view! { <div><dt>{t.document_sender}</dt><dd>{s}</dd></div> })}
                            {d.doc.addressee.clone().map(|s| view! { <div><dt>{t.document_addressee}</dt><dd>{s}</dd></div> })}
                            {d.doc.file_number.clone().map(|s| view! { <div><dt>{t.document_file_number}</dt><dd>{s}</dd></div> })}
                            {d.doc.received_on.map(|r| view! { <div><dt>{t.document_received}</dt><dd>{r.format("%d/%m/%Y").to_string()}</dd></div> })}
                            {d.doc.event.as_deref().map(|e| view! { <div><dt>{t.document_event}</dt><dd>{event_label(e)}</dd></div> })}
                        </dl>
                        <ul class="files">
                            {d.files.iter().map(|f| view! {
                                <li><a href=urls::document_file(&f.id) download="">{f.name.clone()}</a>" "<span class="meta">{t.file_size(f.kind, f.size)}</span></li>
                            }).collect_view()}
                        </ul>
                        <p class="meta">{format!("{} {}", t.recorded_by, d.recorded_by)}</p>
                    </li>
                }).collect_view()}
            </ol>
        </section> }.into_any()}

        {page.may_file.then(|| view! {
            <section aria-labelledby="nuevo-documento-titulo" id=ANCHOR class="card">
                <h2 id="nuevo-documento-titulo">{t.document_add}</h2>
                <FormFeedback anchor=ANCHOR error=message.clone().filter(|_| error.is_some_and(|e| matches!(e, DocumentError::BadKind | DocumentError::UnknownEvent | DocumentError::TooLong))) ok=ok.clone() />
                <form method="post" action=urls::expediente(&code) enctype="multipart/form-data" class="review-form">
                    <FormKey anchor=ANCHOR />
                    <label for="doc-tipo">{t.document_kind_label}</label>
                    <select id="doc-tipo" name=DocumentForm::tipo aria-invalid=wrong(&[DocumentError::BadKind])>
                        {DocumentKind::ALL.iter().map(|k| view! { <option value=k.key() selected=typed.tipo == k.key()>{t.document_kind(*k)}</option> }).collect_view()}
                    </select>
                    <label for="doc-numero">{t.document_number}</label>
                    {feedback_at(&[DocumentError::MissingNumber])}
                    <input id="doc-numero" name=DocumentForm::numero type="text" maxlength="200" required value=typed.numero.clone()
                        aria-invalid=wrong(&[DocumentError::MissingNumber]) aria-describedby=described(&[DocumentError::MissingNumber], "") />
                    <label for="doc-fecha">{t.document_date}</label>
                    {feedback_at(&[DocumentError::BadDate, DocumentError::FutureDate])}
                    <input id="doc-fecha" name=DocumentForm::fecha type="date" required value=typed.fecha.clone()
                        aria-invalid=wrong(&[DocumentError::BadDate, DocumentError::FutureDate]) aria-describedby=described(&[DocumentError::BadDate, DocumentError::FutureDate], "") />
                    <label for="doc-remitente">{t.document_sender}</label>
                    <input id="doc-remitente" name=DocumentForm::remitente type="text" maxlength="200" value=typed.remitente.clone() />
                    <label for="doc-destinatario">{t.document_addressee}</label>
                    <input id="doc-destinatario" name=DocumentForm::destinatario type="text" maxlength="200" value=typed.destinatario.clone() />
                    <label for="doc-cut">{t.document_file_number}</label>
                    <input id="doc-cut" name=DocumentForm::cut type="text" maxlength="200" value=typed.cut.clone() />
                    <label for="doc-recepcion">{t.document_received}</label>
                    {feedback_at(&[DocumentError::ReceivedBeforeDate])}
                    <input id="doc-recepcion" name=DocumentForm::recepcion type="date" value=typed.recepcion.clone()
                        aria-invalid=wrong(&[DocumentError::ReceivedBeforeDate]) aria-describedby=described(&[DocumentError::ReceivedBeforeDate], "") />
                    <label for="doc-evento">{t.document_event}</label>
                    <select id="doc-evento" name=DocumentForm::evento aria-invalid=wrong(&[DocumentError::UnknownEvent])>
                        <option value="">{t.document_no_event}</option>
                        {page.events.iter().rev().map(|e| view! { <option value=e.id.clone() selected=typed.evento == e.id>{e.label.clone()}</option> }).collect_view()}
                    </select>
                    <label for="doc-archivos">{t.document_files}</label>
                    {feedback_at(&FILE_ERRORS)}
                    <input id="doc-archivos" name=FILES type="file" multiple required accept=".pdf,.docx,.xlsx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        aria-invalid=wrong(&FILE_ERRORS) aria-describedby=described(&FILE_ERRORS, "doc-archivos-ayuda") />
                    <p id="doc-archivos-ayuda" class="hint">{t.document_files_hint(MAX_FILES)}</p>
                    <button type="submit" class="button">{t.document_save}</button>
                </form>
            </section>
        }.into_any())}
    }
}
