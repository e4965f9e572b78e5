//! Sessions, sign-in and sign-out, the sign-in gate and cross-site request refusal.
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::Extension;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::Utc;
use pasos_app::auth::{cookie, decoy_hash, new_session_token, session_token, token_digest, verify_password, CurrentUser, UnreadNotices, DEVICE_COOKIE, SESSION_COOKIE};
use pasos_app::domain::account::{attempt_counts, normalize_email, DEVICE_LIFETIME};
use serde::Deserialize;

use crate::router::AppState;

/// Runs a password hash or check on the blocking pool, one per core at a time. Each takes 19 MiB
/// and all the CPU it gets, so a burst of sign-ins must queue rather than start a thread (and its
/// memory) apiece: sixteen clients signing in at once took the server from 0.2 to 3 GB.
pub async fn with_argon2<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    static PERMITS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    let permits = PERMITS.get_or_init(|| tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get())));
    let _permit = permits.acquire().await.ok()?;
    tokio::task::spawn_blocking(job).await.ok()
}

/// Paths a signed-out visitor may reach.
fn is_public(path: &str) -> bool {
    matches!(path, "/ingresar" | "/healthz" | "/favicon.svg") || path.starts_with("/pkg/")
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
pub fn client_address(peer: Option<std::net::IpAddr>, headers: &HeaderMap, trusted: &[ipnet::IpNet]) -> Option<std::net::IpAddr> {
    let peer = peer?;
    let is_trusted = |ip: &std::net::IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return Some(peer);
    }
    let forwarded: Vec<std::net::IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|a| a.trim().parse())
        .collect::<Result<_, _>>()
        .unwrap_or_default();
    Some(forwarded.iter().rev().find(|ip| !is_trusted(ip)).or(forwarded.first()).copied().unwrap_or(peer))
}

/// The client's address as [`client_address`] read it, kept with the request.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddress(pub Option<std::net::IpAddr>);

/// Runs before every request: refuses cross-site writes, finds the session's user, and sends
/// signed-out visitors to the sign-in page.
pub async fn gate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(a)| a.ip());
    let address = client_address(peer, req.headers(), &state.auth.trusted_proxies);
    req.extensions_mut().insert(ClientAddress(address));
    if !is_safe(req.method()) && !same_origin(req.headers(), state.auth.public_origin.as_deref()) {
        return (StatusCode::FORBIDDEN, "Solicitud rechazada: no proviene de Pasos.").into_response();
    }
    // The compiled assets are the same for everyone: serve them without reading a session.
    if is_safe(req.method()) && req.uri().path().starts_with("/pkg/") {
        req.extensions_mut().insert(CurrentUser(None));
        return next.run(req).await;
    }
    let signed_in = match session_token(req.headers()) {
        Some(token) => match state.store.session_user(&token_digest(&token), Utc::now()).await {
            Ok(signed_in) => signed_in,
            Err(e) => {
                tracing::error!(error = %e, "no se pudo leer la sesión");
                return (StatusCode::SERVICE_UNAVAILABLE, "Servicio no disponible; intente de nuevo en unos minutos.")
                    .into_response();
            }
        },
        None => None,
    };
    let unread = signed_in.as_ref().map_or(0, |s| s.unread);
    let user = signed_in.map(|s| s.user);
    let path = req.uri().path().to_string();
    if user.is_none() && !is_public(&path) {
        if is_safe(req.method()) {
            let wanted = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
            let next = if wanted == "/" { String::new() } else { format!("?siguiente={}", urlencode(wanted)) };
            return Redirect::to(&format!("/ingresar{next}")).into_response();
        }
        return (StatusCode::UNAUTHORIZED, "Inicie sesión para continuar.").into_response();
    }
    req.extensions_mut().insert(CurrentUser(user));
    req.extensions_mut().insert(UnreadNotices(unread));
    next.run(req).await
}

#[derive(Debug, Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    correo: String,
    #[serde(default)]
    contrasena: String,
    #[serde(default)]
    siguiente: String,
}

/// Only paths inside Pasos are followed after sign-in (never `//host` or `https://…`). A browser
/// drops tabs and line breaks from an address and reads `\\` as `/`, so `/\t/evil.example` and
/// `/\\evil.example` lead elsewhere: any whitespace, control character or backslash is refused.
pub fn local_path(next: &str) -> &str {
    let plain = !next.chars().any(|c| c.is_whitespace() || c.is_control() || c == '\\');
    if plain && next.starts_with('/') && !next.starts_with("//") { next } else { "/" }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn back_to_form(error: &str, email: &str, next: &str) -> Response {
    let mut url = format!("/ingresar?error={error}&correo={}", urlencode(email));
    if local_path(next) != "/" {
        url.push_str(&format!("&siguiente={}", urlencode(next)));
    }
    Redirect::to(&url).into_response()
}

fn cookie_header(name: &str, value: &str, max_age: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}");
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// `POST /ingresar`: the same answer, after the same work, for an unknown e-mail and a wrong
/// password. Each attempt is counted before the password is checked ([`attempt_counts`]); a
/// browser this account signed in from before has a count of its own, so a stranger's guesses
/// lock out strangers, not the owner.
pub async fn sign_in(
    State(state): State<AppState>,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Response {
    let email = normalize_email(&form.correo);
    if email.is_empty() || form.contrasena.is_empty() {
        return back_to_form("faltan", &email, &form.siguiente);
    }
    let address = address.map_or_else(|| "desconocida".to_string(), |a| a.to_string());
    let device = cookie(&headers, DEVICE_COOKIE).map(|t| token_digest(&t));
    let now = Utc::now();
    let result: Result<Response, pasos_app::store::StoreError> = async {
        let known = match &device {
            Some(d) => state.store.known_device(d, &email, now).await?,
            None => false,
        };
        let counts = attempt_counts(&email, &address, device.as_deref().filter(|_| known), now);
        if !state.store.count_sign_in_attempt(&counts).await? {
            return Ok(back_to_form("bloqueado", &email, &form.siguiente));
        }
        let found = state.store.user_with_hash(&email).await?;
        let hash = found.as_ref().map(|(_, h)| h.clone()).unwrap_or_else(|| decoy_hash().to_string());
        let password = form.contrasena.clone();
        let matches = with_argon2(move || verify_password(&password, &hash)).await.unwrap_or(false);
        let user = match found {
            Some((user, _)) if matches && user.active => user,
            _ => return Ok(back_to_form("credenciales", &email, &form.siguiente)),
        };
        state.store.uncount_sign_in_attempt(&counts, now).await?;
        let (token, digest) = new_session_token();
        state.store.create_session(&user, &digest, now).await?;
        let (device_token, device_digest) = match (cookie(&headers, DEVICE_COOKIE), device) {
            (Some(t), Some(d)) => (t, d),
            _ => new_session_token(),
        };
        state.store.remember_device(&device_digest, &email, now).await?;
        let max_age = pasos_app::domain::account::ABSOLUTE_LIMIT.num_seconds();
        let mut res = Redirect::to(local_path(&form.siguiente)).into_response();
        let secure = state.auth.secure_cookies;
        res.headers_mut().append(header::SET_COOKIE, cookie_header(SESSION_COOKIE, &token, max_age, secure));
        res.headers_mut().append(header::SET_COOKIE, cookie_header(DEVICE_COOKIE, &device_token, DEVICE_LIFETIME.num_seconds(), secure));
        Ok(res)
    }
    .await;
    result.unwrap_or_else(|e| {
        tracing::error!(error = %e, "error al iniciar sesión");
        back_to_form("servicio", &email, &form.siguiente)
    })
}

/// `POST /salir`: ends the session in the database, not only in the browser.
pub async fn sign_out(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(token) = session_token(&headers) {
        if let Err(e) = state.store.end_session(&token_digest(&token)).await {
            tracing::error!(error = %e, "no se pudo cerrar la sesión");
        }
    }
    let mut res = Redirect::to("/ingresar?aviso=salida").into_response();
    res.headers_mut().insert(header::SET_COOKIE, cookie_header(SESSION_COOKIE, "", 0, state.auth.secure_cookies));
    res
}

#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    actual: String,
    #[serde(default)]
    nueva: String,
    #[serde(default)]
    repetida: String,
}

/// `POST /cuenta/clave`: the user changes their own password; their other sessions end.
pub async fn change_password(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    headers: HeaderMap,
    Form(form): Form<PasswordForm>,
) -> Response {
    use pasos_app::domain::account::check_password;
    use pasos_app::domain::AccountError;
    let back = |code: &str| Redirect::to(&format!("/cuenta?error={code}")).into_response();
    let Some(user) = current.0 else { return (StatusCode::UNAUTHORIZED, "Inicie sesión para continuar.").into_response() };
    if form.nueva != form.repetida {
        return back("distintas");
    }
    if let Err(e) = check_password(&form.nueva) {
        return back(if e == AccountError::PasswordTooLong { "larga" } else { "corta" });
    }
    let result: Result<Response, pasos_app::store::StoreError> = async {
        let hash = state.store.user_with_hash(&user.email).await?.map(|(_, h)| h).unwrap_or_default();
        let (actual, nueva) = (form.actual.clone(), form.nueva.clone());
        let checked = with_argon2(move || {
            verify_password(&actual, &hash).then(|| pasos_app::auth::hash_password(&nueva).ok()).flatten()
        })
        .await
        .flatten();
        let Some(new_hash) = checked else { return Ok(back("actual")) };
        let keep = session_token(&headers).map(|t| token_digest(&t));
        state.store.change_password(&user, new_hash, keep.as_deref(), &user.author()).await?;
        Ok(Redirect::to("/cuenta?aviso=clave").into_response())
    }
    .await;
    result.unwrap_or_else(|e| {
        tracing::error!(error = %e, "error al cambiar la contraseña");
        back("servicio")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(!same_origin(&headers(&[host.clone()]), None), "no origin at all is refused");
        assert!(!same_origin(&headers(&[host.clone(), (header::ORIGIN, "null")]), None));
        let public = Some("https://pasos.trabajo.gob.pe");
        assert!(same_origin(&headers(&[host.clone(), (header::ORIGIN, "https://pasos.trabajo.gob.pe")]), public));
        assert!(!same_origin(&headers(&[host, (header::ORIGIN, "http://127.0.0.1:3000")]), public));
    }

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path("/politicas/pnmpetf"), "/politicas/pnmpetf");
        for evil in ["//evil.example", "https://evil.example", "/\\evil.example", "", "javascript:alert(1)", "/\t/evil.example", "/\n/evil.example", "/ /evil.example", "/x\r\nSet-Cookie: a=b", "/a\\b"] {
            assert_eq!(local_path(evil), "/", "{evil}");
        }
    }

    #[test]
    fn the_client_address_comes_from_forwarded_for_only_through_a_trusted_balancer() {
        let balancer: std::net::IpAddr = "10.0.0.5".parse().unwrap();
        let trusted = crate::router::parse_networks("10.0.0.0/24").unwrap();
        let forwarded = headers(&[(header::HeaderName::from_static("x-forwarded-for"), "6.6.6.6, 190.1.2.3")]);
        assert_eq!(client_address(Some(balancer), &forwarded, &trusted), Some("190.1.2.3".parse().unwrap()), "the entry the balancer wrote");
        let stranger: std::net::IpAddr = "200.4.5.6".parse().unwrap();
        assert_eq!(client_address(Some(stranger), &forwarded, &trusted), Some(stranger), "a client's own header is ignored");
        assert_eq!(client_address(Some(balancer), &headers(&[]), &trusted), Some(balancer));
        let chain = headers(&[(header::HeaderName::from_static("x-forwarded-for"), "190.1.2.3, 10.0.0.7")]);
        assert_eq!(client_address(Some(balancer), &chain, &trusted), Some("190.1.2.3".parse().unwrap()), "past a chain of balancers");
        let junk = headers(&[(header::HeaderName::from_static("x-forwarded-for"), "no-es-ip")]);
        assert_eq!(client_address(Some(balancer), &junk, &trusted), Some(balancer));
        assert!(crate::router::parse_networks("10.0.0.5, 2001:db8::/32").unwrap().len() == 2);
        assert!(crate::router::parse_networks("10.0.0.999").is_err());
    }

    #[test]
    fn the_session_cookie_is_read_among_others() {
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
