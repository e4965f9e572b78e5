//! Adding a document with its files (a multipart form that works without JavaScript), and serving
//! a file or the whole listed file as a ZIP — always as downloads, never shown inline.
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

use super::form::{DocumentForm, ExpedienteQuery, ALREADY, ANCHOR, FILES, RECORDED, ZIP_TOO_BIG};
use crate::domain::expediente::{check_document, DocumentError, Upload};
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
    mut multipart: axum::extract::Multipart,
) -> Result<Redirect, WebError> {
    let code = Policy::normalize_code(&code);
    let detail = state.store.policy_detail(&code).await?.ok_or(WebError::NotFound)?;
    require(&user, Action::FileDocuments, Resource::Policy(&code))?;
    let page = urls::expediente(&code);
    let mut typed: Vec<(String, String)> = Vec::new();
    let mut uploads: Vec<Upload> = Vec::new();
    let refused = |e: DocumentError, typed: &[(String, String)]| WebError::back(page.clone(), e.key(), typed, ANCHOR);
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(refused(DocumentError::FileTooBig, &typed)),
            Err(_) => return Err(WebError::Transport),
        };
        let name = field.name().unwrap_or_default().to_string();
        if name == FILES {
            let file_name = field.file_name().unwrap_or_default().to_string();
            match field.bytes().await {
                Ok(bytes) => uploads.push(Upload { name: file_name, bytes: bytes.to_vec() }),
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(refused(DocumentError::FileTooBig, &typed)),
                Err(_) => return Err(WebError::Transport),
            }
        } else if typed.len() < 32 {
            let value = field.text().await.map_err(|_| WebError::Transport)?;
            typed.push((name, value.chars().take(2_000).collect()));
        }
    }
    let form: DocumentForm = serde_html_form::from_str(&form_urlencoded::Serializer::new(String::new()).extend_pairs(&typed).finish()).unwrap_or_default();
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

/// A file as a download: its kind's media type, a name in plain ASCII and in UTF-8 (RFC 6266),
/// and a sandbox should anything try to show it.
fn download(name: &str, media_type: &str, body: Vec<u8>) -> Response {
    let ascii: String = name.chars().map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' { c } else { '_' }).collect();
    let encoded: String = form_urlencoded::byte_serialize(name.as_bytes()).collect::<String>().replace('+', "%20");
    (
        [
            (header::CONTENT_TYPE, media_type.to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")),
            (header::CONTENT_SECURITY_POLICY, "sandbox; default-src 'none'".to_string()),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

/// `GET /expediente/archivos/{id}`: one file, to whoever may read its policy's expediente (the
/// policy is the file's own, never one the address names).
pub async fn file(State(state): State<AppState>, SignedIn(user): SignedIn, Path(id): Path<String>) -> Result<Response, WebError> {
    let stored = state.store.document_file(&id).await?.ok_or(WebError::NotFound)?;
    require(&user, Action::ReadDocuments, Resource::Policy(&stored.policy_code))?;
    Ok(download(&stored.name, stored.kind.media_type(), stored.bytes))
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
    Ok(download(&format!("expediente-{code}-descargado-{today}.zip"), "application/zip", bytes))
}
