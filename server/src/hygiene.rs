//! The last pass over every HTML page: what Leptos 0.8 writes for a hydration our reading pages
//! never do comes out, and no character a browser would call a parse error goes out.
//!
//! Leptos marks the places of dynamic children with `<!>` (a "bogus comment", a parse error)
//! and appends the hydration data as inline scripts after `</html>` (also a parse error, and
//! blocked by our Content-Security-Policy), whatever the page. Neither can be turned off from
//! an app. Outside islands the markers are dropped; inside an island they become empty
//! comments (`<!---->`, the same node in the DOM its hydration walks). Empty hydration data is
//! dropped (`/islas.js` declares it for the islands); a page whose data is not empty keeps it
//! (and the HTML check of the test suite fails on it): no data is ever dropped silently.
use axum::body::Body;
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use pasos_app::domain::text::{is_unprintable, LINE_BREAK, PAGE_BREAK};

/// The largest page cleaned (a whole deliverable's document is a few MB).
const MAX_PAGE_BYTES: usize = 64 * 1024 * 1024;

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

/// Cleans `text/html` responses (see the module's note); others pass untouched.
pub async fn clean_html(req: Request, next: Next) -> Response {
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
    let bytes = match axum::body::to_bytes(body, MAX_PAGE_BYTES).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "no se pudo leer la página generada");
            return (axum::http::StatusCode::INTERNAL_SERVER_ERROR, "No se pudo preparar la página. Intente de nuevo.").into_response();
        }
    };
    let page = clean(&String::from_utf8_lossy(&bytes));
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(page))
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
