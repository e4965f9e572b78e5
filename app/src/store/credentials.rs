//! Secrets as the database keeps them: argon2id hashes of passwords, SHA-256 digests of random
//! session tokens, temporary passwords to show once.
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sha2::{Digest, Sha256};

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

/// Bytes as lower-case hex digits, two per byte.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A new session token (for the cookie) and its digest (for the database).
pub fn new_session_token() -> (String, String) {
    let token = hex(&random_bytes());
    let digest = token_digest(&token);
    (token, digest)
}

/// A fresh unguessable key (32 hex digits, 128 random bits): a form's key, a held form's id.
pub fn new_key() -> String {
    hex(&random_bytes()[..16])
}

pub fn token_digest(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// A temporary password to show once, for resets (16 characters without look-alikes).
pub fn temporary_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
    random_bytes().iter().take(16).map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char).collect()
}

/// Runs a password hash or check on the blocking pool, one per core at a time. Each takes 19 MiB
/// and all the CPU it gets, so a burst of sign-ins must queue rather than start a thread (and its
/// memory) apiece: sixteen clients signing in at once took the server from 0.2 to 3 GB.
pub async fn with_argon2<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    static PERMITS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    let permits = PERMITS.get_or_init(|| tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get())));
    let _permit = permits.acquire().await.ok()?;
    tokio::task::spawn_blocking(job).await.ok()
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
