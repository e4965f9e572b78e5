//! Structured content: the items of Pasos 2 and 4–9 (causes, alternatives, objectives and their
//! indicators, guidelines, services, standards, activities, alignments) and the matriz de
//! consistencia built from them.
mod consistency;
pub mod data;
pub mod form;
mod items;
mod years;
#[cfg(feature = "ssr")]
mod actions;
#[cfg(feature = "ssr")]
pub mod export;

pub use consistency::ConsistencyPage;
pub use items::StructurePage;

/// The form handlers and downloads of structured content.
#[cfg(feature = "ssr")]
pub fn routes() -> axum::Router<crate::web::AppState> {
    use crate::urls;
    use axum::routing::{get, post};
    axum::Router::new().route(urls::STRUCTURE, post(actions::change)).route(urls::CONSISTENCY_XLSX, get(export::consistency_xlsx))
}
