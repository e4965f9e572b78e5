//! The layers every request passes, in order from the outside: security headers, the last pass
//! over HTML, the framework's refusals said in Spanish, the time budget. (Compression, the body
//! limit and the gate are put around the router by the server.)
//!
//! The last pass over HTML: what Leptos 0.8 writes for a hydration our reading pages never do
//! comes out, and no character a browser would call a parse error goes out. Leptos marks the
//! places of dynamic children with `<!>` (a "bogus comment", a parse error) and appends the
//! hydration data as inline scripts after `</html>` (also a parse error, and blocked by our
//! Content-Security-Policy), whatever the page. Neither can be turned off from an app. Outside
//! islands the markers are dropped; inside an island they become empty comments (`<!---->`, the
//! same node in the DOM its hydration walks). Empty hydration data is dropped (`/islas.js`
//! declares it for the islands); a page whose data is not empty keeps it (and the HTML check of
//! the test suite fails on it): no data is ever dropped silently.
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::domain::text::{is_unprintable, LINE_BREAK, PAGE_BREAK};
use crate::web::WebError;

/// The largest body a request may carry, in bytes: a step's text (`domain::drafting::MAX_BODY_BYTES`)
/// with room for its form.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// How long a client has to send a request's body once its headers arrived.
pub const BODY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// How long a request may take to be answered (its headers; a download then streams). Every page
/// is bounded well below it; this is the guard for what was not foreseen.
pub const REQUEST_BUDGET: std::time::Duration = std::time::Duration::from_secs(30);

/// Answers 503 when a request runs past its `budget` ([`REQUEST_BUDGET`]); its work is dropped
/// with it.
pub async fn within_budget(
    axum::extract::State(budget): axum::extract::State<std::time::Duration>,
    req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path().to_string();
    match tokio::time::timeout(budget, next.run(req)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::error!(%path, "la petición superó su tiempo máximo");
            (StatusCode::SERVICE_UNAVAILABLE, crate::i18n::t().too_slow_answer).into_response()
        }
    }
}

/// The framework's own refusals say why in English; the people we serve read Spanish.
pub async fn in_spanish(response: Response) -> Response {
    let t = crate::i18n::t();
    let plain = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| v.starts_with("text/plain"));
    match response.status() {
        StatusCode::PAYLOAD_TOO_LARGE => (StatusCode::PAYLOAD_TOO_LARGE, t.too_large_answer).into_response(),
        // A body that never finished arriving, or could not be read as a form.
        StatusCode::BAD_REQUEST | StatusCode::REQUEST_TIMEOUT | StatusCode::UNSUPPORTED_MEDIA_TYPE | StatusCode::UNPROCESSABLE_ENTITY
            if plain && !response.headers().contains_key(SPANISH) =>
        {
            (StatusCode::BAD_REQUEST, t.unreadable_answer).into_response()
        }
        _ => response,
    }
}

/// Marks a refusal Pasos wrote itself (already in Spanish), so that [`in_spanish`] leaves it alone.
pub const SPANISH: &str = "x-pasos-mensaje";

/// The Content-Security-Policy of every response: scripts only from Pasos' own files (the wasm of
/// the pages with islands, loaded by `/islas.js`), no inline script or style, no plugins, no
/// framing, forms only to Pasos, images only Pasos' own (a picture in a contribution would tell
/// its owner who read it).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; \
     style-src 'self'; img-src 'self'; font-src 'self'; manifest-src 'self'; form-action 'self'; frame-ancestors 'none'; \
     base-uri 'none'";

/// Security headers on every response, and how long each may be kept:
/// - a static file asked for by its current fingerprint: a year, never asked again (`immutable`);
///   by another or none, and the service worker: kept, but asked for again each time (`no-cache`);
/// - a page with its entity tag ([`clean_html`]): only by this browser, asked for again each time
///   (`private, no-cache`, varying with the cookie, so one person's copy is never another's);
/// - anything else (downloads, redirects, refusals): `no-store`.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let shared = path.starts_with("/pkg/") || matches!(path, "/favicon.svg" | "/islas.js" | crate::urls::OFFLINE_SCRIPT);
    let current = shared && crate::web::assets::is_current(path, req.uri().query());
    let worker = path == crate::urls::SERVICE_WORKER;
    let signed_out = crate::accounts::session::cleared_after_sign_out(path, req.uri().query());
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    // A download that set its own, stricter policy (a stored file's sandbox) keeps it.
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    headers.insert("cross-origin-resource-policy", HeaderValue::from_static("same-origin"));
    headers.remove(SPANISH);
    // Whose answer it was is for the pages only: a file kept for good (or the worker) keeps no account.
    if shared || worker {
        headers.remove(crate::web::session::ACCOUNT_HEADER);
    }
    let tagged = headers.contains_key(header::ETAG);
    let keep = match () {
        _ if current && response.status().is_success() => "public, max-age=31536000, immutable",
        _ if shared || worker => "no-cache",
        _ if tagged => "private, no-cache",
        _ => "no-store",
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(keep));
    if signed_out {
        headers.insert(crate::accounts::session::CLEAR_SITE_DATA, HeaderValue::from_static("\"cache\""));
    }
    if tagged {
        headers.append(header::VARY, HeaderValue::from_static("Cookie"));
    }
    response
}

/// The largest page cleaned (a whole deliverable's document is a few MB).
pub(crate) const MAX_PAGE_BYTES: usize = 64 * 1024 * 1024;

/// The scripts Leptos appends after `</html>` when there is no hydration data.
const EMPTY_DATA: [&str; 2] =
    ["__RESOLVED_RESOURCES=[];__SERIALIZED_ERRORS=[];__PENDING_RESOURCES=[];__RESOURCE_RESOLVERS=[];", "__INCOMPLETE_CHUNKS=[];"];

/// Whether what follows `</html>` is only markers and scripts without data.
fn only_empty_data(mut tail: &str) -> bool {
    loop {
        tail = tail.trim_start();
        if tail.is_empty() {
            return true;
        }
        if let Some(rest) = tail.strip_prefix("<!>") {
            tail = rest;
            continue;
        }
        let Some(rest) = tail.strip_prefix("<script") else { return false };
        let Some(open_end) = rest.find('>') else { return false };
        let Some(close) = rest.find("</script>") else { return false };
        if close < open_end || !EMPTY_DATA.contains(&&rest[open_end + 1..close]) {
            return false;
        }
        tail = &rest[close + "</script>".len()..];
    }
}

/// Cleans `text/html` responses (see the module's note); others pass untouched. A page read with
/// GET then carries its entity tag (`web::assets::page_tag`, of the session and the cleaned page),
/// and a request whose `If-None-Match` names that tag is answered `304 Not Modified`, every
/// header kept, without the page. A page answered from its copy (`web::copies`) comes cleaned and
/// tagged; a page marked to be kept is kept here, once cleaned and tagged.
pub async fn clean_html(req: Request, next: Next) -> Response {
    let validated = matches!(*req.method(), axum::http::Method::GET | axum::http::Method::HEAD)
        && crate::web::assets::may_keep(req.uri().path(), req.uri().query());
    // Read only for the pages that get a tag; every other answer passes untouched.
    let (session, if_none_match) = if validated {
        let session = crate::web::session::session_token(req.headers()).unwrap_or_default();
        (session, req.headers().get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()).map(str::to_string))
    } else {
        Default::default()
    };
    let response = next.run(req).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // A kept page (`web::copies`) comes clean and tagged already.
    let (body, tag) = match parts.extensions.remove::<crate::web::copies::Tagged>() {
        Some(crate::web::copies::Tagged(tag)) => (body, Some(tag)),
        None => {
            let bytes = match axum::body::to_bytes(body, MAX_PAGE_BYTES).await {
                Ok(b) => b,
                Err(e) => {
                    tracing::error!(error = %e, "no se pudo leer la página generada");
                    return WebError::Unavailable.into_response();
                }
            };
            let page = clean(&String::from_utf8_lossy(&bytes));
            parts.headers.remove(header::CONTENT_LENGTH);
            let tag = (validated && parts.status == StatusCode::OK).then(|| crate::web::assets::page_tag(&session, &page));
            let page = Bytes::from(page);
            if let (Some(keep), Some(tag)) = (parts.extensions.remove::<crate::web::copies::KeepAs>(), &tag) {
                keep.keep(&parts.headers, page.clone(), tag.clone());
            }
            (Body::from(page), tag)
        }
    };
    if let Some(tag) = tag.filter(|_| validated && parts.status == StatusCode::OK) {
        let unchanged = if_none_match.is_some_and(|asked| crate::web::assets::matches(&asked, &tag));
        parts.headers.insert(header::ETAG, HeaderValue::from_str(&tag).expect("hex digits"));
        if unchanged {
            parts.status = StatusCode::NOT_MODIFIED;
            return Response::from_parts(parts, Body::empty());
        }
    }
    Response::from_parts(parts, body)
}

/// The page without markers, trailing empty data and unprintable characters.
pub fn clean(page: &str) -> String {
    let (document, tail) = match page.rfind("</html>") {
        Some(end) => page.split_at(end + "</html>".len()),
        None => (page, ""),
    };
    let keep_tail = !only_empty_data(tail);
    if keep_tail {
        tracing::warn!("la página lleva datos de hidratación tras </html>; se conservan");
    }
    let mut out = String::with_capacity(page.len());
    // Inside an island the markers are what its hydration walks; elsewhere nothing reads them.
    let mut depth = 0usize;
    let mut chunks = document.split("<!>").peekable();
    while let Some(chunk) = chunks.next() {
        depth = (depth + chunk.matches("<leptos-island").count()).saturating_sub(chunk.matches("</leptos-island>").count());
        if chunk.chars().any(is_unprintable) {
            for c in chunk.chars() {
                match c {
                    LINE_BREAK | PAGE_BREAK => out.push('\n'),
                    c if is_unprintable(c) => {}
                    c => out.push(c),
                }
            }
        } else {
            out.push_str(chunk);
        }
        if chunks.peek().is_some() && depth > 0 {
            out.push_str("<!---->");
        }
    }
    if keep_tail {
        out.push_str(tail);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::clean;
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use tower::ServiceExt;

    /// A request that runs past its budget is answered 503, in Spanish, at the budget.
    #[tokio::test]
    async fn a_request_past_its_budget_is_cut_short() {
        let budget = std::time::Duration::from_millis(50);
        let app = axum::Router::new()
            .route("/lenta", axum::routing::get(|| async { tokio::time::sleep(std::time::Duration::from_secs(5)).await }))
            .layer(axum::middleware::from_fn_with_state(budget, super::within_budget));
        let started = std::time::Instant::now();
        let res = app.oneshot(Request::get("/lenta").body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        let body = axum::body::to_bytes(res.into_body(), 4096).await.unwrap();
        assert!(String::from_utf8_lossy(&body).contains("tardó demasiado"));
    }

    #[test]
    fn markers_and_empty_data_go_on_a_reading_page() {
        let page = format!(
            "<!DOCTYPE html><html><body><p>a<!>b</p><!></body></html><!><script nonce=\"x1\">{}</script><script>{}</script>",
            super::EMPTY_DATA[0],
            super::EMPTY_DATA[1]
        );
        assert_eq!(clean(&page), "<!DOCTYPE html><html><body><p>ab</p></body></html>");
    }

    #[test]
    fn markers_become_empty_comments_inside_islands_only() {
        let page = "<html><body><p>x<!>y</p><leptos-island data-component=\"E\"><p>a<!>b</p></leptos-island><!></body></html>";
        assert_eq!(clean(page), "<html><body><p>xy</p><leptos-island data-component=\"E\"><p>a<!---->b</p></leptos-island></body></html>");
    }

    #[test]
    fn hydration_data_is_never_dropped() {
        let page = "<html></html><script>__RESOLVED_RESOURCES=[1];</script>";
        assert_eq!(clean(page), page);
    }

    #[test]
    fn unprintable_characters_go_and_words_breaks_become_line_feeds() {
        assert_eq!(clean("<p>a\u{0}b\u{0B}c\u{0C}d\u{85}\u{FFFE}</p>"), "<p>ab\nc\nd</p>");
        assert_eq!(clean("<p>&lt;!&gt; ñ</p>"), "<p>&lt;!&gt; ñ</p>", "an escaped marker is text");
    }
}
