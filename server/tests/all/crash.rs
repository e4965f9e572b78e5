//! Crash safety: the real `pasos` binary on a `surrealkv://` database is killed with SIGKILL while
//! several clients save step revisions and send contributions; restarted, it opens cleanly, and
//! every write it had acknowledged (a 303 to the saved page) is there.

use pasos_app::store::{DbConfig, Store};

use crate::common::form;
use crate::process::{free_port, kill_mid_load, request, sign_in, start};

/// The revision a step's editor starts from (`name="base" value="N"`).
async fn current_base(port: u16, step: u8, token: &str) -> u32 {
    let page = request(port, "GET", &format!("/politicas/pnmpetf/pasos/{step}/editar"), "", Some(token)).await.unwrap().body;
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
    let mut server = start(&url, port, 4096).await;
    let token = sign_in(port, "equipo@pasos.demo").await;

    // A round to contribute to: Paso 3 of PNMPETI written, E2 frozen, an internal review opened.
    let save = form(&[("base", "0"), ("texto", "Situación futura deseada."), ("accion", "guardar")]);
    assert_eq!(request(port, "POST", "/politicas/pnmpeti/pasos/3/editar", &save, Some(&token)).await.unwrap().status, 303);
    assert_eq!(request(port, "POST", "/politicas/pnmpeti/entregables/2/versiones", "nota=Para+revisar", Some(&token)).await.unwrap().status, 303);
    let now = chrono::Utc::now().with_timezone(&pasos_app::domain::time::lima());
    let (opens, closes) = ((now - chrono::Duration::hours(1)).format("%Y-%m-%dT%H:%M").to_string(), (now + chrono::Duration::days(7)).format("%Y-%m-%dT%H:%M").to_string());
    let round = form(&[("tipo", "revision_interna"), ("titulo", "Revisión interna"), ("version_ronda", "1"), ("pasos", "3"), ("abre", &opens), ("cierra", &closes)]);
    let answer = request(port, "POST", "/politicas/pnmpeti/entregables/2/rondas", &round, Some(&token)).await.unwrap();
    let location = answer.header("location");
    assert_eq!(answer.status, 303, "{location}");
    let round_id = location.trim_start_matches("/rondas/").to_string();

    // Six clients: three save revisions of their own step (PNMPETF 1, 2, 5), three contribute.
    // Each acknowledged write of either kind is counted, so the kill waits for enough of both
    // (however slow the machine) rather than for a fixed time.
    let counted = std::sync::Arc::new([std::sync::atomic::AtomicUsize::new(0), std::sync::atomic::AtomicUsize::new(0)]);
    let mut clients = Vec::new();
    for c in 0..6u8 {
        let (token, round_id, counted) = (token.clone(), round_id.clone(), counted.clone());
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
                match result.map(|r| (r.status, r.header("location"))) {
                    Ok((303, location)) => {
                        let number = |key: &str| location.split(key).nth(1).and_then(|r| r.split(['&', '#']).next()).and_then(|n| n.parse::<u32>().ok());
                        if let Some(n) = number("guardado=") {
                            acked.revisions.push((step, n));
                            counted[0].fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                            base = n;
                        } else if let Some(n) = number("enviado=") {
                            acked.contributions.push(n);
                            counted[1].fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        } else {
                            panic!("unexpected answer {location}");
                        }
                    }
                    Ok((status, location)) => panic!("client {c}: {status} {location}"),
                    // The server is gone: what was not acknowledged may or may not be there.
                    Err(_) => return acked,
                }
            }
            acked
        }));
    }
    kill_mid_load(&mut server, counted.as_ref(), 12).await;
    let mut acked = Acked::default();
    for c in clients {
        let a = c.await.unwrap();
        acked.revisions.extend(a.revisions);
        acked.contributions.extend(a.contributions);
    }
    assert!(acked.revisions.len() >= 10 && acked.contributions.len() >= 10, "enough writes before the kill: {acked:?}");

    // Restarted on the same files, the server opens and answers.
    let mut again = start(&url, port, 4096).await;
    let token = sign_in(port, "equipo@pasos.demo").await;
    assert_eq!(request(port, "GET", &format!("/rondas/{round_id}"), "", Some(&token)).await.unwrap().status, 200);
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
