//! Several routers rendering at once in one process (as tests and multi-tenant setups do) must
//! never leave a page waiting forever: building a router while another renders used to park
//! resources for good (leptos issue 4773), one request in a few hundred.
use axum::body::Body;
use axum::http::{header, Request};
use http_body_util::BodyExt;
use pasos_app::store::{DbConfig, Store};
use pasos_server::config::Config;
use pasos_app::web::{AppState, AuthSettings};
use pasos_server::router::router;
use tower::ServiceExt;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_routers_never_leave_a_page_hanging() {
    let mut tasks = Vec::new();
    for t in 0..6 {
        tasks.push(tokio::spawn(async move {
            let db = DbConfig::scratch();
            let store = Store::open(&db).await.unwrap();
            store.seed_demo("pasos-demo").await.unwrap();
            let config = Config { db, site_addr: "127.0.0.1:0".parse().unwrap(), site_root: "target/site".into() };
            let app = router(AppState { leptos_options: config.leptos_options(), store, auth: AuthSettings::default(), holidays: None, mail: None, pages: Default::default() });
            let sign_in = Request::post("/ingresar")
                .header(header::HOST, "pasos.test")
                .header(header::ORIGIN, "http://pasos.test")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from("correo=admin@pasos.demo&contrasena=pasos-demo"))
                .unwrap();
            let res = app.clone().oneshot(sign_in).await.unwrap();
            let cookie = res.headers()[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_string();
            for i in 0..30 {
                let path = ["/", "/regiones", "/admin/usuarios", "/politicas/pnmpetf"][i % 4];
                let req = Request::get(path)
                    .header(header::HOST, "pasos.test")
                    .header(header::COOKIE, cookie.clone())
                    .body(Body::empty())
                    .unwrap();
                let res = tokio::time::timeout(std::time::Duration::from_secs(15), app.clone().oneshot(req))
                    .await
                    .unwrap_or_else(|_| panic!("router {t}: no answer to GET {path} (request {i})"))
                    .unwrap();
                assert_eq!(res.status(), 200, "router {t}: GET {path}");
                res.into_body().collect().await.unwrap();
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
}
