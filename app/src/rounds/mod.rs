//! Comment rounds and consultations: rounds opened on a frozen version, contributions anchored to
//! a paragraph or an item, the team's answer to every one, publication and systematization, the
//! matriz de aportes (page, CSV, XLSX), CEPLAN's matriz de levantamiento de observaciones (DOCX,
//! XLSX), the informe de sistematización (page, DOCX) and the notices.
pub mod data;
pub mod form;
mod list;
mod matrix;
mod notifications;
mod offline;
mod round;
mod systematization;
#[cfg(feature = "ssr")]
mod actions;
#[cfg(feature = "ssr")]
pub mod export;

pub use list::{RoundList, RoundsPage};
pub use matrix::MatrixPage;
pub use notifications::NotificationsPage;
pub use offline::OfflinePage;
pub use round::RoundPage;
pub use systematization::SystematizationPage;

/// The form handlers and downloads of rounds.
#[cfg(feature = "ssr")]
pub fn routes() -> axum::Router<crate::web::AppState> {
    use crate::urls;
    use axum::routing::{get, post};
    axum::Router::new()
        .route(urls::NEW_ROUND, post(actions::create))
        .route(urls::CONTRIBUTE, post(actions::contribute))
        .route(urls::EXTERNAL, post(actions::record_external))
        .route(urls::ANSWER, post(actions::answer))
        .route(urls::MATRIX_CSV, get(export::matrix_csv))
        .route(urls::MATRIX_XLSX, get(export::matrix_xlsx))
        .route(urls::LIFTING_DOCX, get(export::lifting_docx))
        .route(urls::LIFTING_XLSX, get(export::lifting_xlsx))
        .route(urls::SYSTEMATIZATION_DOCX, get(export::systematization_docx))
        .route(urls::ROUND_ACTION, post(actions::act))
        .route(urls::NOTICES_READ, post(actions::mark_read))
        .route(urls::DELIVERABLE_MATRIX_CSV, get(export::deliverable_csv))
        .route(urls::DELIVERABLE_MATRIX_XLSX, get(export::deliverable_xlsx))
}
