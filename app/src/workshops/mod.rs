//! Workshops (*talleres*) of a policy: the call, the attendance list entered or imported from a
//! CSV/XLSX sheet, the acta with its files in the expediente, the counts of who attended, and the
//! contributions received there — recorded in the workshop's round with the channel *taller* and
//! answered there like any other.
mod call;
pub mod data;
pub mod form;
mod list;
mod page;
#[cfg(feature = "ssr")]
mod actions;
#[cfg(feature = "ssr")]
mod import;

pub use list::WorkshopsPage;
pub use page::WorkshopPage;

/// The forms of workshops (the import is multipart, with its own size limit).
#[cfg(feature = "ssr")]
pub fn routes() -> axum::Router<crate::web::AppState> {
    use crate::urls;
    use axum::routing::post;
    axum::Router::new()
        .route(urls::WORKSHOPS, post(actions::create))
        .route(urls::WORKSHOP_CALL, post(actions::correct))
        .route(urls::WORKSHOP_MINUTES, post(actions::save_minutes))
        .route(urls::WORKSHOP_ATTENDEES, post(actions::add_attendee))
        .route(
            urls::WORKSHOP_IMPORT,
            post(actions::import_attendance).layer(axum::extract::DefaultBodyLimit::max(crate::domain::workshop::MAX_SHEET_BYTES + 64 * 1024)),
        )
        .route(urls::WORKSHOP_ATTENDEE_REMOVE, post(actions::remove_attendee))
        .route(urls::WORKSHOP_CONTRIBUTIONS, post(actions::record_contribution))
}
