//! One file per page, plus the small pieces they share.
mod account;
mod admin_audit;
mod admin_users;
mod dashboard;
mod deliverable;
mod document;
mod editor;
mod history;
mod home;
mod not_found;
mod parts;
mod policy;
mod regions;
mod report;
mod sign_in;
mod step;

#[cfg(feature = "ssr")]
pub(crate) use parts::set_status;
pub use account::AccountPage;
pub use admin_audit::AdminAuditPage;
pub use admin_users::AdminUsersPage;
pub use dashboard::DashboardPage;
pub use deliverable::DeliverablePage;
pub use document::DocumentPage;
pub use editor::EditorPage;
pub use history::HistoryPage;
pub use home::HomePage;
pub use not_found::NotFound;
pub use policy::PolicyPage;
pub use regions::RegionsPage;
pub use report::ReportPage;
pub use sign_in::SignInPage;
pub use step::StepPage;
