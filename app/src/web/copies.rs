//! Pages answered from a copy. A page that may be kept ([`super::assets::may_keep`]) is written
//! once per session and kept here, cleaned, with its entity tag, until one of the database's
//! counters (`Store::counters`, read before the session on every request) says something may
//! have changed: any form a signed-in person sent (`stamp:writes`), any session ended or account
//! changed (`stamp:sessions`). Whatever the page reads, a write counts: nothing a page shows can
//! change under its copy, and no page has to list what it reads. A copy also lasts only the
//! minute it was written in, for what the clock changes (a consultation that closes, the days
//! a deliverable has been with CEPLAN). Any instance's write counts, so a copy kept by one
//! instance is not served after another wrote.
//!
//! The copy is of the page as [`super::layers::clean_html`] sends it (which keeps it, told so by
//! [`KeepAs`]), so a copy answered skips the writing, the cleaning and the hashing; [`Tagged`]
//! tells `clean_html` so.
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use crate::store::Counters;

/// How many bytes of pages an instance keeps before it starts again; a page over an eighth of it
/// (a deliverable's whole document can be a few MB) is not kept.
pub const KEPT_BYTES: usize = 64 * 1024 * 1024;

/// The entity tag of a page answered from its copy (its body is clean already), put on the
/// response by [`answer`].
#[derive(Debug, Clone)]
pub struct Tagged(pub String);

/// When a copy was written: the counters and the minute (Unix time / 60).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Written {
    counters: Counters,
    minute: i64,
}

struct Copy {
    written: Written,
    headers: HeaderMap,
    body: Bytes,
    tag: String,
}

#[derive(Default)]
struct Copies {
    /// By session digest and address.
    pages: HashMap<(String, String), Copy>,
    bytes: usize,
}

/// The pages this instance keeps; shared by every clone.
#[derive(Clone, Default)]
pub struct PageCopies(Arc<Mutex<Copies>>);

impl PageCopies {
    fn get(&self, key: &(String, String), written: Written) -> Option<Response> {
        let copies = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let copy = copies.pages.get(key).filter(|c| c.written == written)?;
        let mut response = Response::new(Body::from(copy.body.clone()));
        *response.headers_mut() = copy.headers.clone();
        response.extensions_mut().insert(Tagged(copy.tag.clone()));
        Some(response)
    }

    fn keep(&self, key: (String, String), copy: Copy) {
        let mut copies = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if copy.body.len() > KEPT_BYTES / 8 {
            return;
        }
        if copies.bytes + copy.body.len() > KEPT_BYTES {
            copies.pages.clear();
            copies.bytes = 0;
        }
        copies.bytes += copy.body.len();
        if let Some(old) = copies.pages.insert(key, copy) {
            copies.bytes -= old.body.len();
        }
    }
}

/// Asks [`super::layers::clean_html`] to keep the page it cleans and tags, as [`answer`] would
/// find it again. (The page is read there, not in [`answer`], so that it is written as far out in
/// the layers as before: a deliverable's whole document is deep.)
#[derive(Clone)]
pub struct KeepAs {
    copies: PageCopies,
    key: (String, String),
    written: Written,
}

impl KeepAs {
    /// Keeps the cleaned `body` with its `headers` and entity `tag`.
    pub fn keep(self, headers: &HeaderMap, body: Bytes, tag: String) {
        self.copies.keep(self.key, Copy { written: self.written, headers: headers.clone(), body, tag });
    }
}

/// Answers a GET of a page that may be kept, for the session whose token's digest is `digest`,
/// at `counters` read before the session: from the copy when it was written at the same counters
/// and minute; else written, and marked [`KeepAs`] when it is a `200` that sets no cookie.
pub async fn answer(copies: &PageCopies, digest: &str, counters: Counters, req: Request, next: Next) -> Response {
    if counters.sessions < 0 || counters.writes < 0 {
        return next.run(req).await;
    }
    let written = Written { counters, minute: chrono::Utc::now().timestamp().div_euclid(60) };
    let key = (digest.to_string(), req.uri().path().to_string());
    if let Some(copy) = copies.get(&key, written) {
        return copy;
    }
    let mut response = next.run(req).await;
    // A page that sets a cookie is the answer to this request only.
    if response.status() == StatusCode::OK && !response.headers().contains_key(header::SET_COOKIE) {
        response.extensions_mut().insert(KeepAs { copies: copies.clone(), key, written });
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy(written: Written, body: &'static str) -> Copy {
        Copy { written, headers: HeaderMap::new(), body: Bytes::from_static(body.as_bytes()), tag: format!("W/\"{body}\"") }
    }

    #[tokio::test]
    async fn a_copy_serves_only_at_the_counters_and_minute_it_was_written_at() {
        let copies = PageCopies::default();
        let at = |sessions, writes, minute| Written { counters: Counters { sessions, writes }, minute };
        let key = ("sesion".to_string(), "/tablero".to_string());
        copies.keep(key.clone(), copy(at(1, 5, 100), "tablero"));
        let served = copies.get(&key, at(1, 5, 100)).expect("the copy");
        assert_eq!(served.extensions().get::<Tagged>().map(|t| t.0.clone()), Some("W/\"tablero\"".to_string()));
        assert_eq!(axum::body::to_bytes(served.into_body(), 100).await.unwrap(), "tablero");
        assert!(copies.get(&key, at(1, 6, 100)).is_none(), "after a write");
        assert!(copies.get(&key, at(2, 5, 100)).is_none(), "after a session ended or an account changed");
        assert!(copies.get(&key, at(1, 5, 101)).is_none(), "in the next minute");
        assert!(copies.get(&("otra".to_string(), "/tablero".to_string()), at(1, 5, 100)).is_none(), "another session");
    }

    #[test]
    fn past_its_bytes_it_starts_again() {
        let copies = PageCopies::default();
        let at = Written { counters: Counters { sessions: 0, writes: 0 }, minute: 0 };
        let big: &'static str = Box::leak("x".repeat(KEPT_BYTES / 8).into_boxed_str());
        for i in 0..9 {
            copies.keep(("s".to_string(), format!("/p{i}")), copy(at, big));
        }
        let kept = copies.0.lock().unwrap();
        assert!(kept.bytes <= KEPT_BYTES && kept.pages.len() < 9, "{} bytes in {} pages", kept.bytes, kept.pages.len());
        assert_eq!(kept.bytes, kept.pages.values().map(|c| c.body.len()).sum::<usize>());
    }
}
