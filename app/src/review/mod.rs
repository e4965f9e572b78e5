//! The review with CEPLAN: a deliverable's states and their records (sendings, observations,
//! conformity, annulments), the policy's milestones after the fifth deliverable, the managers'
//! dashboard, the work plan against the record, and the progress-report text.
mod dashboard;
pub mod plan;
pub mod data;
pub mod form;
mod report;
#[cfg(feature = "ssr")]
mod actions;
#[cfg(feature = "ssr")]
pub mod export;

pub use dashboard::{AttentionList, DashboardPage};
pub use plan::PlanPage;
pub use report::ReportPage;

/// The form handlers and downloads of the review.
#[cfg(feature = "ssr")]
pub fn routes() -> axum::Router<crate::web::AppState> {
    use crate::urls;
    use axum::routing::{get, post};
    axum::Router::new()
        .route(urls::TRANSITIONS, post(actions::record_transition))
        .route(urls::MILESTONES, post(actions::record_milestone))
        .route(urls::PLAN, post(actions::save_plan))
        .route(urls::VALIDATIONS, post(actions::record_validation))
        .route(urls::ANNUL, post(actions::annul))
        .route(urls::REPORT_MD, get(actions::report_markdown))
        .route(urls::REPORT_DOCX, get(actions::report_docx))
        .route(urls::REPORT_STATUS, post(actions::choose_report_status))
}
