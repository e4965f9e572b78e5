//! The browser's side of the editor: its own storage, for text typed but not yet saved (it
//! survives a reload or a lost connection), and the editor's text area and preview, which the
//! server renders once and the island reads and changes in place. Does nothing on the server.

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

/// The id of the editor's text area and of its preview's rendered text.
pub const TEXT_AREA: &str = "texto";
pub const PREVIEW_TEXT: &str = "vista-previa-texto";
pub const PREVIEW_HINT: &str = "vista-previa-ayuda";

#[cfg(feature = "hydrate")]
fn text_area() -> Option<web_sys::HtmlTextAreaElement> {
    use leptos::wasm_bindgen::JsCast;
    web_sys::window()?.document()?.get_element_by_id(TEXT_AREA)?.dyn_into().ok()
}

/// The editor's text and selection (UTF-16 offsets), as typed so far.
#[cfg(feature = "hydrate")]
pub fn editing() -> Option<super::toolbar::Edit> {
    let area = text_area()?;
    let start = area.selection_start().ok().flatten().unwrap_or(0) as usize;
    let end = area.selection_end().ok().flatten().unwrap_or(start as u32) as usize;
    Some(super::toolbar::Edit { text: area.value(), start, end })
}

/// Nothing on the server: there is no text area there.
#[cfg(not(feature = "hydrate"))]
pub fn editing() -> Option<super::toolbar::Edit> {
    None
}

/// Puts a text and selection in the editor's text area, and the focus on it.
pub fn set_editing(edit: &super::toolbar::Edit) {
    #[cfg(feature = "hydrate")]
    if let Some(area) = text_area() {
        area.set_value(&edit.text);
        let _ = area.set_selection_range(edit.start as u32, edit.end as u32);
        let _ = area.focus();
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = edit;
}

/// Shows the preview's rendered text (sanitized on the server).
pub fn set_preview(html: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        if let Some(e) = document.get_element_by_id(PREVIEW_TEXT) {
            e.set_inner_html(html);
        }
        // The hint that stood for the preview before there was one.
        if let Some(hint) = document.get_element_by_id(PREVIEW_HINT) {
            hint.remove();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = html;
}
