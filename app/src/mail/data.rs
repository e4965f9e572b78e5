//! The reads of notices by e-mail: one's own choice, and the outbox for the administrators.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::web::WebError;

/// The signed-in user's choice, and whether this deployment sends e-mail at all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MailChoice {
    /// The key of `domain::mail::Frequency`.
    pub frequency: String,
    pub email: String,
    /// `PASOS_SMTP_URL` is set.
    pub enabled: bool,
    /// The hour (Lima) of the daily digest.
    pub digest_hour: u32,
}

/// The outbox, for the administrators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxView {
    pub enabled: bool,
    pub outbox: crate::domain::mail::Outbox,
}

#[server(endpoint = "mail_choice")]
pub async fn get_mail_choice() -> Result<MailChoice, WebError> {
    use crate::web::{store, SignedIn};
    let user = SignedIn::current().await?;
    let settings = use_context::<super::MailSettings>();
    let frequency = store()?.mail_frequency(&user.id).await?;
    Ok(MailChoice {
        frequency: frequency.key().to_string(),
        email: user.email.clone(),
        enabled: settings.is_some(),
        digest_hour: settings.map_or(super::worker::DEFAULT_DIGEST_HOUR, |s| s.queue.digest_hour),
    })
}

#[server(endpoint = "outbox")]
pub async fn get_outbox() -> Result<OutboxView, WebError> {
    use crate::domain::{Action, Resource};
    use crate::web::{require, store, SignedIn};
    let user = SignedIn::current().await?;
    require(&user, Action::ManageUsers, Resource::Site)?;
    Ok(OutboxView { enabled: use_context::<super::MailSettings>().is_some(), outbox: store()?.outbox().await? })
}
