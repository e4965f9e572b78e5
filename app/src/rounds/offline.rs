//! `/sin-conexion`: what a reader offline gets for a page not kept on their device. It carries no
//! one's data (the service worker keeps it with the consultations it keeps); its script lists the
//! consultations kept on the device.
use leptos::prelude::*;

use crate::i18n::t;
use crate::ui::PageTitle;

#[component]
pub fn OfflinePage() -> impl IntoView {
    let t = t();
    view! {
        <PageTitle text=t.offline_title() />
        <h1>{t.offline_title()}</h1>
        <p class="lead">{t.offline_lead()}</p>
        <p>{t.offline_kept()}</p>
        // Filled by /sin-conexion.js from the copies this device keeps (only it serves this page).
        <section id="consultas-guardadas" class="card" aria-labelledby="guardadas-titulo" hidden>
            <h2 id="guardadas-titulo">{t.offline().kept_rounds}</h2>
            <p class="hint">{t.offline().no_kept_rounds}</p>
            <ul></ul>
        </section>
    }
}
