//! What the HTTP test suites share: an app on a seeded in-memory database and a few requests.
#![allow(dead_code)]

use axum::body::Body;
pub use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use pasos_app::store::{DbConfig, Store};
use pasos_server::config::Config;
use pasos_app::web::{AppState, AuthSettings};
use pasos_server::router::router;
use tower::ServiceExt;

pub const ORIGIN: &str = "http://pasos.test";

pub struct Reply {
    pub status: StatusCode,
    pub location: String,
    pub cookie: Option<String>,
    /// Every `Set-Cookie` of the answer.
    pub cookies: Vec<String>,
    /// Every header of the answer.
    pub headers: axum::http::HeaderMap,
    pub body: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// The app on the demo data, as most tests use it: (router, store).
pub async fn app() -> (axum::Router, Store) {
    let app = TestApp::new().await;
    (app.router, app.store)
}

/// Pasos through its real router on a database of its own: the demo data ([`TestApp::new`]) or
/// only the schema ([`TestApp::empty`]), with policies and people added by code:
/// `TestApp::empty().await.with_policy("PNX").await.with_role(Role::Participante).in_region("08").signed_in().await`.
pub struct TestApp {
    pub router: axum::Router,
    pub store: Store,
    /// Where its database is.
    pub db: DbConfig,
}

impl TestApp {
    pub async fn new() -> Self {
        let app = Self::empty().await;
        app.store.seed_demo("pasos-demo").await.unwrap();
        app
    }

    pub async fn empty() -> Self {
        let db = DbConfig::scratch();
        let store = Store::open(&db).await.unwrap();
        let config = Config { db, site_addr: "127.0.0.1:0".parse().unwrap(), site_root: "target/site".into() };
        let state = AppState { leptos_options: config.leptos_options(), store: store.clone(), auth: AuthSettings::default(), holidays: None, mail: None, pages: Default::default() };
        TestApp { router: router(state), store, db: config.db }
    }

    /// The same application, with a deployment's holidays (working days on the dashboard).
    pub fn with_holidays(self, text: &str) -> Self {
        let holidays = pasos_app::domain::calendar::Holidays::parse(text).unwrap();
        let config = Config { db: DbConfig::scratch(), site_addr: "127.0.0.1:0".parse().unwrap(), site_root: "target/site".into() };
        let state = AppState { leptos_options: config.leptos_options(), store: self.store.clone(), auth: AuthSettings::default(), holidays: Some(holidays), mail: None, pages: Default::default() };
        TestApp { router: router(state), store: self.store, db: self.db }
    }

    /// Another connection to the same database, as a second instance has: a connection of its own
    /// to a SurrealDB server; in memory (one process), this one again.
    pub async fn other_store(&self) -> Store {
        if self.db.scheme() == "mem" { self.store.clone() } else { Store::open(&self.db).await.unwrap() }
    }

    /// A policy with its five deliverables and nine empty steps.
    pub async fn with_policy(self, code: &str) -> Self {
        self.store.create_policy(policy(code)).await.unwrap();
        self
    }

    /// Someone with `role`, to be placed (a region, policies) and signed in.
    pub fn with_role(&self, role: pasos_app::domain::Role) -> Person<'_> {
        Person { app: self, role, region: None, policies: Vec::new() }
    }

    pub async fn get(&self, uri: &str, session: &str) -> Reply {
        get(&self.router, uri, Some(session)).await
    }

    pub async fn post(&self, uri: &str, fields: &[(&str, &str)], session: &str) -> Reply {
        post_form(&self.router, uri, &form(fields), ORIGIN, Some(session)).await
    }
}

/// A person being made for a test (see [`TestApp::with_role`]).
pub struct Person<'a> {
    app: &'a TestApp,
    role: pasos_app::domain::Role,
    region: Option<String>,
    policies: Vec<String>,
}

impl Person<'_> {
    pub fn in_region(mut self, ubigeo: &str) -> Self {
        self.region = Some(ubigeo.to_string());
        self
    }

    pub fn of_policy(mut self, code: &str) -> Self {
        self.policies.push(code.to_uppercase());
        self
    }

    /// Creates the account (password `pasos-demo`) and signs in through the form: the session token.
    pub async fn signed_in(self) -> String {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let email = format!("{}{}@prueba.pe", self.role.key(), NEXT.fetch_add(1, Ordering::Relaxed));
        let user = pasos_app::domain::NewUser {
            email: email.clone(),
            name: format!("Persona {email}"),
            organisation: None,
            jurisdiction: self.region,
            roles: vec![self.role],
            policies: self.policies,
        }
        .validate()
        .unwrap();
        let hash = pasos_app::store::credentials::hash_password("pasos-demo").unwrap();
        self.app.store.create_user(user, hash, &pasos_app::domain::Author::System("prueba")).await.unwrap();
        sign_in(&self.app.router, &email).await
    }
}

/// A multipart body with text fields and the files of `file_field` (file name, bytes), and its
/// content type.
pub fn multipart(fields: &[(&str, &str)], file_field: &str, files: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "pasos-formulario-5a2c";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes());
    }
    for (filename, bytes) in files {
        body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{file_field}\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
        body.extend(*bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// A multipart form posted as a browser does (same origin, the session's cookie).
pub async fn post_multipart(app: &axum::Router, uri: &str, session: &str, content_type: String, body: Vec<u8>) -> Reply {
    let req = Request::post(uri)
        .header(header::HOST, "pasos.test")
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::COOKIE, format!("pasos_sesion={session}"))
        .body(Body::from(body))
        .unwrap();
    send(app, req).await
}

pub async fn send(app: &axum::Router, req: Request<Body>) -> Reply {
    let what = format!("{} {}", req.method(), req.uri());
    let res = tokio::time::timeout(std::time::Duration::from_secs(15), app.clone().oneshot(req))
        .await
        .unwrap_or_else(|_| panic!("no answer in 15 s to {what}"))
        .unwrap();
    let header_of = |name| res.headers().get(name).and_then(|v: &header::HeaderValue| v.to_str().ok()).map(str::to_string);
    let location = header_of(header::LOCATION).unwrap_or_default();
    let cookie = header_of(header::SET_COOKIE);
    let cookies = res.headers().get_all(header::SET_COOKIE).iter().filter_map(|v| v.to_str().ok()).map(str::to_string).collect();
    let content_type = header_of(header::CONTENT_TYPE).unwrap_or_default();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    Reply { status, location, cookie, cookies, headers, body: String::from_utf8_lossy(&bytes).into_owned(), content_type, bytes }
}

pub fn get_req(uri: &str, session: Option<&str>) -> Request<Body> {
    let mut req = Request::get(uri).header(header::HOST, "pasos.test");
    if let Some(s) = session {
        req = req.header(header::COOKIE, format!("pasos_sesion={s}"));
    }
    req.body(Body::empty()).unwrap()
}

pub async fn get(app: &axum::Router, uri: &str, session: Option<&str>) -> Reply {
    send(app, get_req(uri, session)).await
}

pub async fn post_form(app: &axum::Router, uri: &str, form: &str, origin: &str, session: Option<&str>) -> Reply {
    post_form_with_cookies(app, uri, form, origin, &session.map(|s| format!("pasos_sesion={s}")).unwrap_or_default()).await
}

/// A form posted with the given `Cookie` header (empty for none).
pub async fn post_form_with_cookies(app: &axum::Router, uri: &str, form: &str, origin: &str, cookies: &str) -> Reply {
    let mut req = Request::post(uri)
        .header(header::HOST, "pasos.test")
        .header(header::ORIGIN, origin)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if !cookies.is_empty() {
        req = req.header(header::COOKIE, cookies);
    }
    send(app, req.body(Body::from(form.to_string())).unwrap()).await
}

/// A urlencoded form body from its fields, in order (repeated names stay repeated).
pub fn form(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}

/// Signs in and returns the session token from the cookie.
pub async fn sign_in(app: &axum::Router, email: &str) -> String {
    let r = post_form(app, "/ingresar", &format!("correo={email}&contrasena=pasos-demo&siguiente="), ORIGIN, None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{email}: {}", r.location);
    let cookie = r.cookie.unwrap_or_else(|| panic!("a session cookie for {email}: {} {}", r.location, r.body));
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    cookie.split(';').next().unwrap().trim_start_matches("pasos_sesion=").to_string()
}


/// A moment `offset` from now as a `datetime-local` field holds it (Lima time).
pub fn lima(offset: chrono::Duration) -> String {
    (chrono::Utc::now() + offset).with_timezone(&pasos_app::domain::time::lima()).format("%Y-%m-%dT%H:%M").to_string()
}

/// A policy of the Ministry of Labour's sector named after its code, with nothing recorded on it.
pub fn policy(code: &str) -> pasos_app::domain::Policy {
    pasos_app::domain::Policy {
        code: code.to_uppercase(),
        name: format!("Política {code}"),
        topic: "Prueba".into(),
        rector_sector: "Trabajo y Promoción del Empleo".into(),
        responsible_unit: None,
        start_resolution: None,
        horizon_year: Some(2030),
    }
}

/// The text between `<textarea id="{id}"…>` and `</textarea>`, as the browser would show it.
pub fn textarea(html: &str, id: &str) -> String {
    let start = html.find(&format!("<textarea id=\"{id}\"")).unwrap_or_else(|| panic!("no textarea {id}"));
    let body = &html[start..];
    let open = body.find('>').unwrap() + 1;
    let close = body.find("</textarea>").unwrap();
    unescape(&body[open..close])
}

/// Text escaped for HTML, read back.
pub fn unescape(html: &str) -> String {
    html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}
