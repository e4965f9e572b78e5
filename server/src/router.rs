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

/// How this instance is reached from outside, for cookies, the cross-site check and the client's
/// address.
#[derive(Clone, Debug, Default)]
pub struct AuthSettings {
    /// `scheme://host[:port]` of `PASOS_PUBLIC_URL`; without it, the request's own host is trusted.
    pub public_origin: Option<String>,
    /// Cookies marked `Secure` (when the public URL is https).
    pub secure_cookies: bool,
    /// The balancers whose `X-Forwarded-For` is believed (`PASOS_TRUSTED_PROXIES`); from anyone
    /// else the header is ignored, since a client can write whatever it likes there.
    pub trusted_proxies: Vec<ipnet::IpNet>,
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
            trusted_proxies: Vec::new(),
        }
    }

    /// `PASOS_PUBLIC_URL` and `PASOS_TRUSTED_PROXIES` (addresses or networks separated by commas:
    /// `10.0.0.5, 10.1.0.0/16`); an unreadable entry is an error at start, not a silent gap.
    pub fn from_env() -> Result<Self, String> {
        let mut settings = Self::from_public_url(std::env::var("PASOS_PUBLIC_URL").ok().as_deref());
        settings.trusted_proxies = parse_networks(&std::env::var("PASOS_TRUSTED_PROXIES").unwrap_or_default())?;
        Ok(settings)
    }
}

/// Addresses (`10.0.0.5`) and networks (`10.1.0.0/16`) separated by commas or spaces.
pub fn parse_networks(list: &str) -> Result<Vec<ipnet::IpNet>, String> {
    list.split([',', ' '])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<ipnet::IpNet>()
                .or_else(|_| s.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| format!("PASOS_TRUSTED_PROXIES: «{s}» no es una dirección IP ni una red (10.0.0.5 o 10.0.0.0/24)"))
        })
        .collect()
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
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(BODY_TIMEOUT))
        .layer(axum::middleware::from_fn_with_state(REQUEST_BUDGET, within_budget))
        .layer(axum::middleware::map_response(in_spanish))
        .layer(axum::middleware::from_fn(crate::hygiene::clean_html))
        .layer(axum::middleware::from_fn(security_headers))
        // Regional users are on slow links: pages, scripts and the wasm travel compressed. At a
        // middle level: brotli's default (11) spends seconds of CPU on the 2.8 MB wasm per request.
        .layer(tower_http::compression::CompressionLayer::new().quality(tower_http::CompressionLevel::Precise(5)))
        .with_state(state)
}

/// How long a client has to send a request's body once its headers arrived.
pub const BODY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// How long a request may take to be answered (its headers; a download then streams). Every page
/// is bounded well below it; this is the guard for what was not foreseen.
pub const REQUEST_BUDGET: std::time::Duration = std::time::Duration::from_secs(30);

/// Answers 503 when a request runs past its `budget` ([`REQUEST_BUDGET`]); its work is dropped
/// with it.
async fn within_budget(
    axum::extract::State(budget): axum::extract::State<std::time::Duration>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let path = req.uri().path().to_string();
    match tokio::time::timeout(budget, next.run(req)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::error!(%path, "la petición superó su tiempo máximo");
            (
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                "La página tardó demasiado en prepararse y se interrumpió. Intente de nuevo en unos minutos; si envió un formulario, vuelva atrás: lo que escribió sigue en él.",
            )
                .into_response()
        }
    }
}

/// The framework's own refusals say why in English; the people we serve read Spanish.
async fn in_spanish(response: axum::response::Response) -> axum::response::Response {
    use axum::http::StatusCode;
    use axum::response::IntoResponse;
    let plain = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| v.starts_with("text/plain"));
    match response.status() {
        StatusCode::PAYLOAD_TOO_LARGE => (
            StatusCode::PAYLOAD_TOO_LARGE,
            "El envío es demasiado grande (más de 2 MB) y no se registró. Vuelva atrás: lo que escribió sigue en el formulario; acórtelo o divídalo.",
        )
            .into_response(),
        // A body that never finished arriving, or could not be read as a form.
        StatusCode::BAD_REQUEST | StatusCode::REQUEST_TIMEOUT | StatusCode::UNSUPPORTED_MEDIA_TYPE | StatusCode::UNPROCESSABLE_ENTITY
            if plain && !response.headers().contains_key(SPANISH) =>
        {
            (
                StatusCode::BAD_REQUEST,
                "El envío llegó incompleto o no se pudo leer, y no se registró. Vuelva atrás: lo que escribió sigue en el formulario; envíelo de nuevo.",
            )
                .into_response()
        }
        _ => response,
    }
}

/// Marks a refusal Pasos wrote itself (already in Spanish), so that [`in_spanish`] leaves it alone.
pub const SPANISH: &str = "x-pasos-mensaje";

/// The Content-Security-Policy of every response: scripts only from Pasos' own files (the wasm of
/// the pages with islands, loaded by `/islas.js`), no inline script or style, no plugins, no
/// framing, forms only to Pasos, images only Pasos' own (a picture in a contribution would tell
/// its owner who read it).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; \
     style-src 'self'; img-src 'self'; font-src 'self'; manifest-src 'self'; form-action 'self'; frame-ancestors 'none'; \
     base-uri 'none'";

/// Security headers on every response; `no-store` on all but the compiled assets and public
/// files, since every page shows what one signed-in person may see.
async fn security_headers(req: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    use axum::http::{header, HeaderValue};
    let path = req.uri().path();
    let shared = path.starts_with("/pkg/") || matches!(path, "/favicon.svg" | "/islas.js");
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    headers.insert("cross-origin-resource-policy", HeaderValue::from_static("same-origin"));
    headers.remove(SPANISH);
    if !shared {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use tower::ServiceExt;

    /// A request that runs past its budget is answered 503, in Spanish, at the budget.
    #[tokio::test]
    async fn a_request_past_its_budget_is_cut_short() {
        let budget = std::time::Duration::from_millis(50);
        let app = axum::Router::new()
            .route("/lenta", axum::routing::get(|| async { tokio::time::sleep(std::time::Duration::from_secs(5)).await }))
            .layer(axum::middleware::from_fn_with_state(budget, super::within_budget));
        let started = std::time::Instant::now();
        let res = app.oneshot(Request::get("/lenta").body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        let body = axum::body::to_bytes(res.into_body(), 4096).await.unwrap();
        assert!(String::from_utf8_lossy(&body).contains("tardó demasiado"));
    }
}
