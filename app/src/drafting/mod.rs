//! Drafting: the nine steps' texts, their editor (live preview, the text kept in the browser and
//! on the server until saved), revisions and their history, frozen versions of a deliverable, the
//! deliverable as one document and as a DOCX.
pub mod browser;
pub mod data;
mod deliverable;
mod document;
mod editor;
pub mod form;
mod history;
mod import;
mod step;
pub mod toolbar;
#[cfg(feature = "ssr")]
mod actions;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod word;

pub use deliverable::DeliverablePage;
pub use document::DocumentPage;
pub use editor::EditorPage;
pub use history::HistoryPage;
pub use import::ImportPage;
pub use step::StepPage;

/// The form handlers and downloads of drafting.
#[cfg(feature = "ssr")]
pub fn routes() -> axum::Router<crate::web::AppState> {
    use crate::urls;
    use axum::routing::{get, post};
    axum::Router::new()
        .route(urls::EDITOR, post(actions::save_step))
        .route(urls::VERSIONS, post(actions::freeze))
        .route(urls::DOCUMENT_DOCX, get(actions::docx))
        .route(urls::ANNEXES_XLSX, get(actions::annexes_xlsx))
        // A Word document may be bigger than a form: its own limit (pictures are part of the file).
        .route(urls::IMPORT, post(actions::import_docx).layer(axum::extract::DefaultBodyLimit::max(word::MAX_DOCX_BYTES + 64 * 1024)))
        .route(urls::IMPORT_SAVE, post(actions::import_save))
}
