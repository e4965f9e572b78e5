//! Fingerprinted static files and validated pages: what lets a repeat visit on a slow link cost a
//! few hundred bytes instead of the whole page and its assets.
//!
//! Pages link the stylesheet, scripts, icon and wasm as `path?v=F`, F the first 16 hex digits of
//! the SHA-256 of the file as served, computed once per process and file. An address whose F is
//! the file's is the same bytes for good, and is kept a year without asking (`immutable`); any
//! other address of a static file is asked for again (`no-cache`, answered 304 by its date).
//! Instances built from the same files agree on every F, so a balancer may send a page to one
//! and its assets to another.
//!
//! Pages carry an entity tag ([`may_keep`] says which): the SHA-256 of the page as it was written
//! for this session (the session's token enters the hash, so one person's tag never confirms
//! another's copy), and a request whose `If-None-Match` names it is answered `304 Not Modified`
//! with no body. The forms' fresh keys do not enter the tag: a page shown again from the
//! browser's copy sends the key it was first written with, and the key is taken together with
//! what the form carries (`web::held`), so that it never makes another contribution look like one
//! already sent. The page's data comes from copies kept against the counters the database counts
//! up in each writer's transaction (see `store::kept`), so whichever instance wrote, a page that
//! changed gets another tag. Pages are kept by the browser (`private, no-cache`: only by this browser, never used
//! without asking); signing out clears them (`Clear-Site-Data`).
use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use sha2::{Digest, Sha256};

/// Where the static files are (`LEPTOS_SITE_ROOT`): set once per process by the server.
static ROOT: OnceLock<String> = OnceLock::new();
/// Each file's fingerprint, by address; only files that exist are remembered.
static PRINTS: OnceLock<RwLock<HashMap<String, String>>> = OnceLock::new();

/// Says where the static files are served from (the site root). The first call wins: every
/// router of a process serves the same files.
pub fn serve_from(site_root: &str) {
    let _ = ROOT.set(site_root.trim_end_matches('/').to_string());
}

/// The fingerprint of the file at address `path` (`/pkg/pasos.css`): 16 hex digits, or `None`
/// when no such file is served (or [`serve_from`] was never called).
pub fn fingerprint(path: &str) -> Option<String> {
    let prints = PRINTS.get_or_init(Default::default);
    if let Some(f) = prints.read().ok()?.get(path) {
        return Some(f.clone());
    }
    if path.contains("..") || !path.starts_with('/') {
        return None;
    }
    let bytes = std::fs::read(format!("{}{path}", ROOT.get()?)).ok()?;
    let f = crate::store::credentials::hex(&Sha256::digest(&bytes)[..8]);
    prints.write().ok()?.insert(path.to_string(), f.clone());
    Some(f)
}

/// The address a page links a static file by: `path?v=F`, or `path` itself when the file is not
/// found (it is then fetched as before, asking each time).
pub fn href(path: &str) -> String {
    match fingerprint(path) {
        Some(f) => format!("{path}?v={f}"),
        None => path.to_string(),
    }
}

/// Whether a request for a static file names its current fingerprint (`?v=F`), so that the
/// answer may be kept for good.
pub fn is_current(path: &str, query: Option<&str>) -> bool {
    let asked = query.and_then(|q| form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "v").map(|(_, v)| v.into_owned()));
    asked.is_some_and(|v| fingerprint(path).is_some_and(|f| f == v))
}

/// Whether the page at `path` with `query` may be kept by the browser and answered 304. Not:
/// - a page with a query: one-time notes and refusals ride on it (`?guardado=`, `?error=`, a held
///   form's `?retenido=`), which the browser's Back would otherwise show again from its copy;
/// - the account's and the administrators' pages and the sign-in page: a password form (a
///   password typed again is the same form sent again), a temporary password shown once.
pub fn may_keep(path: &str, query: Option<&str>) -> bool {
    let private = [crate::urls::ACCOUNT, "/admin", crate::urls::SIGN_IN];
    query.is_none_or(str::is_empty) && !private.iter().any(|p| path == *p || path.starts_with(&format!("{p}/")))
}

/// A page's entity tag (weak: the page travels compressed or not), from the session it was
/// written for and its text, its forms' keys (32 hex digits each) left out: `W/"` and 32 hex
/// digits `"`.
pub fn page_tag(session: &str, page: &str) -> String {
    let mut hash = Sha256::new();
    hash.update((session.len() as u64).to_le_bytes());
    hash.update(session.as_bytes());
    let marker = format!("name=\"{}\" value=\"", crate::web::form::FORM_KEY);
    let mut rest = page;
    while let Some(at) = rest.find(&marker) {
        let value = at + marker.len();
        hash.update(&rest.as_bytes()[..value]);
        rest = &rest[value..];
        let key = rest.as_bytes().get(..33).filter(|k| k[..32].iter().all(u8::is_ascii_hexdigit) && k[32] == b'"');
        if key.is_some() {
            rest = &rest[32..];
        }
    }
    hash.update(rest.as_bytes());
    let digits = crate::store::credentials::hex(&hash.finalize()[..16]);
    format!("W/\"{digits}\"")
}

/// Whether an `If-None-Match` header's value names `tag` (or is `*`), comparing weakly as RFC 9110
/// § 13.1.2 asks for GET.
pub fn matches(if_none_match: &str, tag: &str) -> bool {
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_string();
    if_none_match.trim() == "*" || if_none_match.split(',').any(|t| bare(t) == bare(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_tag_depends_on_the_session_and_every_byte_but_the_forms_keys() {
        let tag = page_tag("a", "<p>hola</p>");
        assert!(tag.starts_with("W/\"") && tag.len() == 36, "{tag}");
        assert_eq!(tag, page_tag("a", "<p>hola</p>"));
        assert_ne!(tag, page_tag("b", "<p>hola</p>"), "another session, another tag");
        assert_ne!(tag, page_tag("a", "<p>hola.</p>"));
        assert_ne!(page_tag("ab", "c"), page_tag("a", "bc"), "the session's end is marked");
        let form = |key: &str, text: &str| format!("<form><input type=\"hidden\" name=\"clave\" value=\"{key}\"><textarea>{text}</textarea></form>");
        let (k1, k2) = ("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210");
        assert_eq!(page_tag("a", &form(k1, "x")), page_tag("a", &form(k2, "x")), "a fresh key is not a change");
        assert_ne!(page_tag("a", &form(k1, "x")), page_tag("a", &form(k1, "y")));
        // Text a person wrote that looks like a key's field hides nothing after it.
        let typed = |after: &str| format!("<p>name=\"clave\" value=\"{after}</p>");
        assert_ne!(page_tag("a", &typed("x\" y")), page_tag("a", &typed("z\" y")));
        assert_ne!(page_tag("a", &typed(&format!("{k1}\" y"))), page_tag("a", &typed(&format!("{k1}\" z"))));
    }

    #[test]
    fn pages_with_a_query_and_the_account_s_are_never_kept() {
        assert!(may_keep("/tablero", None) && may_keep("/rondas/r1", Some("")) && may_keep("/cuentas-x", None));
        assert!(!may_keep("/rondas/r1", Some("enviado=3")) && !may_keep("/politicas/p", Some("error=x&retenido=y")));
        assert!(!may_keep("/cuenta", None) && !may_keep("/cuenta/clave", None) && !may_keep("/admin/usuarios", None) && !may_keep("/ingresar", None));
    }

    #[test]
    fn if_none_match_compares_weakly_and_lists() {
        let tag = "W/\"0123\"";
        assert!(matches("W/\"0123\"", tag) && matches("\"0123\"", tag) && matches("\"x\", W/\"0123\"", tag) && matches("*", tag));
        assert!(!matches("W/\"0124\"", tag) && !matches("", tag));
    }

    #[test]
    fn only_a_file_that_exists_is_fingerprinted_and_only_its_current_print_is_kept_for_good() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.css"), "p{}").unwrap();
        serve_from(dir.path().to_str().unwrap());
        if ROOT.get().map(String::as_str) != dir.path().to_str() {
            return; // another test of this process set the root first
        }
        let f = fingerprint("/a.css").expect("a file served");
        assert_eq!(f.len(), 16);
        assert_eq!(href("/a.css"), format!("/a.css?v={f}"));
        assert!(is_current("/a.css", Some(&format!("v={f}"))));
        assert!(!is_current("/a.css", Some("v=0000000000000000")) && !is_current("/a.css", None));
        assert_eq!((fingerprint("/nada.css"), href("/nada.css")), (None, "/nada.css".to_string()));
        assert_eq!(fingerprint("/../etc/passwd"), None);
    }
}
