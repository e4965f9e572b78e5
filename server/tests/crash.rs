//! Crash safety: the real `pasos` binary on a `surrealkv://` database is killed with SIGKILL while
//! several clients save step revisions and send contributions; restarted, it opens cleanly, and
//! every write it had acknowledged (a 303 to the saved page) is there.
use std::process::Stdio;
use std::time::Duration;

use pasos_app::store::{DbConfig, Store};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

/// A plain HTTP/1.1 exchange on a fresh connection: (status, location, set-cookie).
async fn request(port: u16, method: &str, path: &str, body: &str, cookie: Option<&str>) -> std::io::Result<(u16, String, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await?;
    let cookie = cookie.map(|c| format!("Cookie: pasos_sesion={c}\r\n")).unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n{cookie}\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await?;
    let text = String::from_utf8_lossy(&answer);
    let status = text.get(9..12).and_then(|s| s.parse().ok()).ok_or_else(|| std::io::Error::other("no answer"))?;
    let header = |name: &str| {
        text.lines()
            .take_while(|l| !l.is_empty())
            .find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim().to_string()))
            .unwrap_or_default()
    };
    Ok((status, header("location"), header("set-cookie")))
}

fn form(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn start(url: &str, port: u16) -> Child {
    let child = Command::new(env!("CARGO_BIN_EXE_pasos"))
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .env("PASOS_DB", url)
        .env("LEPTOS_SITE_ROOT", "target/site")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("the pasos binary starts");
    for _ in 0..300 {
        if let Ok((200, _, _)) = request(port, "GET", "/healthz", "", None).await {
            return child;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("pasos did not answer /healthz on {url}");
}

async fn sign_in(port: u16) -> String {
    let (status, _, cookie) = request(port, "POST", "/ingresar", "correo=equipo%40pasos.demo&contrasena=pasos-demo&siguiente=", None).await.unwrap();
    assert_eq!(status, 303);
    cookie.split(';').next().unwrap().trim_start_matches("pasos_sesion=").to_string()
}

/// The revision a step's editor starts from (`name="base" value="N"`).
async fn current_base(port: u16, step: u8, token: &str) -> u32 {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let head = format!("GET /politicas/pnmpetf/pasos/{step}/editar HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: pasos_sesion={token}\r\nConnection: close\r\n\r\n");
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut page = String::new();
    stream.read_to_string(&mut page).await.unwrap();
    let marker = "name=\"base\" value=\"";
    let at = page.find(marker).expect("the editor's base") + marker.len();
    page[at..].split('"').next().unwrap().parse().unwrap()
}

/// What a client saw acknowledged.
#[derive(Debug, Default)]
struct Acked {
    revisions: Vec<(u8, u32)>,
    contributions: Vec<u32>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_writes_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("surrealkv://{}", dir.path().join("pasos.db").display());
    let port = free_port();
    let mut server = start(&url, port).await;
    let token = sign_in(port).await;

    // A round to contribute to: Paso 3 of PNMPETI written, E2 frozen, an internal review opened.
    let save = form(&[("base", "0"), ("texto", "Situación futura deseada."), ("accion", "guardar")]);
    assert_eq!(request(port, "POST", "/politicas/pnmpeti/pasos/3/editar", &save, Some(&token)).await.unwrap().0, 303);
    assert_eq!(request(port, "POST", "/politicas/pnmpeti/entregables/2/versiones", "nota=Para+revisar", Some(&token)).await.unwrap().0, 303);
    let now = chrono::Utc::now().with_timezone(&pasos_app::format::lima());
    let (opens, closes) = ((now - chrono::Duration::hours(1)).format("%Y-%m-%dT%H:%M").to_string(), (now + chrono::Duration::days(7)).format("%Y-%m-%dT%H:%M").to_string());
    let round = form(&[("tipo", "revision_interna"), ("titulo", "Revisión interna"), ("version_ronda", "1"), ("pasos", "3"), ("abre", &opens), ("cierra", &closes)]);
    let (status, location, _) = request(port, "POST", "/politicas/pnmpeti/entregables/2/rondas", &round, Some(&token)).await.unwrap();
    assert_eq!(status, 303, "{location}");
    let round_id = location.trim_start_matches("/rondas/").to_string();

    // Six clients: three save revisions of their own step (PNMPETF 1, 2, 5), three contribute.
    let mut clients = Vec::new();
    for c in 0..6u8 {
        let (token, round_id) = (token.clone(), round_id.clone());
        clients.push(tokio::spawn(async move {
            let mut acked = Acked::default();
            let step = [1u8, 2, 5][usize::from(c % 3)];
            let mut base = current_base(port, step, &token).await;
            for i in 0.. {
                let result = if c < 3 {
                    let body = form(&[("base", &base.to_string()), ("texto", &format!("Texto {i} del cliente {c}")), ("accion", "guardar")]);
                    request(port, "POST", &format!("/politicas/pnmpetf/pasos/{step}/editar"), &body, Some(&token)).await
                } else {
                    let body = form(&[("paso", "3"), ("texto", &format!("Aporte {i} del cliente {c}"))]);
                    request(port, "POST", &format!("/rondas/{round_id}/aportes"), &body, Some(&token)).await
                };
                match result {
                    Ok((303, location, _)) => {
                        let number = |key: &str| location.split(key).nth(1).and_then(|r| r.split(['&', '#']).next()).and_then(|n| n.parse::<u32>().ok());
                        if let Some(n) = number("guardado=") {
                            acked.revisions.push((step, n));
                            base = n;
                        } else if let Some(n) = number("enviado=") {
                            acked.contributions.push(n);
                        } else {
                            panic!("unexpected answer {location}");
                        }
                    }
                    Ok((status, location, _)) => panic!("client {c}: {status} {location}"),
                    // The server is gone: what was not acknowledged may or may not be there.
                    Err(_) => return acked,
                }
            }
            acked
        }));
    }
    tokio::time::sleep(Duration::from_millis(2500)).await;
    server.start_kill().unwrap(); // SIGKILL
    server.wait().await.unwrap();
    let mut acked = Acked::default();
    for c in clients {
        let a = c.await.unwrap();
        acked.revisions.extend(a.revisions);
        acked.contributions.extend(a.contributions);
    }
    assert!(acked.revisions.len() >= 10 && acked.contributions.len() >= 10, "enough writes before the kill: {acked:?}");

    // Restarted on the same files, the server opens and answers.
    let mut again = start(&url, port).await;
    let token = sign_in(port).await;
    assert_eq!(request(port, "GET", &format!("/rondas/{round_id}"), "", Some(&token)).await.unwrap().0, 200);
    again.start_kill().unwrap();
    again.wait().await.unwrap();

    let store = Store::open(&DbConfig::url(&url)).await.expect("the database opens cleanly");
    for (step, n) in &acked.revisions {
        assert!(store.revision("PNMPETF", *step, *n).await.unwrap().is_some(), "revision {n} of step {step} was acknowledged");
    }
    let numbers: Vec<u32> = store.contributions(&round_id).await.unwrap().iter().map(|c| c.number).collect();
    for n in &acked.contributions {
        assert!(numbers.contains(n), "contribution {n} was acknowledged");
    }
    println!("acknowledged before SIGKILL and found after: {} revisions, {} contributions", acked.revisions.len(), acked.contributions.len());
}
