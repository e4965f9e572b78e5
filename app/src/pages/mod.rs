//! One file per page, plus the small pieces they share.
mod account;
mod admin_audit;
mod admin_users;
mod home;
mod not_found;
mod parts;
mod policy;
mod regions;
mod sign_in;
mod step;

pub use account::AccountPage;
pub use admin_audit::AdminAuditPage;
pub use admin_users::AdminUsersPage;
pub use home::HomePage;
pub use not_found::NotFound;
pub use policy::PolicyPage;
pub use regions::RegionsPage;
pub use sign_in::SignInPage;
pub use step::StepPage;
