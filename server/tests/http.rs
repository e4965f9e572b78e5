//! The HTTP surface, driven in-process against a seeded in-memory database.
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use pasos_app::store::{DbConfig, Store};
use pasos_server::config::Config;
use pasos_server::router::{router, AppState, AuthSettings};
use tower::ServiceExt;

const ORIGIN: &str = "http://pasos.test";

struct Reply {
    status: StatusCode,
    location: String,
    cookie: Option<String>,
    body: String,
}

async fn app() -> (axum::Router, Store) {
    let store = Store::open(&DbConfig::url("mem://")).await.unwrap();
    store.seed_demo("pasos-demo").await.unwrap();
    let config = Config { db: DbConfig::url("mem://"), site_addr: "127.0.0.1:0".parse().unwrap(), site_root: "target/site".into() };
    let state = AppState { leptos_options: config.leptos_options(), store: store.clone(), auth: AuthSettings::default() };
    (router(state), store)
}

async fn send(app: &axum::Router, req: Request<Body>) -> Reply {
    let res = app.clone().oneshot(req).await.unwrap();
    let header_of = |name| res.headers().get(name).and_then(|v: &header::HeaderValue| v.to_str().ok()).map(str::to_string);
    let location = header_of(header::LOCATION).unwrap_or_default();
    let cookie = header_of(header::SET_COOKIE);
    let status = res.status();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    Reply { status, location, cookie, body: String::from_utf8_lossy(&body).into_owned() }
}

fn get_req(uri: &str, session: Option<&str>) -> Request<Body> {
    let mut req = Request::get(uri).header(header::HOST, "pasos.test");
    if let Some(s) = session {
        req = req.header(header::COOKIE, format!("pasos_sesion={s}"));
    }
    req.body(Body::empty()).unwrap()
}

async fn get(app: &axum::Router, uri: &str, session: Option<&str>) -> Reply {
    send(app, get_req(uri, session)).await
}

async fn post_form(app: &axum::Router, uri: &str, form: &str, origin: &str, session: Option<&str>) -> Reply {
    let mut req = Request::post(uri)
        .header(header::HOST, "pasos.test")
        .header(header::ORIGIN, origin)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(s) = session {
        req = req.header(header::COOKIE, format!("pasos_sesion={s}"));
    }
    send(app, req.body(Body::from(form.to_string())).unwrap()).await
}

/// Signs in and returns the session token from the cookie.
async fn sign_in(app: &axum::Router, email: &str) -> String {
    let r = post_form(app, "/ingresar", &format!("correo={email}&contrasena=pasos-demo&siguiente="), ORIGIN, None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{email}: {}", r.location);
    let cookie = r.cookie.expect("a session cookie");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    cookie.split(';').next().unwrap().trim_start_matches("pasos_sesion=").to_string()
}

#[tokio::test]
async fn healthz_reports_the_database_without_a_session() {
    let (app, store) = app().await;
    let r = get(&app, "/healthz", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(json["status"], "ok");
    assert_eq!(json["db"], "mem");
    assert_eq!(json["version"], env!("CARGO_PKG_VERSION"));

    store.raw().query("REMOVE DATABASE pasos").await.unwrap().check().unwrap();
    let r = get(&app, "/healthz", None).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.body);
    assert!(r.body.contains("\"status\":\"error\""), "{}", r.body);
}

#[tokio::test]
async fn signed_out_visitors_see_only_the_sign_in_page() {
    let (app, _) = app().await;
    for (uri, next) in [("/", ""), ("/regiones", "?siguiente=/regiones"), ("/politicas/pnmpetf", "?siguiente=/politicas/pnmpetf")] {
        let r = get(&app, uri, None).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{uri}");
        assert_eq!(r.location, format!("/ingresar{next}"), "{uri}");
    }
    let r = get(&app, "/ingresar", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("name=\"contrasena\""));
    let r = post_form(&app, "/api/overview", "", ORIGIN, None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "server functions too");
}

#[tokio::test]
async fn cross_site_writes_are_refused() {
    let (app, _) = app().await;
    let r = post_form(&app, "/ingresar", "correo=equipo@pasos.demo&contrasena=pasos-demo", "http://evil.example", None).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.cookie.is_none());
    let token = sign_in(&app, "equipo@pasos.demo").await;
    let r = post_form(&app, "/api/overview", "", "http://evil.example", Some(&token)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = post_form(&app, "/salir", "", "http://evil.example", Some(&token)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(get(&app, "/", Some(&token)).await.status, StatusCode::OK, "the session survived the forged sign-out");
}

#[tokio::test]
async fn unknown_e_mail_and_wrong_password_get_the_same_answer() {
    let (app, _) = app().await;
    let unknown = post_form(&app, "/ingresar", "correo=nadie@pasos.demo&contrasena=pasos-demo", ORIGIN, None).await;
    let wrong = post_form(&app, "/ingresar", "correo=equipo@pasos.demo&contrasena=otra-cosa", ORIGIN, None).await;
    for r in [&unknown, &wrong] {
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(r.location.starts_with("/ingresar?error=credenciales&correo="), "{}", r.location);
        assert!(r.cookie.is_none());
    }
    let page = get(&app, &wrong.location, None).await;
    assert!(page.body.contains("El correo o la contraseña no son correctos."));
    assert!(page.body.contains("value=\"equipo@pasos.demo\""), "the e-mail typed is kept");
}

#[tokio::test]
async fn repeated_failures_throttle_the_account() {
    let (app, _) = app().await;
    for _ in 0..5 {
        post_form(&app, "/ingresar", "correo=cusco@pasos.demo&contrasena=mala-clave", ORIGIN, None).await;
    }
    let r = post_form(&app, "/ingresar", "correo=cusco@pasos.demo&contrasena=pasos-demo", ORIGIN, None).await;
    assert!(r.location.starts_with("/ingresar?error=bloqueado"), "{}", r.location);
    assert!(r.cookie.is_none(), "not even the right password gets in while throttled");
    let page = get(&app, &r.location, None).await;
    assert!(page.body.contains("Demasiados intentos fallidos"));
    sign_in(&app, "loreto@pasos.demo").await;
}

#[tokio::test]
async fn no_session_survives_sign_out() {
    let (app, store) = app().await;
    let token = sign_in(&app, "directivo@pasos.demo").await;
    assert_eq!(get(&app, "/", Some(&token)).await.status, StatusCode::OK);
    let r = post_form(&app, "/salir", "", ORIGIN, Some(&token)).await;
    assert_eq!((r.status, r.location.as_str()), (StatusCode::SEE_OTHER, "/ingresar?aviso=salida"));
    assert!(r.cookie.unwrap().contains("Max-Age=0"));
    assert_eq!(get(&app, "/", Some(&token)).await.status, StatusCode::SEE_OTHER, "the old cookie is worthless");
    assert_eq!(store.count("session").await.unwrap(), 0);
}

#[tokio::test]
async fn sign_in_returns_to_the_page_asked_for_and_only_inside_pasos() {
    let (app, _) = app().await;
    let ok = "correo=equipo@pasos.demo&contrasena=pasos-demo&siguiente=";
    let r = post_form(&app, "/ingresar", &format!("{ok}%2Fpoliticas%2Fpnmpetf"), ORIGIN, None).await;
    assert_eq!(r.location, "/politicas/pnmpetf");
    let r = post_form(&app, "/ingresar", &format!("{ok}https%3A%2F%2Fevil.example"), ORIGIN, None).await;
    assert_eq!(r.location, "/");
}

/// What each demo role gets from each page today, through the real router.
#[tokio::test]
async fn each_role_sees_what_it_may() {
    let (app, _) = app().await;
    let expect = [
        ("admin@pasos.demo", StatusCode::OK),
        ("equipo@pasos.demo", StatusCode::OK),
        ("directivo@pasos.demo", StatusCode::OK),
        ("ceplan@pasos.demo", StatusCode::FORBIDDEN),
        ("cusco@pasos.demo", StatusCode::FORBIDDEN),
        ("loreto@pasos.demo", StatusCode::FORBIDDEN),
    ];
    for (email, draft) in expect {
        let token = sign_in(&app, email).await;
        let home = get(&app, "/", Some(&token)).await;
        assert_eq!(home.status, StatusCode::OK, "{email} /");
        assert!(home.body.contains("PNMPETF"), "{email}");
        assert_eq!(get(&app, "/regiones", Some(&token)).await.status, StatusCode::OK, "{email} /regiones");
        assert_eq!(get(&app, "/politicas/pnmpetf", Some(&token)).await.status, StatusCode::OK, "{email} policy");
        let step = get(&app, "/politicas/pnmpetf/pasos/1", Some(&token)).await;
        assert_eq!(step.status, draft, "{email} reads the working text of a step");
        if draft == StatusCode::FORBIDDEN {
            assert!(step.body.contains("Sin permiso") && !step.body.contains("Marco normativo"), "{email}");
        }
    }
}

#[tokio::test]
async fn pages_answer_as_described() {
    let (app, _) = app().await;
    let token = sign_in(&app, "equipo@pasos.demo").await;
    let s = Some(token.as_str());

    let home = get(&app, "/", s).await;
    for needle in ["PNMPETI", "PNMPETF", "PNTP", "En levantamiento de observaciones", "Remitido a CEPLAN", "octubre de 2023"] {
        assert!(home.body.contains(needle), "missing {needle}");
    }
    assert!(home.body.contains("lang=\"es\""));
    assert!(home.body.contains("Equipo DPPDFL (demo)"), "the header names the user");

    let policy = get(&app, "/politicas/PnMpEtF", s).await;
    assert_eq!(policy.status, StatusCode::OK);
    assert!(policy.body.contains("Resolución Ministerial N° 293-2022-TR"));
    assert!(policy.body.contains("09/11/2022"));
    assert!(policy.body.contains("datetime=\"2023-06\""));

    let step = get(&app, "/politicas/pnmpetf/pasos/1", s).await;
    assert_eq!(step.status, StatusCode::OK);
    assert!(step.body.contains("Delimitación y enunciación del problema público"));
    assert!(step.body.contains("<h2>Marco normativo</h2>"), "Markdown is rendered on the server");

    let regions = get(&app, "/regiones", s).await;
    assert_eq!(regions.body.matches("<th scope=\"row\">").count(), 26);
    assert!(regions.body.contains("Activo: 18 · Inactivo: 6 · Sin dato: 2"));

    for uri in ["/politicas/nada", "/politicas/pnmpetf/pasos/10", "/politicas/pnmpetf/pasos/x", "/no-existe"] {
        let r = get(&app, uri, s).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(r.body.contains("Página no encontrada"), "{uri}");
    }
}
