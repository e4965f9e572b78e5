//! The yearly follow-up (*seguimiento*) of approved policies: reporting periods, the values
//! obtained of the objectives' and services' indicators recorded by the team or by the entity
//! responsible for each, their achievement against the ficha's expected achievements with a
//! traffic light, the team's analysis of each objective reviewed before the report is closed, and
//! the reporte de seguimiento as a page, DOCX and XLSX.
pub mod data;
pub mod form;
mod list;
mod report;
#[cfg(feature = "ssr")]
mod actions;
#[cfg(feature = "ssr")]
mod export;

pub use list::FollowUpPage;
pub use report::FollowUpReportPage;

/// The forms and downloads of the follow-up (the supporting file's form is multipart, with its own limit).
#[cfg(feature = "ssr")]
pub fn routes() -> axum::Router<crate::web::AppState> {
    use crate::urls;
    use axum::routing::{get, post};
    axum::Router::new()
        .route(urls::FOLLOWUP, post(actions::open))
        .route(urls::FOLLOWUP_THRESHOLDS, post(actions::thresholds))
        .route(urls::FOLLOWUP_VALUES, post(actions::record_value))
        .route(urls::FOLLOWUP_FILES, post(actions::attach).layer(axum::extract::DefaultBodyLimit::max(crate::domain::expediente::MAX_FILE_BYTES + 64 * 1024)))
        .route(urls::FOLLOWUP_ANALYSIS, post(actions::save_analysis))
        .route(urls::FOLLOWUP_REVIEW, post(actions::review))
        .route(urls::FOLLOWUP_CLOSE, post(actions::close))
        .route(urls::FOLLOWUP_DOCX, get(export::docx))
        .route(urls::FOLLOWUP_XLSX, get(export::xlsx))
        .route(urls::FOLLOWUP_FILE, get(actions::file))
}
