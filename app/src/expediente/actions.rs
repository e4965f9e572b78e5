//! Adding a document with its files (a multipart form that works without JavaScript), and serving
//! a file or the whole listed file as a ZIP — always as downloads, never shown inline.
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};

use super::form::{DocumentForm, ExpedienteQuery, ALREADY, ANCHOR, FILES, RECORDED, ZIP_TOO_BIG};
use crate::domain::expediente::{check_document, DocumentError};
use crate::web::form::MultipartRefusal;
use crate::domain::{Action, Policy, Resource};
use crate::web::{require, AppState, Path, SignedIn, WebError};
use crate::urls;

/// `POST /politicas/{code}/expediente` (multipart): a document of the review with its files. A
/// refusal comes back to the form with the fields typed (files are chosen again); the same
/// document sent twice is recorded once.
pub async fn add_document(
    State(state): State<AppState>,
    user: SignedIn,
    Path(code): Path<String>,
    multipart: axum::extract::Multipart,
) -> Result<Redirect, WebError> {
    let code = Policy::normalize_code(&code);
    let detail = state.store.policy_detail(&code).await?.ok_or(WebError::NotFound)?;
    require(&user, Action::FileDocuments, Resource::Policy(&code))?;
    let page = urls::expediente(&code);
    let refused = |e: DocumentError, typed: &[(String, String)]| WebError::back(page.clone(), e.key(), typed, ANCHOR);
    let (typed, uploads) = match crate::web::form::multipart(multipart, FILES).await {
        Ok(read) => read,
        Err((MultipartRefusal::TooBig, typed)) => return Err(refused(DocumentError::FileTooBig, &typed)),
        Err((MultipartRefusal::Broken, _)) => return Err(WebError::Transport),
    };
    let form: DocumentForm = crate::web::form::from_fields(&typed);
    // A document belongs to an event of the review or to a workshop of the policy.
    let workshops = state.store.workshops(&code).await?;
    let events: Vec<String> = detail.events.iter().filter(|e| e.stands()).map(|e| e.id.clone()).chain(workshops.into_iter().map(|w| w.id)).collect();
    let (doc, files) = check_document(&form.to_domain(), uploads, &events, crate::domain::time::today()).map_err(|e| refused(e, &typed))?;
    let number = doc.number.clone();
    let key = match state.store.add_document(&code, &doc, files, &user.author()).await? {
        Ok(_) => RECORDED,
        Err(_) => ALREADY,
    };
    let query = form_urlencoded::Serializer::new(String::new()).append_pair(key, &number).finish();
    Ok(Redirect::to(&format!("{page}?{query}#{ANCHOR}")))
}

/// `GET /expediente/archivos/{id}`: one file, to whoever may read its policy's expediente (the
/// policy is the file's own, never one the address names).
pub async fn file(State(state): State<AppState>, SignedIn(user): SignedIn, Path(id): Path<String>) -> Result<Response, WebError> {
    let stored = state.store.document_file(&id).await?.ok_or(WebError::NotFound)?;
    require(&user, Action::ReadDocuments, Resource::Policy(&stored.policy_code))?;
    Ok(crate::web::download(&stored.name, stored.kind.media_type(), stored.bytes))
}

/// `GET /politicas/{code}/expediente.zip`: the files of the documents listed (the page's filters),
/// each named with its date and its document's title, in one ZIP. The files are PDF, DOCX and
/// XLSX, compressed already: they are stored as they are, so building the ZIP is copying. At most
/// [`MAX_ZIP_BYTES`] of files (a larger selection goes back to the page, which says to filter it)
/// and two ZIPs at a time.
pub async fn zip(State(state): State<AppState>, SignedIn(user): SignedIn, Path(code): Path<String>, Query(q): Query<ExpedienteQuery>) -> Result<Response, WebError> {
    use crate::domain::expediente::MAX_ZIP_BYTES;
    use std::io::Write;
    static TWO_AT_A_TIME: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);
    let code = Policy::normalize_code(&code);
    // Not found, or not readable by this reader, is said by the read itself.
    let page = super::data::expediente_of(&state.store, &user, &code, &q.tipo, q.entregable.parse().ok()).await?;
    let total: usize = page.documents.iter().flat_map(|d| d.files.iter()).map(|f| f.size).sum();
    if total > MAX_ZIP_BYTES {
        return Ok(Redirect::to(&format!("{}?{}&{ZIP_TOO_BIG}=1#documentos", urls::expediente(&code), q.query())).into_response());
    }
    let _turn = tokio::time::timeout(crate::web::EXPORT_QUEUE, TWO_AT_A_TIME.acquire()).await.map_err(|_| WebError::Unavailable)?.map_err(|_| WebError::Unavailable)?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(total + 4096)));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut used = std::collections::HashSet::new();
    let failed = |e: &dyn std::fmt::Display| {
        tracing::error!(error = %e, "no se pudo armar el ZIP del expediente");
        WebError::Unavailable
    };
    for d in &page.documents {
        let title = crate::i18n::t().document_title(d.doc.kind, &d.doc.number);
        for f in &d.files {
            let Some(stored) = state.store.document_file(&f.id).await? else { continue };
            let name = crate::domain::expediente::zip_entry_name(d, &title, f);
            let mut unique = name.clone();
            let mut n = 2;
            while !used.insert(unique.clone()) {
                unique = format!("{n}-{name}");
                n += 1;
            }
            out.start_file(unique, options).map_err(|e| failed(&e))?;
            out.write_all(&stored.bytes).map_err(|e| failed(&e))?;
        }
    }
    let bytes = out.finish().map_err(|e| failed(&e))?.into_inner();
    let today = crate::domain::time::today().format("%Y%m%d");
    Ok(crate::web::download(&format!("expediente-{code}-descargado-{today}.zip"), "application/zip", bytes))
}
