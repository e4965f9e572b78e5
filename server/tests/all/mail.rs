//! Notices by e-mail through a real SMTP server on loopback (Python's aiosmtpd, installed by
//! `scripts/setup.sh --test`), read back from the mailbox it writes: each account's choice, one
//! message per notice even with two instances sending, the daily digest, retries with back-off,
//! the administrators' view, and the scheduled notices.
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use chrono::Utc;
use pasos_app::domain::mail::{retry_delay, MAX_ATTEMPTS};
use pasos_app::domain::Role;
use pasos_app::mail::worker::Worker;
use pasos_app::mail::MailSettings;
use pasos_app::store::MailQueue;

use crate::common::*;
use crate::process::free_port;

/// An SMTP server on loopback that keeps what it receives in a Maildir; stopped when dropped.
struct Smtp {
    port: u16,
    dir: tempfile::TempDir,
    _server: tokio::process::Child,
}

/// A message as received: its recipient, subject (as sent, maybe encoded) and decoded parts.
#[derive(Debug)]
struct Received {
    to: String,
    text: String,
    html: String,
}

impl Smtp {
    async fn start() -> Smtp {
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let server = tokio::process::Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(dir.path().join("buzon"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("python3 runs (aiosmtpd comes with ./scripts/setup.sh --test)");
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return Smtp { port, dir, _server: server };
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("aiosmtpd did not listen on {port}: install it with ./scripts/setup.sh --test");
    }

    /// Settings that send through this server, with links to `http://pasos.test`.
    fn settings(&self, digest_hour: u32) -> MailSettings {
        settings(&format!("smtp://127.0.0.1:{}", self.port), digest_hour)
    }

    fn messages(&self) -> Vec<Received> {
        let new = self.dir.path().join("buzon").join("new");
        let files: Vec<PathBuf> = std::fs::read_dir(&new).map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect()).unwrap_or_default();
        files.iter().map(|f| parse(&std::fs::read_to_string(f).unwrap())).collect()
    }

    /// The messages once at least `n` arrived (or after 10 s), then a moment longer, so that a
    /// message sent twice would be there too.
    async fn received(&self, n: usize) -> Vec<Received> {
        for _ in 0..100 {
            if self.messages().len() >= n {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        self.messages()
    }
}

fn settings(url: &str, digest_hour: u32) -> MailSettings {
    MailSettings {
        smtp_url: url.to_string(),
        from: "Pasos <avisos@pasos.test>".parse().unwrap(),
        reply_to: Some("Equipo <equipo@pasos.test>".parse().unwrap()),
        queue: MailQueue { base_url: "http://pasos.test".into(), digest_hour },
    }
}

/// The recipient and the decoded text and HTML parts of a message as the Maildir holds it.
fn parse(raw: &str) -> Received {
    let raw = raw.replace("\r\n", "\n");
    let header = |block: &str, name: &str| {
        block.lines().find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim().to_string())).unwrap_or_default()
    };
    let (head, _) = raw.split_once("\n\n").unwrap_or((&raw, ""));
    let boundary = head.split("boundary=").nth(1).map(|b| b.trim_matches(|c: char| c == '"' || c.is_whitespace()).split(['"', ';', '\n']).next().unwrap_or("").to_string());
    let boundary = format!("--{}", boundary.expect("a multipart message"));
    let part = |kind: &str| {
        raw.split(boundary.as_str()).find(|p| header(p, "Content-Type").starts_with(kind)).map(|p| {
            let (h, body) = p.split_once("\n\n").unwrap_or((p, ""));
            match header(h, "Content-Transfer-Encoding").as_str() {
                "quoted-printable" => String::from_utf8(quoted_printable::decode(body.trim(), quoted_printable::ParseMode::Robust).unwrap()).unwrap(),
                "base64" => {
                    use base64::Engine;
                    let joined: String = body.split_whitespace().collect();
                    String::from_utf8(base64::engine::general_purpose::STANDARD.decode(joined).unwrap()).unwrap()
                }
                _ => body.to_string(),
            }
        })
    };
    Received { to: header(head, "To"), text: part("text/plain").unwrap_or_default(), html: part("text/html").unwrap_or_default() }
}

fn to<'a>(mails: &'a [Received], who: &str) -> Vec<&'a Received> {
    mails.iter().filter(|m| m.to.contains(who)).collect()
}

/// The e-mail of the account made for this test that chose `frequency`.
async fn email_choosing(app: &TestApp, frequency: pasos_app::domain::mail::Frequency) -> String {
    for u in app.store.users().await.unwrap().into_iter().filter(|u| u.email.ends_with("@prueba.pe")) {
        if app.store.mail_frequency(&u.id).await.unwrap() == frequency {
            return u.email;
        }
    }
    panic!("no account chose {frequency:?}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_notice_is_mailed_once_as_each_account_chose_even_with_two_instances_sending() {
    let smtp = Smtp::start().await;
    let app = TestApp::new().await;
    let team = sign_in(&app.router, "equipo@pasos.demo").await;
    let daily = app.with_role(Role::Participante).in_region("08").signed_in().await;
    let quiet = app.with_role(Role::Participante).in_region("08").signed_in().await;

    // Each chooses on their account page (a plain form).
    let r = app.post("/cuenta/correos", &[("frecuencia", "diario")], &daily).await;
    assert_eq!(r.location, "/cuenta?aviso=correos#correos-mensaje");
    app.post("/cuenta/correos", &[("frecuencia", "ninguno")], &quiet).await;
    let refused = app.post("/cuenta/correos", &[("frecuencia", "semanal")], &quiet).await;
    assert!(refused.location.contains("error=frecuencia") && refused.location.ends_with("#correos-mensaje"), "{}", refused.location);
    let page = app.get("/cuenta?aviso=correos", &daily).await;
    let input = page.body.split("<input").find(|i| i.contains("value=\"diario\"")).unwrap();
    assert!(input.contains("checked"), "{input}");
    assert!(page.body.contains("Su preferencia de correo se guardó."));
    use pasos_app::domain::mail::Frequency;
    let (daily_email, quiet_email) = (email_choosing(&app, Frequency::Diario).await, email_choosing(&app, Frequency::Ninguno).await);

    let round = crate::rounds::open_round(&app.router, &team, &["08"]).await;

    // Two instances on one database, each with its own connection (when it is a server) and
    // its own name in leases and claims, running at the same moments.
    let every = Duration::from_secs(1);
    let one = Worker::new(app.store.clone(), Some(smtp.settings(0)), every).unwrap();
    let two = Worker::new(app.other_store().await, Some(smtp.settings(0)), every).unwrap();
    for _ in 0..3 {
        let now = Utc::now();
        tokio::join!(one.once(now), two.once(now));
    }
    let mails = smtp.received(2).await;

    let cusco = to(&mails, "cusco@pasos.demo");
    assert_eq!(cusco.len(), 1, "one message for one notice: {mails:#?}");
    assert!(cusco[0].text.contains("Nueva consulta abierta para usted: «Consulta regional E2» (PNMPETI, Entregable 2)."), "{}", cusco[0].text);
    assert!(cusco[0].text.contains(&format!("http://pasos.test{round}")), "a link to the exact page: {}", cusco[0].text);
    assert!(cusco[0].html.contains(&format!("href=\"http://pasos.test{round}\"")), "{}", cusco[0].html);
    assert!(cusco[0].text.contains("http://pasos.test/cuenta"), "where to change how often: {}", cusco[0].text);
    let digest = to(&mails, &daily_email);
    assert_eq!(digest.len(), 1, "the day's digest: {mails:#?}");
    assert!(digest[0].text.contains("Desde el último resumen tiene 1 aviso en Pasos:"), "{}", digest[0].text);
    assert!(to(&mails, &quiet_email).is_empty(), "none for who chose none");
    assert!(to(&mails, "loreto@pasos.demo").is_empty(), "none for who was not invited");

    // A second consultation the same day: a message at once for Cusco; the digest reader waits
    // for tomorrow's digest.
    crate::rounds::open_round(&app.router, &team, &["08"]).await;
    for _ in 0..2 {
        let now = Utc::now();
        tokio::join!(one.once(now), two.once(now));
    }
    let mails = smtp.received(3).await;
    assert_eq!(to(&mails, "cusco@pasos.demo").len(), 2, "{mails:#?}");
    assert_eq!(to(&mails, &daily_email).len(), 1, "one digest a day");
    let outbox = app.store.outbox().await.unwrap();
    assert_eq!((outbox.pending, outbox.failed), (0, 0), "{outbox:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_that_cannot_leave_waits_longer_each_time_and_the_administrators_see_it() {
    let app = TestApp::new().await;
    let team = sign_in(&app.router, "equipo@pasos.demo").await;
    let admin = sign_in(&app.router, "admin@pasos.demo").await;
    crate::rounds::open_round(&app.router, &team, &["08"]).await;
    // Nothing listens on this port.
    let nowhere = Worker::new(app.store.clone(), Some(settings(&format!("smtp://127.0.0.1:{}", free_port()), 7)), Duration::from_secs(1)).unwrap();
    let start = Utc::now();
    nowhere.once(start).await;
    let problem = |o: &pasos_app::domain::mail::Outbox| o.problems.iter().find(|p| p.to == "cusco@pasos.demo").cloned().unwrap();
    let first = problem(&app.store.outbox().await.unwrap());
    assert_eq!((first.attempts, first.failed), (1, false));
    assert!(first.last_error.is_some());
    assert_eq!(first.next_at.timestamp(), (start + retry_delay(1)).timestamp(), "tried again in a minute");

    nowhere.once(start + chrono::Duration::seconds(30)).await;
    assert_eq!(problem(&app.store.outbox().await.unwrap()).attempts, 1, "not before its time");

    let mut at = start;
    for attempt in 1..MAX_ATTEMPTS {
        at += retry_delay(attempt) + chrono::Duration::seconds(1);
        nowhere.once(at).await;
    }
    let last = problem(&app.store.outbox().await.unwrap());
    assert_eq!((last.attempts, last.failed), (MAX_ATTEMPTS, true), "{last:?}");

    // The administrators see it, and send it again once the server is back.
    let page = app.get("/admin/correos", &admin).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("cusco@pasos.demo") && page.body.contains("Fallido") && page.body.contains("Reintentar ahora"), "{}", page.body);
    assert_eq!(app.get("/admin/correos", &team).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.post(&format!("/admin/correos/{}/reintentar", last.id), &[], &team).await.status, StatusCode::FORBIDDEN);
    let r = app.post(&format!("/admin/correos/{}/reintentar", last.id), &[], &admin).await;
    assert_eq!(r.location, "/admin/correos?aviso=reintentado");
    assert_eq!(app.post("/admin/correos/no-existe/reintentar", &[], &admin).await.status, StatusCode::NOT_FOUND);
    let smtp = Smtp::start().await;
    Worker::new(app.store.clone(), Some(smtp.settings(7)), Duration::from_secs(1)).unwrap().once(Utc::now()).await;
    assert_eq!(to(&smtp.received(1).await, "cusco@pasos.demo").len(), 1);
    assert_eq!(app.store.outbox().await.unwrap().failed, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_scheduled_task_tells_the_team_and_the_managers_of_work_overdue_against_the_plan_once() {
    let app = TestApp::new().await;
    let user = |email: &'static str| {
        let store = app.store.clone();
        async move { store.user_with_hash(email).await.unwrap().unwrap().0 }
    };
    let (team, manager, cusco) = (user("equipo@pasos.demo").await, user("directivo@pasos.demo").await, user("cusco@pasos.demo").await);
    let overdue = |n: &[pasos_app::domain::rounds::Notice]| n.iter().filter(|n| n.kind == "retraso_plan").count();
    plan_e2_overdue(&app.store, 1, (2024, 6, 30)).await;
    // Without e-mail too: the notices are for the bell.
    let worker = Worker::new(app.store.clone(), None, Duration::from_secs(1)).unwrap();
    worker.once(Utc::now()).await;
    let told = overdue(&app.store.notifications(&team).await.unwrap());
    assert_eq!(told, 1, "E2 of PNMPETI is past its planned end");
    assert_eq!(overdue(&app.store.notifications(&manager).await.unwrap()), told);
    assert_eq!(overdue(&app.store.notifications(&cusco).await.unwrap()), 0);
    let notices = app.store.notifications(&team).await.unwrap();
    let one = notices.iter().find(|n| n.kind == "retraso_plan").unwrap();
    assert_eq!(one.message, "Entregable 2 de PNMPETI está con retraso respecto del plan de trabajo: su fin previsto era el 30/06/2024.");
    assert_eq!(one.link, "/politicas/pnmpeti/plan");
    // Another instance running it again adds nothing.
    Worker::new(app.other_store().await, None, Duration::from_secs(1)).unwrap().once(Utc::now() + chrono::Duration::minutes(5)).await;
    assert_eq!(overdue(&app.store.notifications(&team).await.unwrap()), told);
    // Re-planned to an end that has passed too: late against it is news again.
    plan_e2_overdue(&app.store, 2, (2024, 12, 31)).await;
    worker.once(Utc::now() + chrono::Duration::minutes(10)).await;
    assert_eq!(overdue(&app.store.notifications(&team).await.unwrap()), 2);
}

/// Version `number` of PNMPETI's work plan: E2 from January 2024 to `end`.
async fn plan_e2_overdue(store: &pasos_app::store::Store, number: u32, (y, m, d): (i32, u32, u32)) {
    use pasos_app::domain::plan::{PlanEntry, PlanTarget};
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let entry = PlanEntry { target: PlanTarget::Deliverable(2), start: day(2024, 1, 1), end: day(y, m, d) };
    let reason = (number > 1).then_some("Reprogramación de prueba");
    assert!(store.add_work_plan("PNMPETI", number, &[entry], reason, &pasos_app::domain::Author::System("prueba")).await.unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signed_in_pages_name_their_account_for_the_offline_copies_and_signing_out_clears_them() {
    let app = TestApp::new().await;
    let cusco = sign_in(&app.router, "cusco@pasos.demo").await;
    let page = app.get("/", &cusco).await;
    let account = page.headers.get("x-pasos-cuenta").and_then(|v| v.to_str().ok()).unwrap().to_string();
    assert!(!account.is_empty());
    assert!(page.body.contains(&format!("data-cuenta=\"{account}\"")) && page.body.contains("src=\"/sin-conexion.js"));
    let signed_out = get(&app.router, "/ingresar", None).await;
    assert!(signed_out.headers.get("x-pasos-cuenta").is_none(), "a visitor's page names no account");
    assert!(!signed_out.body.contains("sin-conexion.js"), "and loads no offline script");
    // The worker's check for a newer one may be answered 304 (revalidated), never from a stale copy.
    let worker = get(&app.router, "/sw.js", None).await;
    assert_eq!(worker.headers.get("cache-control").and_then(|v| v.to_str().ok()), Some("no-cache"));
    let offline = get(&app.router, "/sin-conexion", None).await;
    assert_eq!(offline.status, StatusCode::OK);
    assert!(offline.body.contains("Sin conexión") && !offline.body.contains("cusco"));
    let r = app.post("/salir", &[], &cusco).await;
    assert_eq!(r.headers.get("clear-site-data").and_then(|v| v.to_str().ok()), Some("\"cache\", \"storage\""));
}

/// `pasos serve` on the database `db` at `port`, reached by its users at `public` (as instances
/// behind one balancer are), sending through `smtp`, its scheduled task every second; killed when
/// dropped.
async fn serve(db: &pasos_app::store::DbConfig, port: u16, public: &str, smtp: &Smtp) -> tokio::process::Child {
    let child = crate::process::serve(db, port)
        .env("PASOS_SMTP_URL", format!("smtp://127.0.0.1:{}", smtp.port))
        .env("PASOS_MAIL_FROM", "Pasos <avisos@pasos.test>")
        .env("PASOS_PUBLIC_URL", public)
        .env("PASOS_SCHEDULE_SECONDS", "1")
        .spawn()
        .expect("the pasos binary starts");
    crate::process::healthy(child, port).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_pasos_processes_on_one_database_server_send_each_message_once() {
    let db = pasos_app::store::DbConfig::scratch();
    if db.scheme() == "mem" {
        eprintln!("two processes share a database only on a SurrealDB server: ./scripts/test.sh runs this with PASOS_TEST_DB");
        return;
    }
    let smtp = Smtp::start().await;
    let store = pasos_app::store::Store::open(&db).await.unwrap();
    store.seed_demo("pasos-demo").await.unwrap();
    plan_e2_overdue(&store, 1, (2024, 6, 30)).await;
    let (one, two) = (free_port(), free_port());
    // Users reach both at one address; the team writes through the first.
    let public = format!("http://127.0.0.1:{one}");
    let _a = serve(&db, one, &public, &smtp).await;
    let _b = serve(&db, two, &public, &smtp).await;

    // A consultation for Cusco opened through one instance.
    let team = crate::process::sign_in(one, "equipo@pasos.demo").await;
    let post = |path: &'static str, body: String| {
        let team = team.clone();
        async move { crate::process::request(one, "POST", path, &body, Some(&team)).await.unwrap() }
    };
    post("/politicas/pnmpeti/pasos/3/editar", form(&[("base", "0"), ("texto", "Un párrafo."), ("accion", "guardar")])).await;
    post("/politicas/pnmpeti/entregables/2/versiones", "nota=Para+consulta".into()).await;
    let (opens, closes) = (lima(-chrono::Duration::hours(1)), lima(chrono::Duration::days(14)));
    let fields = [("tipo", "consulta_regional"), ("titulo", "Consulta de dos instancias"), ("version_ronda", "1"), ("pasos", "3"), ("abre", &opens), ("cierra", &closes), ("regiones", "08")];
    let opened = post("/politicas/pnmpeti/entregables/2/rondas", form(&fields)).await;
    assert_eq!(opened.status, 303, "{}", opened.head);

    // Both instances run their scheduled task every second: the consultation's message and the
    // plan's overdue notices, each mailed once.
    let user = |email: &'static str| {
        let store = store.clone();
        async move { store.user_with_hash(email).await.unwrap().unwrap().0 }
    };
    let (equipo, directivo) = (user("equipo@pasos.demo").await, user("directivo@pasos.demo").await);
    let to_team = store.notifications(&equipo).await.unwrap().len();
    let to_manager = store.notifications(&directivo).await.unwrap().len();
    for _ in 0..200 {
        let m = smtp.messages();
        if !to(&m, "cusco@pasos.demo").is_empty() && to(&m, "equipo@pasos.demo").len() >= to_team && to(&m, "directivo@pasos.demo").len() >= to_manager {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Three more runs of each instance: anything sent twice would be here.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let mails = smtp.messages();
    assert_eq!(to(&mails, "cusco@pasos.demo").len(), 1, "{mails:#?}");
    let team_notices = store.notifications(&equipo).await.unwrap().len();
    assert!(team_notices >= 1, "E2 of PNMPETI is past its planned end");
    assert_eq!(to(&mails, "equipo@pasos.demo").len(), team_notices, "one message per notice of the team");
    assert_eq!(to(&mails, "directivo@pasos.demo").len(), store.notifications(&directivo).await.unwrap().len());
    let mut texts: Vec<&str> = to(&mails, "equipo@pasos.demo").iter().map(|m| m.text.as_str()).collect();
    texts.sort();
    texts.dedup();
    assert_eq!(texts.len(), team_notices, "no two messages alike");
}
