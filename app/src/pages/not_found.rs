//! The page for any address Pasos does not know, with HTTP status 404.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use super::parts::set_status;
use crate::i18n::t;

#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    let t = t();
    view! {
        <Title text=t.not_found_title />
        <section class="notice" aria-labelledby="nf-title">
            <h1 id="nf-title">{t.not_found_title}</h1>
            <p>{t.not_found_text}</p>
            <p><A href="/">{t.go_home}</A></p>
        </section>
    }
}
