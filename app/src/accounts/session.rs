//! Signing in and out. Sign-in counts each attempt before the password is checked (per account
//! and address, or per browser the account signed in from before), so guesses that arrive together
//! cannot pass the limit and a stranger's guesses never lock the owner out (README, Accounts).
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use chrono::Utc;

use super::form::{SignInForm, SignInOutcome};
use crate::store::credentials::{decoy_hash, new_session_token, token_digest, verify_password, with_argon2};
use crate::domain::account::{attempt_counts, normalize_email, ABSOLUTE_LIMIT, DEVICE_LIFETIME};
use crate::web::session::{cookie, cookie_header, session_token, ClientAddress, DEVICE_COOKIE, SESSION_COOKIE};
use crate::web::{AppState, Form};
use crate::urls;

/// Back to the sign-in form with the outcome, the e-mail typed and where the user was going.
fn back_to_form(outcome: SignInOutcome, email: &str, next: &str) -> Response {
    let mut q = form_urlencoded::Serializer::new(String::new());
    q.append_pair("error", outcome.key()).append_pair(SignInForm::correo, email);
    if urls::local_path(next) != "/" {
        q.append_pair(SignInForm::siguiente, next);
    }
    Redirect::to(&format!("{}?{}", urls::SIGN_IN, q.finish())).into_response()
}

/// `POST /ingresar`: the same answer, after the same work, for an unknown e-mail and a wrong
/// password.
pub async fn sign_in(
    State(state): State<AppState>,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    headers: HeaderMap,
    Form { data: form, .. }: Form<SignInForm>,
) -> Response {
    let email = normalize_email(&form.correo);
    if email.is_empty() || form.contrasena.is_empty() {
        return back_to_form(SignInOutcome::Missing, &email, &form.siguiente);
    }
    let address = address.map_or_else(|| "desconocida".to_string(), |a| a.to_string());
    let device = cookie(&headers, DEVICE_COOKIE).map(|t| token_digest(&t));
    let now = Utc::now();
    let result: Result<Response, crate::store::StoreError> = async {
        let known = match &device {
            Some(d) => state.store.known_device(d, &email, now).await?,
            None => false,
        };
        let counts = attempt_counts(&email, &address, device.as_deref().filter(|_| known), now);
        if !state.store.count_sign_in_attempt(&counts).await? {
            return Ok(back_to_form(SignInOutcome::Throttled, &email, &form.siguiente));
        }
        let found = state.store.user_with_hash(&email).await?;
        let hash = found.as_ref().map(|(_, h)| h.clone()).unwrap_or_else(|| decoy_hash().to_string());
        let password = form.contrasena.clone();
        let matches = with_argon2(move || verify_password(&password, &hash)).await.unwrap_or(false);
        let user = match found {
            Some((user, _)) if matches && user.active => user,
            _ => return Ok(back_to_form(SignInOutcome::WrongCredentials, &email, &form.siguiente)),
        };
        state.store.uncount_sign_in_attempt(&counts, now).await?;
        let (token, digest) = new_session_token();
        state.store.create_session(&user, &digest, now).await?;
        let (device_token, device_digest) = match (cookie(&headers, DEVICE_COOKIE), device) {
            (Some(t), Some(d)) => (t, d),
            _ => new_session_token(),
        };
        state.store.remember_device(&device_digest, &email, now).await?;
        let mut res = Redirect::to(urls::local_path(&form.siguiente)).into_response();
        let secure = state.auth.secure_cookies;
        res.headers_mut().append(header::SET_COOKIE, cookie_header(SESSION_COOKIE, &token, ABSOLUTE_LIMIT.num_seconds(), secure));
        res.headers_mut().append(header::SET_COOKIE, cookie_header(DEVICE_COOKIE, &device_token, DEVICE_LIFETIME.num_seconds(), secure));
        // Pages another account left in this browser's caches (Back would show them) go.
        res.headers_mut().insert(CLEAR_SITE_DATA, http::HeaderValue::from_static("\"cache\""));
        Ok(res)
    }
    .await;
    result.unwrap_or_else(|e| {
        tracing::error!(error = %e, "error al iniciar sesión");
        back_to_form(SignInOutcome::Unavailable, &email, &form.siguiente)
    })
}

/// `POST /salir`: ends the session in the database, not only in the browser, and clears what
/// the browser keeps of the account. The answer is a page of its own that goes on at once to the
/// sign-in form (a refresh, not a script): the page "Salir" was pressed on enters the browser's
/// back-forward cache only as that page is shown, after this answer's `Clear-Site-Data`, so the
/// sign-in form's answer clears the cache again ([`cleared_after_sign_out`]) and Back can no
/// longer bring it up.
pub async fn sign_out(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(token) = session_token(&headers) {
        if let Err(e) = state.store.end_session(&token_digest(&token)).await {
            tracing::error!(error = %e, "no se pudo cerrar la sesión");
        }
    }
    let t = crate::i18n::t();
    let next = format!("{}?aviso={}", urls::SIGN_IN, SignInOutcome::SignedOut.key());
    let page = format!(
        "<!DOCTYPE html><html lang=\"es\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0; url={next}\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title></head>\
         <body><main><p>{title}</p><p><a href=\"{next}\">{go}</a></p></main></body></html>",
        title = crate::domain::text::escape_html(t.signing_out),
        go = crate::domain::text::escape_html(t.signing_out_continue),
    );
    let mut res = axum::response::Html(page).into_response();
    res.headers_mut().insert(header::SET_COOKIE, cookie_header(SESSION_COOKIE, "", 0, state.auth.secure_cookies));
    // Nothing of this account stays in the browser: its offline copies, its pending
    // contributions (the page asked first) and the service worker.
    res.headers_mut().insert(CLEAR_SITE_DATA, http::HeaderValue::from_static("\"cache\", \"storage\""));
    res
}

/// `Clear-Site-Data`, the header that empties what the browser keeps of this site.
pub const CLEAR_SITE_DATA: &str = "clear-site-data";

/// Whether a request is the sign-in form's, reached just after signing out: its answer clears the
/// browser's cache once more (see [`sign_out`]).
pub fn cleared_after_sign_out(path: &str, query: Option<&str>) -> bool {
    path == urls::SIGN_IN && query.is_some_and(|q| form_urlencoded::parse(q.as_bytes()).any(|(k, v)| k == "aviso" && v == SignInOutcome::SignedOut.key()))
}
