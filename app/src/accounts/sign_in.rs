//! `/ingresar`: the sign-in form. A plain HTML form posted to the server, so it works before
//! (and without) the wasm; the server answers with a redirect that carries any error.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::form::{SignInForm as F, SignInOutcome};
use crate::i18n::t;
use crate::ui::PageTitle;
use crate::urls;

#[component]
pub fn SignInPage() -> impl IntoView {
    let t = t();
    let query = use_query_map();
    let get = move |k: &str| query.read_untracked().get(k).unwrap_or_default();
    let message = match SignInOutcome::from_key(&get("error")) {
        Some(SignInOutcome::Missing) => Some(t.sign_in_missing),
        Some(SignInOutcome::WrongCredentials) => Some(t.sign_in_wrong),
        Some(SignInOutcome::Throttled) => Some(t.sign_in_throttled),
        Some(SignInOutcome::Unavailable) => Some(t.sign_in_unavailable),
        Some(SignInOutcome::SignedOut) | None => None,
    };
    let notice = (SignInOutcome::from_key(&get("aviso")) == Some(SignInOutcome::SignedOut)).then_some(t.signed_out);
    // Sent here by a form whose session had expired: its text is held for after signing in.
    let held = get(F::siguiente).contains(&format!("{}=", crate::web::form::HELD)).then_some(t.sign_in_held);
    view! {
        <PageTitle text=t.sign_in_title />
        <section class="card sign-in" aria-labelledby="sign-in-title">
            <h1 id="sign-in-title">{t.sign_in_title}</h1>
            <p>{t.sign_in_intro}</p>
            {notice.map(|n| view! { <p class="notice-ok" role="status">{n}</p> })}
            {held.map(|n| view! { <p class="notice" role="status">{n}</p> })}
            {message.map(|m| view! { <p class="form-error" role="alert" id="sign-in-error">{m}</p> })}
            <form method="post" action=urls::SIGN_IN class="form">
                <input type="hidden" name=F::siguiente value=get(F::siguiente) />
                <div class="field">
                    <label for="correo">{t.email}</label>
                    <input
                        id="correo"
                        name=F::correo
                        type="email"
                        autocomplete="username"
                        required
                        maxlength="254"
                        value=get(F::correo)
                        aria-describedby=message.map(|_| "sign-in-error")
                        aria-invalid=message.map(|_| "true")
                    />
                </div>
                <div class="field">
                    <label for="contrasena">{t.password}</label>
                    <input
                        id="contrasena"
                        name=F::contrasena
                        type="password"
                        autocomplete="current-password"
                        required
                        maxlength="256"
                    />
                </div>
                <button type="submit" class="button">{t.sign_in_button}</button>
            </form>
            <p class="hint">{t.sign_in_help}</p>
        </section>
    }
}
