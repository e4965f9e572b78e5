//! The HTTP surface, driven in-process against a seeded in-memory database.
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use pasos_app::store::{DbConfig, Store};
use pasos_server::config::Config;
use pasos_server::router::{router, AppState};
use tower::ServiceExt;

async fn app() -> (axum::Router, Store) {
    let store = Store::open(&DbConfig::url("mem://")).await.unwrap();
    store.seed_demo("pasos-demo").await.unwrap();
    let config = Config { db: DbConfig::url("mem://"), site_addr: "127.0.0.1:0".parse().unwrap(), site_root: "target/site".into() };
    (router(AppState { leptos_options: config.leptos_options(), store: store.clone() }), store)
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, String) {
    let res = app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = res.status();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn healthz_reports_the_database() {
    let (app, store) = app().await;
    let (status, body) = get(&app, "/healthz").await;
    assert_eq!(status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["status"], "ok");
    assert_eq!(json["db"], "mem");
    assert_eq!(json["version"], env!("CARGO_PKG_VERSION"));

    store.raw().query("REMOVE DATABASE pasos").await.unwrap().check().unwrap();
    let (status, body) = get(&app, "/healthz").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(body.contains("\"status\":\"error\""), "{body}");
}

#[tokio::test]
async fn home_lists_every_policy_with_its_deliverables() {
    let (app, _) = app().await;
    let (status, body) = get(&app, "/").await;
    assert_eq!(status, StatusCode::OK);
    for needle in ["PNMPETI", "PNMPETF", "PNTP", "En levantamiento de observaciones", "Remitido a CEPLAN", "octubre de 2023"] {
        assert!(body.contains(needle), "missing {needle}");
    }
    assert!(body.contains("lang=\"es\""));
}

#[tokio::test]
async fn policy_codes_are_case_insensitive() {
    let (app, _) = app().await;
    let (status, body) = get(&app, "/politicas/pnmpetf").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Resolución Ministerial N° 293-2022-TR"));
    assert!(body.contains("09/11/2022"));
    assert!(body.contains("datetime=\"2023-06\""));
    let (status, _) = get(&app, "/politicas/PnMpEtF").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn a_step_page_renders_its_markdown() {
    let (app, _) = app().await;
    let (status, body) = get(&app, "/politicas/pnmpetf/pasos/1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Delimitación y enunciación del problema público"));
    assert!(body.contains("<h2>Marco normativo</h2>"), "Markdown is rendered on the server");
}

#[tokio::test]
async fn unknown_addresses_are_real_404s() {
    let (app, _) = app().await;
    for uri in ["/politicas/nada", "/politicas/pnmpetf/pasos/10", "/politicas/pnmpetf/pasos/x", "/no-existe"] {
        let (status, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(body.contains("Página no encontrada"), "{uri}");
    }
}

#[tokio::test]
async fn regions_lists_the_26_jurisdictions() {
    let (app, _) = app().await;
    let (status, body) = get(&app, "/regiones").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body.matches("<th scope=\"row\">").count(), 26);
    assert!(body.contains("Activo: 18 · Inactivo: 6 · Sin dato: 2"));
}
