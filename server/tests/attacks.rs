//! Attacks on the real `pasos` binary that tie up its resources: sockets opened and left silent,
//! and text built to make rendering expensive. Through both, `/healthz` keeps answering in under
//! 100 ms (it took ~42 s, or never, before the bounds).
use std::net::SocketAddr;
use std::process::Stdio;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio::process::{Child, Command};

/// A plain HTTP/1.1 exchange on a fresh connection: (status, response head, body).
async fn request(port: u16, method: &str, path: &str, body: &str, cookie: &str) -> std::io::Result<(u16, String, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await?;
    let cookie = if cookie.is_empty() { String::new() } else { format!("Cookie: pasos_sesion={cookie}\r\n") };
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
    Ok((status, head.to_string(), body.to_string()))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Starts `pasos serve` on an in-memory database, limited to `files` open files (`ulimit -n`).
async fn start(port: u16, files: u32) -> Child {
    let child = Command::new("sh")
        .args(["-c", &format!("ulimit -n {files} && exec \"$0\" serve --addr 127.0.0.1:{port}"), env!("CARGO_BIN_EXE_pasos")])
        .env("PASOS_DB", "mem://")
        .env("LEPTOS_SITE_ROOT", "target/site")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("the pasos binary starts");
    for _ in 0..300 {
        if let Ok((200, _, _)) = request(port, "GET", "/healthz", "", "").await {
            return child;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("pasos did not answer /healthz");
}

/// `/healthz` asked every 20 ms for `span`: the slowest answer.
async fn slowest_health(port: u16, span: Duration) -> Duration {
    let until = Instant::now() + span;
    let mut slowest = Duration::ZERO;
    while Instant::now() < until {
        let started = Instant::now();
        let (status, _, _) = tokio::time::timeout(Duration::from_secs(60), request(port, "GET", "/healthz", "", ""))
            .await
            .expect("/healthz answered within a minute")
            .expect("/healthz answered");
        assert_eq!(status, 200);
        slowest = slowest.max(started.elapsed());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    slowest
}

/// A connection from another loopback address (the attacker's), left silent.
async fn idle_from(source: &str, port: u16) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.bind(format!("{source}:0").parse::<SocketAddr>().unwrap())?;
    socket.connect(SocketAddr::from(([127, 0, 0, 1], port))).await
}

/// Whether the server has closed `stream` (a read ends at once with nothing).
async fn closed(stream: &mut TcpStream) -> bool {
    let mut byte = [0u8; 1];
    matches!(tokio::time::timeout(Duration::from_millis(5), stream.read(&mut byte)).await, Ok(Ok(0)) | Ok(Err(_)))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_sockets_neither_starve_the_server_nor_stay_open() {
    let port = free_port();
    let _server = start(port, 512).await;
    let mut idle = Vec::new();
    for _ in 0..400 {
        if let Ok(s) = idle_from("127.0.0.2", port).await {
            idle.push(s);
        }
    }
    let slowest = slowest_health(port, Duration::from_secs(2)).await;
    let mut held = 0;
    for s in &mut idle {
        if !closed(s).await {
            held += 1;
        }
    }
    println!("400 conexiones inactivas desde otra dirección: {held} retenidas; /healthz respondió en {slowest:?} como máximo");
    assert!(held <= 64, "{held} idle connections held from one address");
    assert!(slowest < Duration::from_millis(100), "/healthz took {slowest:?}");
    // The header deadline closes the rest.
    tokio::time::sleep(pasos_server::listen::HEADER_TIMEOUT + Duration::from_secs(1)).await;
    let mut still = 0;
    for s in &mut idle {
        if !closed(s).await {
            still += 1;
        }
    }
    assert_eq!(still, 0, "silent connections outlive the header deadline");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_built_to_be_expensive_is_refused_or_cheap() {
    let port = free_port();
    let _server = start(port, 4096).await;
    let (_, head, _) =
        request(port, "POST", "/ingresar", "correo=equipo%40pasos.demo&contrasena=pasos-demo&siguiente=", "").await.unwrap();
    let token = head.split("pasos_sesion=").nth(1).and_then(|s| s.split(';').next()).expect("a session").to_string();
    let form = |pairs: &[(&str, &str)]| form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();

    // 8,000 nested lists within a contribution's 10,000 characters took 11 s to render.
    let deep = "- ".repeat(4_999) + "x";
    let save = form(&[("base", "1"), ("texto", &deep), ("accion", "guardar")]);
    let started = Instant::now();
    let (status, head, _) = request(port, "POST", "/politicas/pnmpetf/pasos/1/editar", &save, &token).await.unwrap();
    assert_eq!(status, 303, "{head}");
    assert!(head.contains("error=anidado"), "refused with the reason, back to the editor: {head}");
    println!("un texto con 5 000 niveles de listas se rechazó en {:?}", started.elapsed());

    // A 400 KB preview held a core for over five minutes; two readers at once stalled everyone.
    let huge = (">".repeat(2_000) + " x\n").repeat(200);
    let preview = form(&[("code", "PNMPETF"), ("text", &huge)]);
    let attack = {
        let (preview, token) = (preview.clone(), token.clone());
        tokio::spawn(async move {
            let started = Instant::now();
            for _ in 0..2 {
                let (status, _, body) = request(port, "POST", "/api/preview", &preview, &token).await.unwrap();
                assert_eq!(status, 200, "{body}");
            }
            started.elapsed()
        })
    };
    let slowest = slowest_health(port, Duration::from_secs(2)).await;
    let took = attack.await.unwrap();
    println!("dos vistas previas de 400 KB anidadas: {took:?}; /healthz respondió en {slowest:?} como máximo");
    assert!(slowest < Duration::from_millis(100), "/healthz took {slowest:?}");
}
