//! Notices by e-mail: each account chooses how it hears of its notices (on its account page), a
//! scheduled task inside the server makes the notices nobody's action makes and fills the outbox,
//! every instance sends what it claims, and the administrators see what failed (`/admin/correos`).
//! Off while `PASOS_SMTP_URL` is not set; the scheduled notices are made all the same, for the bell.
pub mod data;
pub mod form;
mod page;
#[cfg(feature = "ssr")]
mod actions;
#[cfg(feature = "ssr")]
pub mod worker;

pub use page::{MailPreference, OutboxPage};
#[cfg(feature = "ssr")]
pub use worker::MailSettings;

/// The form handlers of notices by e-mail.
#[cfg(feature = "ssr")]
pub fn routes() -> axum::Router<crate::web::AppState> {
    use crate::urls;
    use axum::routing::post;
    axum::Router::new()
        .route(urls::MAIL_FREQUENCY, post(actions::choose_frequency))
        .route(urls::MAIL_RETRY, post(actions::retry))
}
