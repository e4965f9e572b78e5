//! Accounts: signing in and out, one's own password, and the administration of accounts and of
//! the activity log. Passwords are argon2id; sessions live in the database (any instance serves
//! any request).
mod account;
mod admin_audit;
mod admin_users;
pub mod data;
pub mod form;
mod sign_in;
#[cfg(feature = "ssr")]
mod actions;
#[cfg(feature = "ssr")]
pub mod session;

pub use account::AccountPage;
pub use admin_audit::AdminAuditPage;
pub use admin_users::AdminUsersPage;
pub use data::{get_session, SessionInfo};
pub use sign_in::SignInPage;

/// The form handlers of accounts.
#[cfg(feature = "ssr")]
pub fn routes() -> axum::Router<crate::web::AppState> {
    use crate::urls;
    use axum::routing::post;
    axum::Router::new()
        .route(urls::SIGN_IN, post(session::sign_in))
        .route(urls::SIGN_OUT, post(session::sign_out))
        .route(urls::PASSWORD, post(actions::change_password))
        .route(urls::USERS, post(actions::create))
        .route(urls::USER, post(actions::update))
        .route(urls::USER_PASSWORD, post(actions::reset_password))
}
