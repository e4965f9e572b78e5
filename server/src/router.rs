//! The HTTP surface: health check, server functions, pages, static files and the 404 page.
use axum::extract::{DefaultBodyLimit, FromRef};
use axum::routing::{get, post};
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
    pub auth: AuthSettings,
}

/// How this instance is reached from outside, for cookies and the cross-site check.
#[derive(Clone, Debug, Default)]
pub struct AuthSettings {
    /// `scheme://host[:port]` of `PASOS_PUBLIC_URL`; without it, the request's own host is trusted.
    pub public_origin: Option<String>,
    /// Cookies marked `Secure` (when the public URL is https).
    pub secure_cookies: bool,
}

impl AuthSettings {
    pub fn from_public_url(url: Option<&str>) -> Self {
        let url = url.map(str::trim).filter(|u| !u.is_empty());
        Self {
            public_origin: url.map(|u| {
                let (scheme, rest) = u.split_once("://").unwrap_or(("http", u));
                let host = rest.split('/').next().unwrap_or(rest);
                format!("{scheme}://{host}")
            }),
            secure_cookies: url.is_some_and(|u| u.starts_with("https://")),
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

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
        let store = state.store.clone();
        move || provide_context(store.clone())
    };
    let options = state.leptos_options.clone();
    // The compiled wasm, script and CSS straight from disk, ahead of Leptos' fallback (which
    // builds a file service per request), with Last-Modified for conditional requests.
    let pkg = tower_http::services::ServeDir::new(format!("{}/{}", options.site_root, options.site_pkg_dir));
    Router::new()
        .nest_service(&format!("/{}", options.site_pkg_dir), pkg)
        .route("/healthz", get(crate::health::healthz))
        .route("/ingresar", post(crate::auth::sign_in))
        .route("/salir", post(crate::auth::sign_out))
        .route("/cuenta/clave", post(crate::auth::change_password))
        .route("/admin/usuarios", post(crate::admin::create))
        .route("/admin/usuarios/{id}", post(crate::admin::update))
        .route("/admin/usuarios/{id}/clave", post(crate::admin::reset_password))
        .route("/politicas/{code}/pasos/{n}/editar", post(crate::drafting::save_step))
        .route("/politicas/{code}/pasos/{n}/estructura", post(crate::structure::change))
        .route("/politicas/{code}/matriz-de-consistencia.xlsx", get(crate::structure::consistency_xlsx))
        .route("/politicas/{code}/entregables/{n}/versiones", post(crate::drafting::freeze))
        .route("/politicas/{code}/entregables/{n}/documento.docx", get(crate::drafting::docx))
        .route("/politicas/{code}/entregables/{n}/transiciones", post(crate::review::record_transition))
        .route("/politicas/{code}/hitos", post(crate::review::record_milestone))
        .route("/politicas/{code}/eventos/{id}/anular", post(crate::review::annul))
        .route("/politicas/{code}/informe.md", get(crate::review::report_markdown))
        .route("/politicas/{code}/entregables/{n}/rondas", post(crate::rounds::create))
        .route("/rondas/{id}/aportes", post(crate::rounds::contribute))
        .route("/rondas/{id}/aportes-externos", post(crate::rounds::record_external))
        .route("/rondas/{id}/aportes/{cid}/respuesta", post(crate::rounds::answer))
        .route("/rondas/{id}/matriz.csv", get(crate::rounds::matrix_csv))
        .route("/rondas/{id}/matriz.xlsx", get(crate::rounds::matrix_xlsx))
        .route("/rondas/{id}/{action}", post(crate::rounds::act))
        .route("/avisos/leidos", post(crate::rounds::mark_read))
        .route("/politicas/{code}/entregables/{n}/matriz.csv", get(crate::rounds::deliverable_csv))
        .route("/politicas/{code}/entregables/{n}/matriz.xlsx", get(crate::rounds::deliverable_xlsx))
        .leptos_routes_with_context(&state, routes, context.clone(), move || shell(options.clone()))
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(context, shell))
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::auth::gate))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::map_response(in_spanish))
        // Regional users are on slow links: pages, scripts and the wasm travel compressed. At a
        // middle level: brotli's default (11) spends seconds of CPU on the 2.8 MB wasm per request.
        .layer(tower_http::compression::CompressionLayer::new().quality(tower_http::CompressionLevel::Precise(5)))
        .with_state(state)
}

/// The framework's own refusals say why in English; the people we serve read Spanish.
async fn in_spanish(response: axum::response::Response) -> axum::response::Response {
    use axum::response::IntoResponse;
    if response.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        return (
            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
            "El envío es demasiado grande (más de 2 MB) y no se registró. Vuelva atrás: lo que escribió sigue en el formulario; acórtelo o divídalo.",
        )
            .into_response();
    }
    response
}
