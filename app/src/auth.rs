//! Passwords and session tokens (server only): argon2id hashes, random tokens stored as SHA-256.
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sha2::{Digest, Sha256};

/// The cookie that carries the session token.
pub const SESSION_COOKIE: &str = "pasos_sesion";
/// The cookie that marks a browser an account signed in from (its token's digest is kept with
/// the account's e-mail): it lets the owner try their password while strangers are locked out.
pub const DEVICE_COOKIE: &str = "pasos_dispositivo";

/// An argon2id hash (PHC string) of `password` with a fresh random salt.
pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default().hash_password(password.as_bytes(), &salt)?.to_string())
}

/// Whether `password` matches `hash`. A malformed hash matches nothing.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// A hash of a password nobody has, verified against when the e-mail is unknown so that an
/// unknown address and a wrong password take the same time.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password(&hex(&random_bytes())).unwrap_or_default())
}

fn random_bytes() -> [u8; 32] {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    bytes
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A new session token (for the cookie) and its digest (for the database).
pub fn new_session_token() -> (String, String) {
    let token = hex(&random_bytes());
    let digest = token_digest(&token);
    (token, digest)
}

pub fn token_digest(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// A temporary password to show once, for resets (16 characters without look-alikes).
pub fn temporary_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
    random_bytes().iter().take(16).map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char).collect()
}

/// The signed-in user of a request (none for a visitor), put into the request by the server's
/// session middleware and read by server functions and pages.
#[derive(Debug, Clone, Default)]
pub struct CurrentUser(pub Option<crate::store::User>);

/// How many of the current user's notices are unread, read with the session.
#[derive(Debug, Clone, Copy, Default)]
pub struct UnreadNotices(pub usize);

/// The session token in a request's `Cookie` headers, if any.
pub fn session_token(headers: &http::HeaderMap) -> Option<String> {
    cookie(headers, SESSION_COOKIE)
}

/// The value of cookie `name` in a request's `Cookie` headers, if any and not empty.
pub fn cookie(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, value)| *n == name && !value.is_empty())
        .map(|(_, value)| value.to_string())
}

/// The digest of the current request's session token, to key one-time messages to the session.
pub fn current_session_digest() -> Option<String> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    session_token(&parts.headers).map(|t| token_digest(&t))
}

/// The user behind the request being handled, if signed in.
pub fn current_user() -> Option<crate::store::User> {
    leptos::prelude::use_context::<http::request::Parts>()?.extensions.get::<CurrentUser>()?.0.clone()
}

/// The current user's unread notices, as the session middleware read them.
pub fn current_unread() -> usize {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|p| p.extensions.get::<UnreadNotices>().copied())
        .map_or(0, |u| u.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_salted_and_verify() {
        let a = hash_password("pasos-demo").unwrap();
        let b = hash_password("pasos-demo").unwrap();
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert_ne!(a, b, "each hash has its own salt");
        assert!(verify_password("pasos-demo", &a));
        assert!(!verify_password("pasos-demO", &a));
        assert!(!verify_password("pasos-demo", "not a hash"));
        assert!(!verify_password("anything", decoy_hash()));
    }

    #[test]
    fn tokens_are_random_and_stored_as_digests() {
        let (t1, d1) = new_session_token();
        let (t2, _) = new_session_token();
        assert_ne!(t1, t2);
        assert_eq!(t1.len(), 64);
        assert_eq!(token_digest(&t1), d1);
        assert_ne!(t1, d1);
        assert_eq!(temporary_password().len(), 16);
    }
}
