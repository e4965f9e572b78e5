//! The browser's own storage, for text typed in the editor but not yet saved: it survives a
//! reload or a lost connection. Does nothing on the server.

/// The storage key of a step's unsaved text.
pub fn draft_key(code: &str, step: u8) -> String {
    format!("pasos:texto:{code}:{step}")
}

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub fn load(key: &str) -> Option<String> {
    #[cfg(feature = "hydrate")]
    return storage()?.get_item(key).ok()?;
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = key;
        None
    }
}

/// Keeps `text`; a full storage just means no copy is kept, never an error for the user.
pub fn save(key: &str, text: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(s) = storage() {
        let _ = s.set_item(key, text);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (key, text);
}

pub fn forget(key: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = key;
}
