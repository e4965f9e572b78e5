//! `/cuenta`: the signed-in user's own account — who they are, and changing their password.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::parts::{ErrorView, Loading};
use crate::api::get_session;
use crate::error::AppError;
use crate::i18n::t;

#[component]
pub fn AccountPage() -> impl IntoView {
    let t = t();
    let query = use_query_map();
    let q = move |k: &str| query.read_untracked().get(k).unwrap_or_default();
    let error = match q("error").as_str() {
        "actual" => Some(t.password_wrong),
        "distintas" => Some(t.password_mismatch),
        "corta" => Some(t.password_short),
        "larga" => Some(t.account_error(crate::domain::AccountError::PasswordTooLong)),
        "servicio" => Some(t.sign_in_unavailable),
        _ => None,
    };
    let done = (q("aviso") == "clave").then_some(t.password_changed);
    let session = Resource::new(|| (), |_| get_session());
    view! {
        <Title text=t.account_title />
        <h1>{t.account_title}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match session.await {
                    Ok(Some(s)) => view! {
                        <p>{s.name}" · "{s.email}</p>
                    }.into_any(),
                    Ok(None) => view! { <ErrorView error=AppError::Unauthenticated /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
        <section class="card sign-in" aria-labelledby="clave">
            <h2 id="clave">{t.change_password}</h2>
            {done.map(|d| view! { <p class="notice-ok" role="status">{d}</p> })}
            {error.map(|e| view! { <p class="form-error" role="alert" id="clave-error">{e}</p> })}
            <form method="post" action="/cuenta/clave" class="form">
                <div class="field">
                    <label for="actual">{t.current_password}</label>
                    <input id="actual" name="actual" type="password" autocomplete="current-password" required maxlength="256" />
                </div>
                <div class="field">
                    <label for="nueva">{t.new_password}</label>
                    <input id="nueva" name="nueva" type="password" autocomplete="new-password" required minlength="10" maxlength="256" />
                </div>
                <div class="field">
                    <label for="repetida">{t.repeat_password}</label>
                    <input id="repetida" name="repetida" type="password" autocomplete="new-password" required minlength="10" maxlength="256" />
                </div>
                <button type="submit" class="button">{t.change_password}</button>
            </form>
        </section>
    }
}
