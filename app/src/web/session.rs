//! Who is asking. The gate runs before every request: it refuses cross-site writes, reads the
//! session cookie once, finds the client's address, and sends signed-out visitors to the
//! sign-in page. Handlers and server functions then ask for [`SignedIn`], the one extractor of
//! the acting user.
use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;

use super::{AppState, WebError};
use crate::store::credentials::token_digest;
use crate::domain::User;

/// The cookie that carries the session token.
pub const SESSION_COOKIE: &str = "pasos_sesion";
/// The cookie that marks a browser an account signed in from (its token's digest is kept with
/// the account's e-mail): it lets the owner try their password while strangers are locked out.
pub const DEVICE_COOKIE: &str = "pasos_dispositivo";

/// The signed-in user of a request (none for a visitor), put into the request by the gate.
#[derive(Debug, Clone, Default)]
pub struct CurrentUser(pub Option<User>);

/// How many of the current user's notices are unread, read with the session.
#[derive(Debug, Clone, Copy, Default)]
pub struct UnreadNotices(pub usize);

/// The client's address as [`client_address`] read it.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddress(pub Option<IpAddr>);

/// The signed-in person behind a request: the one way handlers and server functions learn who
/// acts. Refused with [`WebError::NotSignedIn`] for a visitor.
#[derive(Debug, Clone)]
pub struct SignedIn(pub User);

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, WebError> {
        parts.extensions.get::<CurrentUser>().and_then(|c| c.0.clone()).map(SignedIn).ok_or(WebError::NotSignedIn)
    }
}

impl SignedIn {
    /// In a server function: the same extractor, on the request being answered (a refusal also
    /// sets the response's status, since a server function's errors would be 500 otherwise).
    pub async fn current() -> Result<SignedIn, WebError> {
        match leptos_axum::extract::<SignedIn>().await {
            Ok(user) => Ok(user),
            Err(_) => Err(super::refused(WebError::NotSignedIn)),
        }
    }

    /// The user's notices not yet read (the bell), as the gate read them with the session.
    pub fn unread() -> usize {
        leptos::prelude::use_context::<Parts>().and_then(|p| p.extensions.get::<UnreadNotices>().copied()).map_or(0, |u| u.0)
    }
}

impl std::ops::Deref for SignedIn {
    type Target = User;

    fn deref(&self) -> &User {
        &self.0
    }
}

/// The value of cookie `name` in a request's `Cookie` headers, if any and not empty.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, value)| *n == name && !value.is_empty())
        .map(|(_, value)| value.to_string())
}

/// The session token in a request's `Cookie` headers, if any.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    cookie(headers, SESSION_COOKIE)
}

/// The digest of the session token of the request being answered (server functions), to key
/// one-time messages to the session.
pub fn current_session_digest() -> Option<String> {
    let parts = leptos::prelude::use_context::<Parts>()?;
    session_token(&parts.headers).map(|t| token_digest(&t))
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, for the whole site, `Secure` over https.
pub fn cookie_header(name: &str, value: &str, max_age: i64, secure: bool) -> axum::http::HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}");
    axum::http::HeaderValue::from_str(&cookie).unwrap_or_else(|_| axum::http::HeaderValue::from_static(""))
}

/// Paths a signed-out visitor may reach.
fn is_public(path: &str) -> bool {
    use crate::urls::{OFFLINE, OFFLINE_SCRIPT, SERVICE_WORKER, SIGN_IN};
    matches!(path, SIGN_IN | OFFLINE | OFFLINE_SCRIPT | SERVICE_WORKER | "/healthz" | "/favicon.svg") || path.starts_with("/pkg/")
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// `scheme://host[:port]` of a URL.
fn origin_of(url: &str) -> Option<&str> {
    let (scheme, rest) = url.split_once("://")?;
    let end = rest.find('/').unwrap_or(rest.len());
    Some(&url[..scheme.len() + 3 + end])
}

/// Whether a state-changing request comes from our own pages: its `Origin` (or, failing that,
/// its `Referer`) must be the public URL's origin, or this host's when none is configured.
fn same_origin(headers: &HeaderMap, public_origin: Option<&str>) -> bool {
    let claimed = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|v| *v != "null")
        .or_else(|| headers.get(header::REFERER).and_then(|v| v.to_str().ok()).and_then(origin_of));
    let Some(claimed) = claimed else { return false };
    match public_origin {
        Some(own) => claimed.eq_ignore_ascii_case(own),
        None => {
            let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else { return false };
            claimed.split_once("://").is_some_and(|(_, h)| h.eq_ignore_ascii_case(host))
        }
    }
}

/// The client's address: the connection's peer, or, when the peer is a trusted balancer, the
/// nearest address in `X-Forwarded-For` that is not one of the balancers (each proxy appends the
/// address it received from, so the entries left of it are whatever the client wrote).
pub fn client_address(peer: Option<IpAddr>, headers: &HeaderMap, trusted: &[ipnet::IpNet]) -> Option<IpAddr> {
    let peer = peer?;
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return Some(peer);
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|a| a.trim().parse())
        .collect::<Result<_, _>>()
        .unwrap_or_default();
    Some(forwarded.iter().rev().find(|ip| !is_trusted(ip)).or(forwarded.first()).copied().unwrap_or(peer))
}

/// The header that names the signed-in account on every answer to it (see `public/sw.js`).
pub const ACCOUNT_HEADER: &str = "x-pasos-cuenta";

/// Runs before every request: refuses cross-site writes, finds the session's user and the
/// client's address, and sends signed-out visitors to the sign-in page. With a session cookie it
/// first reads the database's counters (`Store::counters`): the session then comes from this
/// instance's copy while they allow, and so does a page that may be kept (`web::copies`); a form
/// sent counts a write once it is answered.
pub async fn gate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(a)| a.ip());
    let address = client_address(peer, req.headers(), &state.auth.trusted_proxies);
    req.extensions_mut().insert(ClientAddress(address));
    let t = crate::i18n::t();
    if !is_safe(req.method()) && !same_origin(req.headers(), state.auth.public_origin.as_deref()) {
        return (StatusCode::FORBIDDEN, t.cross_site_refused).into_response();
    }
    // The compiled assets are the same for everyone: serve them without reading a session.
    if is_safe(req.method()) && req.uri().path().starts_with("/pkg/") {
        req.extensions_mut().insert(CurrentUser(None));
        return next.run(req).await;
    }
    // The counters first, then the session: from this instance's copy when they allow.
    let token = session_token(req.headers());
    let read = match &token {
        Some(token) => {
            on_heap(|| async {
                let digest = token_digest(token);
                let counters = state.store.counters().await?;
                let signed_in = state.store.session_user_as_of(&digest, Utc::now(), &counters).await?;
                Ok::<_, crate::store::StoreError>((signed_in, Some((digest, counters))))
            })
            .await
        }
        None => Ok((None, None)),
    };
    let (signed_in, counted) = match read {
        Ok(read) => read,
        Err(e) => {
            tracing::error!(error = %e, "no se pudo leer la sesión");
            return WebError::Unavailable.into_response();
        }
    };
    let unread = signed_in.as_ref().map_or(0, |s| s.unread);
    let user = signed_in.map(|s| s.user);
    let Some(user) = user else {
        if is_public(req.uri().path()) {
            req.extensions_mut().insert(CurrentUser(None));
            return next.run(req).await;
        }
        if is_safe(req.method()) {
            let wanted = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
            return Redirect::to(&crate::urls::sign_in_then(wanted)).into_response();
        }
        // A form sent after the session expired: held, and back to it after signing in.
        return super::held::signed_out_form(&state, req).await;
    };
    let id = user.id.clone();
    req.extensions_mut().insert(CurrentUser(Some(user)));
    req.extensions_mut().insert(UnreadNotices(unread));
    let kept = matches!(*req.method(), Method::GET | Method::HEAD) && super::assets::may_keep(req.uri().path(), req.uri().query());
    let mut response = match counted {
        Some((digest, counters)) if kept => on_heap(|| super::copies::answer(&state.pages, &digest, counters, req, next)).await,
        _ if is_safe(req.method()) => {
            super::held::offer_held(&state, &id, &mut req).await;
            next.run(req).await
        }
        _ => {
            on_heap(|| async {
                // Whatever the form wrote, every page kept before it is written again; counted
                // once it is answered, or, should its request be given up half-way, right after.
                // (The server functions, `/api/…`, only read: each feature's `data.rs`.)
                let reads_only = req.uri().path().starts_with("/api/");
                let count = CountsWrite((!reads_only).then(|| state.store.clone()));
                let response = super::held::answer_once(&state, &id, req, next).await;
                count.now().await;
                response
            })
            .await
        }
    };
    // Whose page this is, for the service worker: it keeps copies for this account only, and
    // drops them when an answer names no account or another one.
    if let Ok(v) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(ACCOUNT_HEADER, v);
    }
    response
}

/// The future `make` makes, made on the heap: the database's futures are large, and an unoptimised
/// build gives each future made in a function its own room in that function's stack frame, so
/// the gate, under every request, would carry them all on the stack while the page is written.
fn on_heap<'a, T, F>(make: impl FnOnce() -> F) -> std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>
where
    F: std::future::Future<Output = T> + Send + 'a,
{
    Box::pin(make())
}

/// Counts a write ([`crate::store::Store::count_write`]) when told, or when dropped untold.
struct CountsWrite(Option<crate::store::Store>);

impl CountsWrite {
    async fn now(mut self) {
        if let Some(store) = self.0.take() {
            if let Err(e) = store.count_write().await {
                tracing::warn!(error = %e, "no se pudo contar una escritura");
            }
        }
    }
}

impl Drop for CountsWrite {
    fn drop(&mut self) {
        if let Some(store) = self.0.take() {
            tokio::spawn(async move { CountsWrite(Some(store)).now().await });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(k.clone(), HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn same_origin_by_origin_or_referer() {
        let host = (header::HOST, "127.0.0.1:3000");
        assert!(same_origin(&headers(&[host.clone(), (header::ORIGIN, "http://127.0.0.1:3000")]), None));
        assert!(!same_origin(&headers(&[host.clone(), (header::ORIGIN, "http://evil.example")]), None));
        assert!(same_origin(&headers(&[host.clone(), (header::REFERER, "http://127.0.0.1:3000/politicas")]), None));
        assert!(!same_origin(&headers(&[host.clone(), (header::REFERER, "http://127.0.0.1:3000.evil/x")]), None));
        assert!(!same_origin(&headers(std::slice::from_ref(&host)), None), "no origin at all is refused");
        assert!(!same_origin(&headers(&[host.clone(), (header::ORIGIN, "null")]), None));
        let public = Some("https://pasos.trabajo.gob.pe");
        assert!(same_origin(&headers(&[host.clone(), (header::ORIGIN, "https://pasos.trabajo.gob.pe")]), public));
        assert!(!same_origin(&headers(&[host, (header::ORIGIN, "http://127.0.0.1:3000")]), public));
    }

    #[test]
    fn the_client_address_comes_from_forwarded_for_only_through_a_trusted_balancer() {
        let balancer: IpAddr = "10.0.0.5".parse().unwrap();
        let trusted = super::super::parse_networks("10.0.0.0/24").unwrap();
        let forwarded = headers(&[(header::HeaderName::from_static("x-forwarded-for"), "6.6.6.6, 190.1.2.3")]);
        assert_eq!(client_address(Some(balancer), &forwarded, &trusted), Some("190.1.2.3".parse().unwrap()), "the entry the balancer wrote");
        let stranger: IpAddr = "200.4.5.6".parse().unwrap();
        assert_eq!(client_address(Some(stranger), &forwarded, &trusted), Some(stranger), "a client's own header is ignored");
        assert_eq!(client_address(Some(balancer), &headers(&[]), &trusted), Some(balancer));
        let chain = headers(&[(header::HeaderName::from_static("x-forwarded-for"), "190.1.2.3, 10.0.0.7")]);
        assert_eq!(client_address(Some(balancer), &chain, &trusted), Some("190.1.2.3".parse().unwrap()), "past a chain of balancers");
        let junk = headers(&[(header::HeaderName::from_static("x-forwarded-for"), "no-es-ip")]);
        assert_eq!(client_address(Some(balancer), &junk, &trusted), Some(balancer));
        assert!(super::super::parse_networks("10.0.0.5, 2001:db8::/32").unwrap().len() == 2);
        assert!(super::super::parse_networks("10.0.0.999").is_err());
    }

    #[test]
    fn cookies_are_read_among_others() {
        let h = headers(&[(header::COOKIE, "a=1; pasos_sesion=abc; b=2")]);
        assert_eq!(session_token(&h).as_deref(), Some("abc"));
        assert_eq!(session_token(&headers(&[(header::COOKIE, "pasos_sesion=")])), None);
    }

    #[test]
    fn cookies_are_http_only_lax_and_secure_over_https() {
        let c = cookie_header(SESSION_COOKIE, "t", 60, true);
        let c = c.to_str().unwrap();
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.contains("Secure"), "{c}");
        assert!(!cookie_header(SESSION_COOKIE, "t", 60, false).to_str().unwrap().contains("Secure"));
    }
}
