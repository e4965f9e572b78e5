//! Nothing typed is lost, nothing is stored twice. Every form a page writes carries two hidden
//! fields ([`FormKey`](crate::ui::FormKey)): its key and its anchor. The gate hands each form a
//! signed-in user sends to [`answer_once`], which answers a form sent again with its key with the
//! first sending's answer, and holds a refused form's fields in the store, so that the way back
//! carries a short id ([`HELD`]), never the text. A form sent after its session expired goes to
//! [`signed_out_form`]: held for the account whose session it was, then the sign-in page, then the
//! same form with the text — for that account only. A held form sent again and accepted is
//! forgotten.
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use super::form::{fields, HeldFields, FORM_ANCHOR, FORM_KEY, HELD, SESSION_EXPIRED};
use super::session::session_token;
use super::{AppState, Back, WebError};
use crate::store::credentials::token_digest;
use crate::store::{HeldForm, KeyTurn};
use crate::urls;

/// How long a form sent again waits for its first sending to be answered, in steps of
/// [`WAIT_STEP`].
const WAIT_STEPS: u32 = 60;
const WAIT_STEP: std::time::Duration = std::time::Duration::from_millis(250);

/// The page a held form goes back to: `page` without the flags of an earlier refusal, with
/// `error` and the held form's `id`, at `#anchor`. Short whatever was typed.
pub fn held_location(page: &str, error: &str, id: &str, anchor: &str) -> String {
    let (path, query) = page.split_once('?').unwrap_or((page, ""));
    let mut q = form_urlencoded::Serializer::new(String::new());
    q.extend_pairs(form_urlencoded::parse(query.as_bytes()).filter(|(k, _)| k != "error" && k != HELD));
    q.append_pair("error", error).append_pair(HELD, id);
    let anchor = if anchor.is_empty() { String::new() } else { format!("#{}", crate::ui::feedback_id(anchor)) };
    format!("{path}?{}{anchor}", q.finish())
}

/// Whether a request carries a form (urlencoded), the only body Pasos' pages send.
fn is_form(headers: &HeaderMap) -> bool {
    headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

/// The request's body as bytes (within the body limit), and the request to hand on with it.
async fn read_body(req: Request) -> Result<(Request, Bytes), Response> {
    let (parts, body) = req.into_parts();
    match axum::body::to_bytes(body, super::layers::MAX_BODY_BYTES).await {
        Ok(bytes) => Ok((Request::from_parts(parts, Body::from(bytes.clone())), bytes)),
        Err(_) => Err(StatusCode::PAYLOAD_TOO_LARGE.into_response()),
    }
}

/// A form's key as sent: 1 to 64 letters, digits or dashes; anything else is no key.
fn form_key(fields: &[(String, String)]) -> Option<String> {
    fields
        .iter()
        .find(|(k, _)| k == FORM_KEY)
        .map(|(_, v)| v.clone())
        .filter(|v| (1..=64).contains(&v.len()) && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
}

/// A form's key as it is taken: the key sent and a digest of the other fields a held form would
/// keep ([`kept_fields`]: no password enters it, so none can be guessed back from what is
/// stored). The same form sent twice lands once, whichever session sends it (a contribution a
/// device kept offline may go out again after its author signed in anew); a key met again with
/// other fields is another form, stored as such. (A page the browser kept and showed again
/// carries the key it was first written with, since keys do not enter a page's entity tag: see
/// `web::assets`; the pages with password forms are never kept.)
fn sending_key(key: &str, typed: &[(String, String)]) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for (k, v) in kept_fields(typed) {
        for part in [&k, &v] {
            hash.update((part.len() as u64).to_le_bytes());
            hash.update(part.as_bytes());
        }
    }
    let digest = crate::store::credentials::hex(&hash.finalize()[..8]);
    format!("{key}-{digest}")
}

/// What a form held for its author keeps: every field but the key (a form shown again gets a new
/// one) and the id of the held form it was filled from, nor any password.
fn kept_fields(fields: &[(String, String)]) -> Vec<(String, String)> {
    use crate::accounts::form::{PasswordForm, SignInForm};
    let secret = [FORM_KEY, HELD, PasswordForm::actual, PasswordForm::nueva, PasswordForm::repetida, SignInForm::contrasena];
    fields.iter().filter(|(k, _)| !secret.contains(&k.as_str())).cloned().collect()
}

/// The held form a form was filled from (its hidden [`HELD`] field), once it has been accepted:
/// forgotten, so that going back to it does not offer the same text to send twice.
async fn forget_sent(state: &AppState, user_id: &str, typed: &[(String, String)], accepted: bool) {
    let Some(id) = typed.iter().find(|(k, _)| k == HELD).map(|(_, v)| v.as_str()).filter(|id| is_held_id(id)) else { return };
    if accepted {
        if let Err(e) = state.store.drop_held_form(id, user_id).await {
            tracing::warn!(error = %e, "no se pudo olvidar un formulario retenido");
        }
    }
}

/// A held form's id as Pasos makes them: 32 hex digits.
fn is_held_id(id: &str) -> bool {
    id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit())
}

fn location_of(response: &Response) -> Option<String> {
    response.status().is_redirection().then(|| response.headers().get(header::LOCATION)?.to_str().ok().map(str::to_string)).flatten()
}

/// Answers a form a signed-in user sent: once per key, with a refusal's fields held.
pub async fn answer_once(state: &AppState, user_id: &str, req: Request, next: Next) -> Response {
    if !is_form(req.headers()) {
        return hold_refused(state, user_id, next.run(req).await).await;
    }
    let (req, body) = match read_body(req).await {
        Ok(read) => read,
        Err(refusal) => return refusal,
    };
    let typed = fields(&body);
    let path = req.uri().path().to_string();
    let Some(key) = form_key(&typed).map(|k| sending_key(&k, &typed)) else {
        return hold_refused(state, user_id, next.run(req).await).await;
    };
    let sent = Sent { state, user_id, path: &path, key: &key, typed: &typed };
    match state.store.take_form_key(user_id, &path, &key).await {
        Ok(KeyTurn::First) => sent.answer(req, next).await,
        Ok(KeyTurn::Answered(location)) => Redirect::to(&location).into_response(),
        Ok(KeyTurn::Pending) => {
            for _ in 0..WAIT_STEPS {
                tokio::time::sleep(WAIT_STEP).await;
                match state.store.take_form_key(user_id, &path, &key).await {
                    Ok(KeyTurn::Answered(location)) => return Redirect::to(&location).into_response(),
                    // The first sending failed and freed its key: this one is the first now.
                    Ok(KeyTurn::First) => return sent.answer(req, next).await,
                    Ok(KeyTurn::Pending) => {}
                    Err(e) => return WebError::from(e).into_response(),
                }
            }
            (StatusCode::CONFLICT, crate::i18n::t().form_in_progress).into_response()
        }
        Err(e) => WebError::from(e).into_response(),
    }
}

/// A form sent with its key, the first time: answered, then its key settled with where it led.
struct Sent<'a> {
    state: &'a AppState,
    user_id: &'a str,
    path: &'a str,
    key: &'a str,
    typed: &'a [(String, String)],
}

impl Sent<'_> {
    async fn answer(&self, req: Request, next: Next) -> Response {
        let answered = next.run(req).await;
        let accepted = answered.status().is_redirection() && answered.extensions().get::<Back>().is_none();
        forget_sent(self.state, self.user_id, self.typed, accepted).await;
        let response = hold_refused(self.state, self.user_id, answered).await;
        if let Err(e) = self.state.store.settle_form_key(self.user_id, self.path, self.key, location_of(&response).as_deref()).await {
            tracing::warn!(error = %e, "no se pudo anotar la respuesta de un formulario");
        }
        response
    }
}

/// A handler's refusal ([`Back`]) made into the way back: its fields held for `user_id`, the
/// address carrying the held form's id.
async fn hold_refused(state: &AppState, user_id: &str, response: Response) -> Response {
    let Some(back) = response.extensions().get::<Back>().cloned() else { return response };
    let form = HeldForm { page: back.page.clone(), anchor: back.anchor.clone(), error: back.error.clone(), fields: kept_fields(&back.fields) };
    match state.store.hold_form(user_id, &form).await {
        Ok(id) => Redirect::to(&held_location(&back.page, &back.error, &id, &back.anchor)).into_response(),
        Err(e) => WebError::from(e).into_response(),
    }
}

/// A form sent by a browser whose session has ended (expired, or signed out in another tab): held
/// for the account whose session it was, and the browser sent to sign in and then back to the
/// form it came from. A form with no ended session behind it (never signed in, or a session a
/// password change ended) is sent to sign in without being held; a request that is not a form from
/// one of Pasos' pages gets the plain refusal.
pub async fn signed_out_form(state: &AppState, req: Request) -> Response {
    if req.uri().path() == urls::SIGN_OUT {
        return Redirect::to(urls::SIGN_IN).into_response();
    }
    let page = req.headers().get(header::REFERER).and_then(|v| v.to_str().ok()).and_then(local_page);
    let (Some(page), true) = (page, is_form(req.headers())) else { return WebError::NotSignedIn.into_response() };
    let owner = match session_token(req.headers()) {
        Some(token) => match state.store.ended_session_user(&token_digest(&token)).await {
            Ok(owner) => owner,
            Err(e) => return WebError::from(e).into_response(),
        },
        None => None,
    };
    let Some(owner) = owner else { return Redirect::to(&urls::sign_in_then(&page)).into_response() };
    let body = match read_body(req).await {
        Ok((_, body)) => body,
        Err(refusal) => return refusal,
    };
    let typed = fields(&body);
    let anchor = typed.iter().find(|(k, _)| k == FORM_ANCHOR).map(|(_, v)| v.clone()).filter(|a| is_anchor(a)).unwrap_or_default();
    let form = HeldForm { page: page.clone(), anchor: anchor.clone(), error: SESSION_EXPIRED.into(), fields: kept_fields(&typed) };
    match state.store.hold_form(&owner, &form).await {
        Ok(id) => Redirect::to(&urls::sign_in_then(&held_location(&page, SESSION_EXPIRED, &id, &anchor))).into_response(),
        Err(e) => WebError::from(e).into_response(),
    }
}

/// The path and query of a page of this site named by a `Referer` (the gate has checked its
/// origin), if it is one a form can go back to.
fn local_page(referer: &str) -> Option<String> {
    let rest = referer.split_once("://").map_or(referer, |(_, r)| r);
    let path = &rest[rest.find('/')?..];
    let path = path.split('#').next().unwrap_or(path);
    (urls::local_path(path) == path && path != urls::SIGN_IN && !path.starts_with("/ingresar?")).then(|| path.to_string())
}

fn is_anchor(a: &str) -> bool {
    a.len() <= 64 && a.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// For a page asked for with a held form's id: the held fields, if they are this account's and
/// were held for this page, put where [`crate::ui::kept`] reads them.
pub async fn offer_held(state: &AppState, user_id: &str, req: &mut Request) {
    let Some(id) = req.uri().query().and_then(|q| form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == HELD).map(|(_, v)| v.into_owned()))
    else {
        return;
    };
    if !is_held_id(&id) {
        return;
    }
    match state.store.held_form(&id, user_id, req.uri().path()).await {
        Ok(Some(form)) => {
            // Shared, not copied, by the forms of the page that read it.
            req.extensions_mut().insert(std::sync::Arc::new(HeldFields { id, anchor: form.anchor, error: form.error, fields: form.fields }));
        }
        Ok(None) => {}
        Err(e) => tracing::warn!(error = %e, "no se pudo leer un formulario retenido"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_way_back_carries_an_id_not_the_text() {
        let id = "0123456789abcdef0123456789abcdef";
        assert_eq!(held_location("/rondas/r1", "cerrada", id, "comentar"), format!("/rondas/r1?error=cerrada&retenido={id}#comentar-mensaje"));
        assert_eq!(
            held_location("/rondas/r1?pagina=2&error=viejo&retenido=x", "cerrada", id, ""),
            format!("/rondas/r1?pagina=2&error=cerrada&retenido={id}")
        );
    }

    #[test]
    fn a_referer_names_a_page_of_this_site() {
        assert_eq!(local_page("http://127.0.0.1:3000/rondas/r1?pagina=2#x").as_deref(), Some("/rondas/r1?pagina=2"));
        assert_eq!(local_page("http://127.0.0.1:3000/ingresar?siguiente=/x"), None);
        assert_eq!(local_page("http://127.0.0.1:3000"), None);
    }

    #[test]
    fn a_key_is_short_and_plain() {
        let key = |v: &str| form_key(&[(FORM_KEY.to_string(), v.to_string())]);
        assert_eq!(key("a1-b2").as_deref(), Some("a1-b2"));
        assert_eq!(key(""), None);
        assert_eq!(key("a b"), None);
        assert_eq!(key(&"a".repeat(65)), None);
    }

    #[test]
    fn a_key_met_again_with_other_fields_is_another_form() {
        let form = |texto: &str| vec![(FORM_KEY.to_string(), "k1".to_string()), ("texto".to_string(), texto.to_string())];
        assert_eq!(sending_key("k1", &form("Aporte.")), sending_key("k1", &form("Aporte.")), "the same form twice: one key");
        assert_ne!(sending_key("k1", &form("Aporte.")), sending_key("k1", &form("Otro aporte.")));
        assert_ne!(sending_key("k1", &form("Aporte.")), sending_key("k2", &form("Aporte.")));
        let password = |p: &str| vec![(FORM_KEY.to_string(), "k1".to_string()), ("nueva".to_string(), p.to_string())];
        assert_eq!(sending_key("k1", &password("una")), sending_key("k1", &password("otra")), "no password enters the digest");
        let split = |a: &str, b: &str| vec![(a.to_string(), b.to_string())];
        assert_ne!(sending_key("k1", &split("ab", "c")), sending_key("k1", &split("a", "bc")), "where a field ends counts");
    }
}
