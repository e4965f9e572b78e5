//! The real `pasos` binary as a process, and plain HTTP/1.1 exchanges with it over loopback: for
//! what only a process shows (a crash, its connections, its open files).
use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

/// An answer as it came over the wire.
pub struct Raw {
    pub status: u16,
    /// The status line and headers.
    pub head: String,
    pub body: String,
}

impl Raw {
    /// The first value of header `name`, or "".
    pub fn header(&self, name: &str) -> String {
        self.head
            .lines()
            .find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim().to_string()))
            .unwrap_or_default()
    }

    /// The session token the answer set, if any.
    pub fn session(&self) -> Option<String> {
        self.head.split("pasos_sesion=").nth(1).and_then(|s| s.split(';').next()).map(str::to_string)
    }
}

/// One request on a fresh connection (closed after the answer), with a session when given.
pub async fn request(port: u16, method: &str, path: &str, body: &str, session: Option<&str>) -> std::io::Result<Raw> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await?;
    let cookie = session.map(|c| format!("Cookie: pasos_sesion={c}\r\n")).unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n{cookie}\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body.as_bytes()).await?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await?;
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text.get(9..12).and_then(|s| s.parse().ok()).ok_or_else(|| std::io::Error::other("no answer"))?;
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((text.as_str(), ""));
    Ok(Raw { status, head: head.to_string(), body: body.to_string() })
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Starts `pasos serve` on `db` at `port`, limited to `files` open files (`ulimit -n`), and waits
/// for `/healthz`. The process is killed when the handle is dropped.
pub async fn start(db: &str, port: u16, files: u32) -> Child {
    let child = Command::new("sh")
        .args(["-c", &format!("ulimit -n {files} && exec \"$0\" serve --addr 127.0.0.1:{port}"), env!("CARGO_BIN_EXE_pasos")])
        .env("PASOS_DB", db)
        .env("LEPTOS_SITE_ROOT", "target/site")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("the pasos binary starts");
    healthy(child, port).await
}

/// `pasos serve` at `port` on the database `db` (its user, password and database name as well),
/// without the demo data, quiet, killed when its handle is dropped: add what a test needs, spawn,
/// then wait for it with [`healthy`].
pub fn serve(db: &pasos_app::store::DbConfig, port: u16) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pasos"));
    command
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .env("PASOS_DB", &db.url)
        .env("PASOS_DB_USER", db.user.clone().unwrap_or_default())
        .env("PASOS_DB_PASS", db.pass.clone().unwrap_or_default())
        .env("PASOS_DB_NAME", &db.database)
        .env("PASOS_NO_DEMO", "1")
        .env("LEPTOS_SITE_ROOT", "target/site")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true);
    command
}

/// Hands back `child` once the `pasos serve` it runs answers `/healthz` at `port`; panics after 30 s.
pub async fn healthy(child: Child, port: u16) -> Child {
    for _ in 0..300 {
        if request(port, "GET", "/healthz", "", None).await.is_ok_and(|r| r.status == 200) {
            return child;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("pasos did not answer /healthz on {port}");
}

/// Kills `child` with SIGKILL in the middle of a load: once every counter of acknowledged writes
/// reached `at_least` (however slow the machine; two minutes at most), and 300 ms more, so that
/// the kill lands among writes under way. Returns once the process is gone.
pub async fn kill_mid_load(child: &mut Child, acknowledged: &[std::sync::atomic::AtomicUsize], at_least: usize) {
    let enough = || acknowledged.iter().all(|n| n.load(std::sync::atomic::Ordering::SeqCst) >= at_least);
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    while !enough() && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    child.start_kill().unwrap(); // SIGKILL
    child.wait().await.unwrap();
}

/// Signs in as a demo account and returns the session token.
pub async fn sign_in(port: u16, email: &str) -> String {
    let body = format!("correo={}&contrasena=pasos-demo&siguiente=", email.replace('@', "%40"));
    let answer = request(port, "POST", "/ingresar", &body, None).await.unwrap();
    assert_eq!(answer.status, 303, "{}", answer.head);
    answer.session().expect("a session cookie")
}
