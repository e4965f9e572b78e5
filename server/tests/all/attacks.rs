//! Attacks on the real `pasos` binary that tie up its resources: sockets opened and left silent,
//! and text built to make rendering expensive. Through both, `/healthz` keeps answering in under
//! 100 ms (it took ~42 s, or never, before the bounds).
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tokio::io::AsyncReadExt;
use tokio::net::{TcpSocket, TcpStream};

use crate::common::form;
use crate::process::{free_port, request, sign_in, start};

/// `/healthz` asked every 20 ms for `span`: the slowest answer.
async fn slowest_health(port: u16, span: Duration) -> Duration {
    let until = Instant::now() + span;
    let mut slowest = Duration::ZERO;
    while Instant::now() < until {
        let started = Instant::now();
        let answer = tokio::time::timeout(Duration::from_secs(60), request(port, "GET", "/healthz", "", None))
            .await
            .expect("/healthz answered within a minute")
            .expect("/healthz answered");
        assert_eq!(answer.status, 200);
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
    let _server = start("mem://", port, 512).await;
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
    let _server = start("mem://", port, 4096).await;
    let token = sign_in(port, "equipo@pasos.demo").await;

    // 8,000 nested lists within a contribution's 10,000 characters took 11 s to render.
    let deep = "- ".repeat(4_999) + "x";
    let save = form(&[("base", "1"), ("texto", &deep), ("accion", "guardar")]);
    let started = Instant::now();
    let answer = request(port, "POST", "/politicas/pnmpetf/pasos/1/editar", &save, Some(&token)).await.unwrap();
    assert_eq!(answer.status, 303, "{}", answer.head);
    assert!(answer.header("location").contains("error=anidado"), "refused with the reason, back to the editor: {}", answer.head);
    println!("un texto con 5 000 niveles de listas se rechazó en {:?}", started.elapsed());

    // A 400 KB preview held a core for over five minutes; two readers at once stalled everyone.
    let huge = (">".repeat(2_000) + " x\n").repeat(200);
    let preview = form(&[("code", "PNMPETF"), ("text", &huge)]);
    let attack = {
        let (preview, token) = (preview.clone(), token.clone());
        tokio::spawn(async move {
            let started = Instant::now();
            for _ in 0..2 {
                let answer = request(port, "POST", "/api/preview", &preview, Some(&token)).await.unwrap();
                assert_eq!(answer.status, 200, "{}", answer.body);
            }
            started.elapsed()
        })
    };
    let slowest = slowest_health(port, Duration::from_secs(2)).await;
    let took = attack.await.unwrap();
    println!("dos vistas previas de 400 KB anidadas: {took:?}; /healthz respondió en {slowest:?} como máximo");
    assert!(slowest < Duration::from_millis(100), "/healthz took {slowest:?}");
}
