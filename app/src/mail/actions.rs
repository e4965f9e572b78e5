//! The writes of notices by e-mail: one's own choice of frequency, and an administrator sending
//! a failed message again.
use axum::extract::State;
use axum::response::Redirect;

use super::form::{FrequencyForm, BAD_CHOICE, FREQUENCY_ANCHOR, RETRIED, SAVED};
use crate::domain::mail::Frequency;
use crate::domain::{Action, Resource};
use crate::web::{require, AppState, Form, Path, SignedIn, WebError};
use crate::urls;

/// `POST /cuenta/correos`: the signed-in user chooses how they hear of their notices (their own
/// account only: there is nothing else to decide).
pub async fn choose_frequency(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Form { data: form, typed }: Form<FrequencyForm>,
) -> Result<Redirect, WebError> {
    let frequency = Frequency::from_key(&form.frecuencia).ok_or_else(|| WebError::back(urls::ACCOUNT, BAD_CHOICE, &typed, FREQUENCY_ANCHOR))?;
    state.store.set_mail_frequency(&user, frequency).await?;
    Ok(Redirect::to(&format!("{}?aviso={SAVED}#{}", urls::ACCOUNT, crate::ui::feedback_id(FREQUENCY_ANCHOR))))
}

/// `POST /admin/correos/{id}/reintentar`: an administrator sends a message again now.
pub async fn retry(State(state): State<AppState>, user: SignedIn, Path(id): Path<String>) -> Result<Redirect, WebError> {
    require(&user, Action::ManageUsers, Resource::Site)?;
    if !state.store.retry_mail(&id, &user.author()).await? {
        return Err(WebError::NotFound);
    }
    Ok(Redirect::to(&format!("{}?aviso={RETRIED}", urls::OUTBOX)))
}
