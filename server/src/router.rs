//! The HTTP surface: the compiled assets, `/healthz`, each feature's form handlers and downloads,
//! the pages (Leptos), and the layers every request passes.
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use pasos_app::web::{layers, session, AppState};
use pasos_app::{shell, App};

/// Request bodies larger than this are refused before any handler reads them.
pub const MAX_BODY_BYTES: usize = layers::MAX_BODY_BYTES;

/// The app's route list, generated once per process: generating it raises a process-wide flag
/// that parks any resource first polled meanwhile forever (leptos issue 4773), so it must never
/// run while another router in the process is rendering.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn router(state: AppState) -> Router {
    let routes = route_list();
    let context = {
        let (store, holidays, mail) = (state.store.clone(), state.holidays.clone(), state.mail.clone());
        move || {
            provide_context(store.clone());
            if let Some(h) = &holidays {
                provide_context(h.clone());
            }
            if let Some(m) = &mail {
                provide_context(m.clone());
            }
        }
    };
    let options = state.leptos_options.clone();
    // Pages link the static files by their fingerprints (web::assets).
    pasos_app::web::assets::serve_from(&options.site_root);
    // The compiled wasm, script and CSS straight from disk, ahead of Leptos' fallback (which
    // builds a file service per request), with Last-Modified for conditional requests.
    let pkg = tower_http::services::ServeDir::new(format!("{}/{}", options.site_root, options.site_pkg_dir));
    Router::new()
        .nest_service(&format!("/{}", options.site_pkg_dir), pkg)
        .route("/healthz", get(crate::health::healthz))
        .merge(pasos_app::accounts::routes())
        .merge(pasos_app::drafting::routes())
        .merge(pasos_app::expediente::routes())
        .merge(pasos_app::followup::routes())
        .merge(pasos_app::mail::routes())
        .merge(pasos_app::review::routes())
        .merge(pasos_app::rounds::routes())
        .merge(pasos_app::structure::routes())
        .merge(pasos_app::workshops::routes())
        .leptos_routes_with_context(&state, routes, context.clone(), move || shell(options.clone()))
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(context, shell))
        .layer(axum::middleware::from_fn_with_state(state.clone(), session::gate))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(layers::BODY_TIMEOUT))
        .layer(axum::middleware::from_fn_with_state(layers::REQUEST_BUDGET, layers::within_budget))
        .layer(axum::middleware::map_response(layers::in_spanish))
        .layer(axum::middleware::from_fn(layers::clean_html))
        .layer(axum::middleware::from_fn(layers::security_headers))
        // Regional users are on slow links: pages, scripts and the wasm travel compressed. At a
        // middle level: brotli's default (11) spends seconds of CPU on the 2.8 MB wasm per request.
        .layer(tower_http::compression::CompressionLayer::new().quality(tower_http::CompressionLevel::Precise(5)))
        .with_state(state)
}
