//! The browser entry point: hydrates the interactive islands of the server-rendered page (the
//! editor's live preview and kept text); everything else is plain HTML that works without it.
// Linked for its side effects: the islands it defines are exported to JavaScript from there.
extern crate pasos_app as _;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
