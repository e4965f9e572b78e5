//! `/sin-conexion`: what a reader offline gets for a page not kept on their device. It carries no
//! one's data (the service worker keeps it with the consultations it keeps).
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
    }
}
