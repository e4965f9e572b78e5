//! `/cuenta`: the signed-in user's own account — who they are, and changing their password.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::data::get_session;
use super::form::{PasswordForm as F, PasswordOutcome};
use crate::i18n::t;
use crate::ui::{ErrorView, Loading, PageTitle};
use crate::web::WebError;
use crate::urls;

#[component]
pub fn AccountPage() -> impl IntoView {
    let t = t();
    let query = use_query_map();
    let q = move |k: &str| query.read_untracked().get(k).unwrap_or_default();
    let error = match PasswordOutcome::from_key(&q("error")) {
        Some(PasswordOutcome::WrongCurrent) => Some(t.password_wrong),
        Some(PasswordOutcome::Mismatch) => Some(t.password_mismatch),
        Some(PasswordOutcome::TooShort) => Some(t.password_short),
        Some(PasswordOutcome::TooLong) => Some(t.account_error(crate::domain::AccountError::PasswordTooLong)),
        Some(PasswordOutcome::Unavailable) => Some(t.sign_in_unavailable),
        Some(PasswordOutcome::Changed) | None => None,
    };
    let done = (PasswordOutcome::from_key(&q("aviso")) == Some(PasswordOutcome::Changed)).then_some(t.password_changed);
    let session = Resource::new(|| (), |_| get_session());
    view! {
        <PageTitle text=t.account_title />
        <h1>{t.account_title}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match session.await {
                    Ok(Some(s)) => view! {
                        <p>{s.name}" · "{s.email}</p>
                    }.into_any(),
                    Ok(None) => view! { <ErrorView error=WebError::NotSignedIn /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
        <crate::mail::MailPreference />
        <section class="card sign-in" aria-labelledby="clave">
            <h2 id="clave">{t.change_password}</h2>
            {done.map(|d| view! { <p class="notice-ok" role="status">{d}</p> })}
            {error.map(|e| view! { <p class="form-error" role="alert" id="clave-error">{e}</p> })}
            <form method="post" action=urls::PASSWORD class="form">
                <crate::ui::FormKey anchor="clave" />
                <div class="field">
                    <label for="actual">{t.current_password}</label>
                    <input id="actual" name=F::actual type="password" autocomplete="current-password" required maxlength="256" />
                </div>
                <div class="field">
                    <label for="nueva">{t.new_password}</label>
                    <input id="nueva" name=F::nueva type="password" autocomplete="new-password" required minlength="10" maxlength="256" />
                </div>
                <div class="field">
                    <label for="repetida">{t.repeat_password}</label>
                    <input id="repetida" name=F::repetida type="password" autocomplete="new-password" required minlength="10" maxlength="256" />
                </div>
                <button type="submit" class="button">{t.change_password}</button>
            </form>
        </section>
    }
}
