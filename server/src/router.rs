//! The HTTP surface: health check, server functions, pages, static files and the 404 page.
use axum::extract::{DefaultBodyLimit, FromRef};
use axum::routing::get;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use pasos_app::store::Store;
use pasos_app::{shell, App};

/// Request bodies larger than this are refused before any handler reads them.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: Store,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let context = {
        let store = state.store.clone();
        move || provide_context(store.clone())
    };
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(crate::health::healthz))
        .leptos_routes_with_context(&state, routes, context.clone(), move || shell(options.clone()))
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(context, shell))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}
