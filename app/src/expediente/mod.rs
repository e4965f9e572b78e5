//! The file of documents (*expediente*) of a policy: every official document of its review — the
//! oficio and the informe técnico of a sending, CEPLAN's informe, an acta — with its number,
//! dates, sender, addressee and CUT, tied to the event it belongs to, with its signed files kept in
//! the database; listed in order, filtered, and downloaded one by one or all as a ZIP.
pub mod data;
pub mod form;
mod page;
#[cfg(feature = "ssr")]
mod actions;

pub use page::ExpedientePage;

/// The upload (multipart, with its own size limit) and the downloads.
#[cfg(feature = "ssr")]
pub fn routes() -> axum::Router<crate::web::AppState> {
    use crate::urls;
    use axum::routing::{get, post};
    axum::Router::new()
        .route(
            urls::EXPEDIENTE,
            post(actions::add_document).layer(axum::extract::DefaultBodyLimit::max(crate::domain::expediente::MAX_UPLOAD_BYTES)),
        )
        .route(urls::EXPEDIENTE_ZIP, get(actions::zip))
        .route(urls::DOCUMENT_FILE, get(actions::file))
}
