//! The HTML shell, the layout every page shares and the route table.
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{path, SsrMode};

use crate::accounts::{get_session, AccountPage, AdminAuditPage, AdminUsersPage, SignInPage};
use crate::drafting::{DeliverablePage, DocumentPage, EditorPage, HistoryPage, ImportPage, StepPage};
use crate::i18n::t;
use crate::policies::{HomePage, PolicyPage, RegionsPage};
use crate::review::{DashboardPage, PlanPage, ReportPage};
use crate::rounds::{MatrixPage, NotificationsPage, RoundPage, RoundsPage, SystematizationPage};
use crate::structure::{ConsistencyPage, StructurePage};
use crate::ui::NotFound;
use crate::urls;

pub fn shell(options: LeptosOptions) -> impl IntoView {
    // Islands mode, but leptos_axum renders every page as if it were to be hydrated whole, so each
    // page carried its data a second time, as JSON for a wasm that never reads it (20 KB of the
    // dashboard's 50). Only islands hydrate, and they turn this back on for themselves.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    // The wasm (and its script) only where a page has an island; see `has_islands` below.
    let uri = use_context::<http::request::Parts>().map(|p| p.uri).unwrap_or_default();
    let scripts = has_islands(uri.path(), uri.query().unwrap_or_default()).then(|| island_scripts(&options));
    view! {
        <!DOCTYPE html>
        <html lang="es">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href=asset("/favicon.svg") type="image/svg+xml" />
                {scripts}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The browser code of a page with islands, all from Pasos' own files: the Content-Security-Policy
/// allows no inline script, so the loader Leptos would inline is `public/islas.js`, told where the
/// bundle is by data attributes. (Leptos' own `HydrationScripts` also writes the script nonce into
/// the preload links' `crossorigin`, which is not a valid value.)
fn island_scripts(options: &LeptosOptions) -> impl IntoView + use<> {
    let bundle = format!("/{}/{}", options.site_pkg_dir, options.output_name);
    // cargo-leptos names the wasm after the output; a plain cargo build keeps wasm-bindgen's `_bg`.
    let wasm = if option_env!("LEPTOS_OUTPUT_NAME").is_some() { format!("{bundle}.wasm") } else { format!("{bundle}_bg.wasm") };
    let (js, wasm) = (asset(&format!("{bundle}.js")), asset(&wasm));
    view! {
        <link rel="modulepreload" href=js.clone() />
        <link rel="preload" href=wasm.clone() r#as="fetch" r#type="application/wasm" crossorigin="" />
        <script type="module" src=asset("/islas.js") data-js=js data-wasm=wasm></script>
    }
}

/// A static file's address as pages link it: on the server, with its fingerprint, so that the
/// browser keeps it for good (`web::assets`).
fn asset(path: &str) -> String {
    #[cfg(feature = "ssr")]
    return crate::web::assets::href(path);
    #[cfg(not(feature = "ssr"))]
    return path.to_string();
}

/// A page's `<title>`: the page's name (escaped here, since leptos_meta 0.8 writes the title
/// into `<head>` as it is) and the product's.
pub fn title_text(page: &str) -> String {
    if page.is_empty() { "Pasos".to_string() } else { crate::domain::text::escape_html(&format!("{page} · Pasos")) }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let t = t();
    // Every route waits for its data before answering, so the page is complete without
    // JavaScript and a missing policy gets a real 404 status.
    view! {
        <Stylesheet id="leptos" href=asset("/pkg/pasos.css") />
        <Title formatter=|page: String| title_text(&page) />
        <Router>
            <a class="skip-link" href="#contenido">{t.skip_to_content}</a>
            <header class="site-header">
                <div class="gov">
                    <div class="wrap">
                        <span class="gov-peru">{t.state_name}</span>
                        <span class="gov-entity">{t.ministry_name}</span>
                    </div>
                </div>
                <div class="wrap">
                    <A href=urls::HOME attr:class="brand">
                        <span class="brand-name">{t.app_name}</span>
                        <span class="brand-tagline">{t.app_tagline}</span>
                    </A>
                    <SessionNav />
                </div>
            </header>
            <main id="contenido" class="wrap" tabindex="-1">
                <crate::ui::HeldMissing />
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/tablero") view=DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/rondas") view=RoundsPage ssr=SsrMode::Async />
                    <Route path=path!("/rondas/:id") view=RoundPage ssr=SsrMode::Async />
                    <Route path=path!("/rondas/:id/matriz") view=MatrixPage ssr=SsrMode::Async />
                    <Route path=path!("/rondas/:id/informe") view=SystematizationPage ssr=SsrMode::Async />
                    <Route path=path!("/avisos") view=NotificationsPage ssr=SsrMode::Async />
                    <Route path=path!("/sin-conexion") view=crate::rounds::OfflinePage ssr=SsrMode::Async />
                    <Route path=path!("/politicas/:code") view=PolicyPage ssr=SsrMode::Async />
                    <Route path=path!("/politicas/:code/informe") view=ReportPage ssr=SsrMode::Async />
                    <Route path=path!("/politicas/:code/plan") view=PlanPage ssr=SsrMode::Async />
                    <Route path=path!("/politicas/:code/expediente") view=crate::expediente::ExpedientePage ssr=SsrMode::Async />
                    <Route path=path!("/politicas/:code/talleres") view=crate::workshops::WorkshopsPage ssr=SsrMode::Async />
                    <Route path=path!("/talleres/:id") view=crate::workshops::WorkshopPage ssr=SsrMode::Async />
                    <Route path=path!("/politicas/:code/seguimiento") view=crate::followup::FollowUpPage ssr=SsrMode::Async />
                    <Route path=path!("/politicas/:code/seguimiento/:year") view=crate::followup::FollowUpReportPage ssr=SsrMode::Async />
                    <Route path=path!("/politicas/:code/pasos/:n") view=StepPage ssr=SsrMode::Async />
                    <Route path=path!("/politicas/:code/pasos/:n/editar") view=EditorPage ssr=SsrMode::Async />
                    <Route path=path!("/politicas/:code/pasos/:n/historial") view=HistoryPage ssr=SsrMode::Async />
                    <Route path=path!("/politicas/:code/pasos/:n/estructura") view=StructurePage ssr=SsrMode::Async />
                    <Route path=path!("/politicas/:code/matriz-de-consistencia") view=ConsistencyPage ssr=SsrMode::Async />
                    <Route path=path!("/politicas/:code/entregables/:n") view=DeliverablePage ssr=SsrMode::Async />
                    <Route path=path!("/politicas/:code/entregables/:n/documento") view=DocumentPage ssr=SsrMode::Async />
                    <Route path=path!("/politicas/:code/entregables/:n/importar") view=ImportPage ssr=SsrMode::Async />
                    <Route path=path!("/regiones") view=RegionsPage ssr=SsrMode::Async />
                    <Route path=path!("/ingresar") view=SignInPage ssr=SsrMode::Async />
                    <Route path=path!("/cuenta") view=AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/usuarios") view=AdminUsersPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/auditoria") view=AdminAuditPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/correos") view=crate::mail::OutboxPage ssr=SsrMode::Async />
                </Routes>
            </main>
            <footer class="site-footer">
                <div class="wrap">{t.footer}</div>
            </footer>
        </Router>
    }
}

/// The navigation and the signed-in user with a sign-out button (a plain form, no wasm needed).
/// Which links it offers is the permission rule's answer, read with the session.
#[component]
fn SessionNav() -> impl IntoView {
    let t = t();
    let session = Resource::new(|| (), |_| get_session());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                session.await.ok().flatten().map(|s| {
                    let roles = s.roles.iter().map(|r| t.role(*r)).collect::<Vec<_>>().join(", ");
                    let bell_class = if s.unread > 0 { "bell-count unread" } else { "bell-count" };
                    view! {
                        <nav aria-label=t.nav_label>
                            <ul>
                                <li><A href=urls::HOME>{if s.may_follow { t.nav_policies } else { t.nav_home_participant }}</A></li>
                                {s.may_follow.then(|| view! { <li><A href=urls::DASHBOARD>{t.nav_dashboard}</A></li> })}
                                <li><A href=urls::ROUNDS>{t.nav_rounds}</A></li>
                                {s.may_follow.then(|| view! { <li><A href=urls::REGIONS>{t.nav_regions}</A></li> })}
                                {s.may_manage_users.then(|| view! { <li><A href=urls::USERS>{t.nav_users}</A></li> })}
                                {s.may_read_audit.then(|| view! { <li><A href=urls::AUDIT>{t.nav_audit}</A></li> })}
                                {s.may_manage_users.then(|| view! { <li><A href=urls::OUTBOX>{t.nav_outbox()}</A></li> })}
                            </ul>
                        </nav>
                        <div class="session">
                            <span class="session-user">
                                <span class="visually-hidden">{t.signed_in_as}" "</span>
                                <A href=urls::ACCOUNT>{s.name}</A>
                                <span class="session-roles">{roles}</span>
                            </span>
                            <A href=urls::NOTICES attr:class="bell">
                                <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
                                    <path fill="currentColor" d="M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2zm6-6v-5a6 6 0 0 0-5-5.9V4a1 1 0 0 0-2 0v1.1A6 6 0 0 0 6 11v5l-2 2v1h16v-1z" />
                                </svg>
                                <span>{t.notices_word}</span>
                                " "
                                <span class=bell_class>{format!("({})", s.unread)}</span>
                                <span class="visually-hidden">{format!(" {}", t.unread)}</span>
                            </A>
                            <form method="post" action=urls::SIGN_OUT>
                                <button type="submit" class="button button-quiet">{t.sign_out_button}</button>
                            </form>
                        </div>
                        <OfflineScript account=s.account />
                    }
                })
            })}
        </Suspense>
    }
}

/// For a signed-in reader, the small script that keeps the consultations they open readable
/// offline and sends what they wrote without a connection (`public/sin-conexion.js`, which
/// registers `public/sw.js`), told its words from the catalogue and the account whose copies it
/// may show. A signed-out visitor gets no script: nothing is kept for them.
#[component]
fn OfflineScript(account: String) -> impl IntoView {
    let o = t().offline();
    view! {
        <script
            src=asset(urls::OFFLINE_SCRIPT)
            defer
            data-cuenta=account
            data-sin-conexion=o.reading_copy
            data-lenta=o.slow_copy
            data-titulo=o.pending_title
            data-pendiente=o.pending
            data-enviado=o.sent
            data-rechazado=o.refused
            data-cerrada=o.refused_closed
            data-otro=o.refused_other
            data-ver-texto=o.see_text
            data-quitar=o.forget
            data-ir-consulta=o.go_to_round
            data-sesion=o.sign_in_to_send
            data-ingresar=o.sign_in
            data-salir-uno=o.sign_out_loses_one
            data-salir=o.sign_out_loses
            data-guardado=o.kept_here
            data-quitado=o.forgotten
            data-volvio=o.back_online
            data-ver-actual=o.see_current
            data-sobre-parrafo=t().about_paragraph
            data-responde=t().replying_to
        ></script>
    }
}

/// Whether a page carries an island, and so needs the wasm: the step editor (live preview, text
/// kept in the browser), a step page just saved (which forgets that kept text) and the structure
/// pages whose forms have year fields (Pasos 3, 5, 7 and 8: indicators and activities). Every
/// other page is plain HTML with, for a signed-in reader, only the small offline script.
pub fn has_islands(path: &str, query: &str) -> bool {
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    match parts.as_slice() {
        ["politicas", _, "pasos", _, "editar"] => true,
        ["politicas", _, "pasos", n, "estructura"] => n.parse::<u8>().is_ok_and(|n| crate::domain::structure::kinds_of(n).iter().any(|k| k.has_targets())),
        ["politicas", _, "pasos", _] => query.split('&').any(|pair| pair.split('=').next() == Some(crate::drafting::form::StepQuery::guardado)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::has_islands;

    #[test]
    fn only_the_editor_a_just_saved_step_and_the_year_grids_load_the_wasm() {
        assert!(has_islands("/politicas/pnmpetf/pasos/1/editar", ""));
        assert!(has_islands("/politicas/pnmpetf/pasos/1/editar", "borrador=abc"));
        assert!(has_islands("/politicas/pnmpetf/pasos/1", "guardado=4"));
        assert!(!has_islands("/politicas/pnmpetf/pasos/1", ""));
        assert!(!has_islands("/politicas/pnmpetf/pasos/1", "ver=guardado"));
        assert!(!has_islands("/politicas/pnmpetf/pasos/1/historial", "guardado=4"));
        for step in [3, 5, 7, 8] {
            assert!(has_islands(&format!("/politicas/pnmpetf/pasos/{step}/estructura"), ""), "the year grid of Paso {step}");
        }
        assert!(!has_islands("/politicas/pnmpetf/pasos/2/estructura", ""));
        for page in ["/", "/tablero", "/rondas/abc", "/politicas/pnmpetf", "/politicas/pnmpetf/entregables/1"] {
            assert!(!has_islands(page, ""), "{page}");
        }
    }
}
