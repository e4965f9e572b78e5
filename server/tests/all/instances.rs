//! Two `pasos serve` processes on one SurrealDB server, as instances behind a balancer are, tested
//! through HTTP only: what one writes the other shows at once, for every kind of write; a
//! consultation's contributions sent through both at once are numbered 1..N; a scheduled notice is
//! made once; and when one instance is killed with SIGKILL mid-load, every write it acknowledged is
//! read through the other.
//!
//! Two processes share a database only on a SurrealDB server: `./scripts/test.sh` runs this file
//! with `PASOS_TEST_DB` set to one (its pass over `ws://`); on an embedded database it says so and
//! passes without testing.
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use pasos_app::store::{DbConfig, Store};

use crate::common::{form, lima, unescape};
use crate::process::{free_port, healthy, kill_mid_load, request, serve, sign_in, Raw};

/// Two instances on one database server, the demo data seeded once; both run their scheduled
/// task every second. `None` on an embedded database.
async fn two_instances() -> Option<(Store, DbConfig, [u16; 2], [tokio::process::Child; 2])> {
    let db = DbConfig::scratch();
    if db.scheme() == "mem" {
        eprintln!("two processes share a database only on a SurrealDB server: ./scripts/test.sh runs this with PASOS_TEST_DB");
        return None;
    }
    let store = Store::open(&db).await.unwrap();
    store.seed_demo("pasos-demo").await.unwrap();
    let ports = [free_port(), free_port()];
    let start = |port: u16| {
        let child = serve(&db, port).env("PASOS_SCHEDULE_SECONDS", "1").spawn().expect("the pasos binary starts");
        healthy(child, port)
    };
    let children = [start(ports[0]).await, start(ports[1]).await];
    Some((store, db, ports, children))
}

/// A form posted to `path` at `port`, as the signed-in `session`.
async fn post(port: u16, path: &str, fields: &[(&str, &str)], session: &str) -> Raw {
    request(port, "POST", path, &form(fields), Some(session)).await.unwrap()
}

/// The page at `path` as `session` reads it through `port` (200 expected), its entities decoded.
async fn page(port: u16, path: &str, session: &str) -> String {
    let r = request(port, "GET", path, "", Some(session)).await.unwrap();
    assert_eq!(r.status, 200, "GET {path} through {port}: {}", r.head);
    unescape(&r.body)
}

/// The redirect's target, after checking that the write was acknowledged (303, no error).
fn acknowledged(r: &Raw, what: &str) -> String {
    let location = r.header("location");
    assert!(r.status == 303 && !location.contains("error="), "{what}: {} {location}", r.status);
    location
}

/// The number a redirect names after `key=` (`guardado=3`, `enviado=12`).
fn number_after(location: &str, key: &str) -> Option<u32> {
    location.split(&format!("{key}=")).nth(1).and_then(|r| r.split(['&', '#']).next()).and_then(|n| n.parse().ok())
}

/// The contributions' numbers of a round, as its matrix (CSV, read through `port`) lists them.
async fn numbers_in_matrix(port: u16, round: &str, session: &str) -> (Vec<u32>, String) {
    let csv = request(port, "GET", &format!("{round}/matriz.csv"), "", Some(session)).await.unwrap().body;
    let mut numbers: Vec<u32> = csv.lines().skip(1).filter_map(|l| l.trim_start_matches('\u{feff}').split(',').next()?.trim_matches('"').parse().ok()).collect();
    numbers.sort_unstable();
    (numbers, csv)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_write_through_one_instance_is_read_at_once_through_the_other() {
    let Some((store, _db, [a, b], _children)) = two_instances().await else { return };
    let team = sign_in(a, "equipo@pasos.demo").await;
    let cusco = sign_in(a, "cusco@pasos.demo").await;
    let ceplan = sign_in(a, "ceplan@pasos.demo").await;

    // A step's text, saved through A, read through B (a session made on one instance holds on the other).
    let saved = post(a, "/politicas/pnmpeti/pasos/3/editar", &[("base", "0"), ("texto", "Situación futura deseada, escrita en A."), ("accion", "guardar")], &team).await;
    assert_eq!(number_after(&acknowledged(&saved, "step save"), "guardado"), Some(1));
    assert!(page(b, "/politicas/pnmpeti/pasos/3", &team).await.contains("Situación futura deseada, escrita en A."));

    // A version frozen through B, read through A.
    acknowledged(&post(b, "/politicas/pnmpeti/entregables/2/versiones", &[("nota", "Versión congelada en B")], &team).await, "freeze");
    assert!(page(a, "/politicas/pnmpeti/entregables/2", &team).await.contains("Versión congelada en B"));

    // CEPLAN's observations recorded through A: the deliverable's state through B, and the dashboard's.
    // B answers the policy page and the dashboard from copies it kept (`web::copies`): A's write
    // counts, so B writes them again.
    let directivo = sign_in(b, "directivo@pasos.demo").await;
    let policy_before = page(b, "/politicas/pnmpeti", &team).await;
    assert!(!policy_before.contains("Observado por el CEPLAN"));
    let dashboard_before = page(b, "/tablero", &directivo).await;
    assert_eq!(page(b, "/tablero", &directivo).await, dashboard_before, "the same page, read twice");
    let observed = [("estado", "observado_ceplan"), ("fecha", "2024-01-10"), ("documento", "Informe N° 12-2024-CEPLAN en A")];
    acknowledged(&post(a, "/politicas/pnmpeti/entregables/1/transiciones", &observed, &ceplan).await, "transition");
    assert!(page(b, "/politicas/pnmpeti/entregables/1", &team).await.contains("Informe N° 12-2024-CEPLAN en A"));
    assert!(page(b, "/politicas/pnmpeti", &team).await.contains("Observado por el CEPLAN"));
    assert_ne!(page(b, "/tablero", &directivo).await, dashboard_before, "the dashboard written again through B");

    // A regional consultation opened through A, closing in two days: listed and open through B.
    let cusco_user = store.user_with_hash("cusco@pasos.demo").await.unwrap().unwrap().0;
    let unread = store.unread_notifications(&cusco_user.id).await.unwrap();
    let (opens, closes) = (lima(-chrono::Duration::hours(1)), lima(chrono::Duration::days(2)));
    let fields = [("tipo", "consulta_regional"), ("titulo", "Consulta abierta en A"), ("version_ronda", "1"), ("pasos", "3"), ("abre", &opens), ("cierra", &closes), ("regiones", "08")];
    let round = acknowledged(&post(a, "/politicas/pnmpeti/entregables/2/rondas", &fields, &team).await, "round").split('?').next().unwrap().to_string();
    assert!(page(b, "/rondas", &cusco).await.contains("Consulta abierta en A"));
    assert!(page(b, &round, &cusco).await.contains("Enviar aporte"), "open for Cusco through B");

    // Both instances run the scheduled task every second: Cusco is told of the consultation's
    // opening and, since it closes within three days, of its closing; each once, however many
    // runs of either instance went by.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while store.unread_notifications(&cusco_user.id).await.unwrap() < unread + 2 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(store.unread_notifications(&cusco_user.id).await.unwrap(), unread + 2, "two notices, each once");
    let round_id = round.trim_start_matches("/rondas/");
    let about_round: Vec<String> = store.notifications(&cusco_user).await.unwrap().into_iter().filter(|n| n.link.contains(round_id)).map(|n| n.kind).collect();
    let count = |kind: &str| about_round.iter().filter(|k| k.as_str() == kind).count();
    assert_eq!((count("ronda_abierta"), count("ronda_por_cerrar")), (1, 1), "{about_round:?}");
    assert!(page(b, "/avisos", &cusco).await.contains("Consulta abierta en A"), "the notices through B");

    // A contribution sent through B, read by the team through A.
    let sent = post(b, &format!("{round}/aportes"), &[("paso", "3"), ("texto", "Aporte de Cusco enviado por B.")], &cusco).await;
    assert_eq!(number_after(&acknowledged(&sent, "contribution"), "enviado"), Some(1));
    let seen = page(a, &round, &team).await;
    assert!(seen.contains("Aporte de Cusco enviado por B."));

    // Contributions through both at once: numbered 1..N in the round, none twice, none skipped,
    // each number acknowledged once.
    let acked = Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut senders = Vec::new();
    for i in 0..24u32 {
        let (port, round, cusco, acked) = ([a, b][(i % 2) as usize], round.clone(), cusco.clone(), acked.clone());
        senders.push(tokio::spawn(async move {
            let r = post(port, &format!("{round}/aportes"), &[("paso", "3"), ("texto", &format!("Aporte simultáneo {i}."))], &cusco).await;
            acked.lock().unwrap().push(number_after(&acknowledged(&r, "contribution at once"), "enviado").unwrap());
        }));
    }
    for s in senders {
        s.await.unwrap();
    }
    let mut acked = acked.lock().unwrap().clone();
    acked.sort_unstable();
    assert_eq!(acked, (2..=25).collect::<Vec<u32>>(), "each number acknowledged once");
    let (numbers, _) = numbers_in_matrix(a, &round, &team).await;
    assert_eq!(numbers, (1..=25).collect::<Vec<u32>>(), "the matrix through A");
    assert_eq!(numbers_in_matrix(b, &round, &team).await.0, numbers, "the matrix through B");

    // An answer written through B, published through A: Cusco reads it through B.
    let seen = page(b, &round, &team).await;
    let first = seen.split(&format!("{round}/aportes/")).nth(1).and_then(|r| r.split('/').next()).expect("an answer form").to_string();
    let answer = [("estado", "acogido_parcialmente"), ("justificacion", "Se incorpora la cifra, respondido en B.")];
    acknowledged(&post(b, &format!("{round}/aportes/{first}/respuesta"), &answer, &team).await, "answer");
    assert!(page(a, &round, &team).await.contains("Se incorpora la cifra, respondido en B."), "the team reads the answer through A");
    assert!(!page(b, &round, &cusco).await.contains("Se incorpora la cifra"), "unpublished: internal");
    acknowledged(&post(a, &format!("{round}/publicar"), &[], &team).await, "publication");
    assert!(page(b, &round, &cusco).await.contains("Se incorpora la cifra, respondido en B."), "published through A, read through B");

    // A workshop recorded through A, listed through B.
    let call = [
        ("titulo", "Taller registrado en A"),
        ("inicio", "2026-10-12"),
        ("fin", "2026-10-12"),
        ("modalidad", "virtual"),
        ("lugar", "https://reuniones.example/taller"),
        ("proposito", "Validar la situación futura deseada."),
        ("pasos", "3"),
        ("regiones", "08"),
        ("convocados", "las D/GRTPE"),
    ];
    acknowledged(&post(a, "/politicas/pnmpeti/talleres", &call, &team).await, "workshop");
    assert!(page(b, "/politicas/pnmpeti/talleres", &team).await.contains("Taller registrado en A"));

    // The work plan set through B, read through A.
    let plan = [("base", "0"), ("linea", "entregable-3"), ("inicio", "2026-01-05"), ("fin", "2026-02-27"), ("linea", "entregable-4"), ("inicio", "2026-03-02"), ("fin", "2027-06-30"), ("linea", "aprobacion"), ("inicio", ""), ("fin", "")];
    assert_eq!(number_after(&acknowledged(&post(b, "/politicas/pnmpeti/plan", &plan, &team).await, "plan"), "guardado"), Some(1));
    let seen = page(a, "/politicas/pnmpeti/plan", &team).await;
    assert!(seen.contains("27/02/2026") && seen.contains("30/06/2027"), "the plan's dates through A");

    // The follow-up: a year opened through A by the PNTP's team, a value recorded through B by the
    // entity responsible for the indicator, read through A.
    let mininter = sign_in(b, "mininter@pasos.demo").await;
    let mimp = sign_in(b, "mimp@pasos.demo").await;
    acknowledged(&post(a, "/politicas/pntp/seguimiento", &[("anio", "2024"), ("verde", "90"), ("ambar", "70")], &mininter).await, "follow-up year");
    let indicator = store.items("PNTP").await.unwrap().into_iter().find(|i| i.code == "IOP-R1").expect("IOP-R1 seeded").id;
    let value = [("indicador", indicator.as_str()), ("valor", "36 %"), ("fuente", "Registro del MIMP, por B"), ("fecha_dato", "2025-02-15"), ("explicacion", "Cifra preliminar.")];
    acknowledged(&post(b, "/politicas/pntp/seguimiento/2024/valores", &value, &mimp).await, "follow-up value");
    let seen = page(a, "/politicas/pntp/seguimiento/2024", &mininter).await;
    assert!(seen.contains("Registro del MIMP, por B") && seen.contains("90,0 %"), "the value and its light through A");

}

/// What clients saw acknowledged: (step, revision, token) and (number, token).
#[derive(Debug, Default)]
struct Acked {
    revisions: Vec<(u8, u32, String)>,
    contributions: Vec<(u32, String)>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_instance_killed_mid_load_loses_no_acknowledged_write() {
    let Some((store, _db, [a, b], [mut killed, _survivor])) = two_instances().await else { return };
    let team = sign_in(a, "equipo@pasos.demo").await;
    acknowledged(&post(a, "/politicas/pnmpeti/pasos/3/editar", &[("base", "0"), ("texto", "Situación futura deseada."), ("accion", "guardar")], &team).await, "step save");
    acknowledged(&post(a, "/politicas/pnmpeti/entregables/2/versiones", &[("nota", "Para revisar")], &team).await, "freeze");
    let (opens, closes) = (lima(-chrono::Duration::hours(1)), lima(chrono::Duration::days(7)));
    let fields = [("tipo", "revision_interna"), ("titulo", "Revisión interna"), ("version_ronda", "1"), ("pasos", "3"), ("abre", &opens), ("cierra", &closes)];
    let round = acknowledged(&post(a, "/politicas/pnmpeti/entregables/2/rondas", &fields, &team).await, "round").split('?').next().unwrap().to_string();

    // Eight clients, four on each instance: on each, two save revisions of their own step of
    // PNMPETF (1 and 2 through A, 5 and 6 through B) and two contribute. The kill waits for enough acknowledged writes of both kinds
    // through A (however slow the machine), then lands in the middle of more.
    let through_a = Arc::new([AtomicUsize::new(0), AtomicUsize::new(0)]);
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut clients = Vec::new();
    for c in 0..8u8 {
        let (port, token, round, through_a, stop) = ([a, b][usize::from(c / 4)], team.clone(), round.clone(), through_a.clone(), stop.clone());
        clients.push(tokio::spawn(async move {
            let mut acked = Acked::default();
            let step = [1u8, 2, 0, 0, 5, 6, 0, 0][usize::from(c)];
            let mut base = 0;
            let editor = format!("/politicas/pnmpetf/pasos/{step}/editar");
            if c % 4 < 2 {
                let page = request(port, "GET", &editor, "", Some(&token)).await.unwrap().body;
                let at = page.find("name=\"base\" value=\"").expect("the editor's base") + 19;
                base = page[at..].split('"').next().unwrap().parse().unwrap();
            }
            for i in 0.. {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let token_of_write = format!("carga-{c}-{i}");
                let result = if c % 4 < 2 {
                    let body = form(&[("base", &base.to_string()), ("texto", &format!("Texto {token_of_write}.")), ("accion", "guardar")]);
                    request(port, "POST", &editor, &body, Some(&token)).await
                } else {
                    request(port, "POST", &format!("{round}/aportes"), &form(&[("paso", "3"), ("texto", &format!("Aporte {token_of_write}."))]), Some(&token)).await
                };
                match result.map(|r| (r.status, r.header("location"))) {
                    Ok((303, location)) => {
                        if let Some(n) = number_after(&location, "guardado") {
                            acked.revisions.push((step, n, token_of_write));
                            base = n;
                        } else if let Some(n) = number_after(&location, "enviado") {
                            acked.contributions.push((n, token_of_write));
                        } else {
                            panic!("client {c}: unexpected answer {location}");
                        }
                        if port == a {
                            through_a[usize::from(c % 4 >= 2)].fetch_add(1, Ordering::SeqCst);
                        }
                    }
                    Ok((status, location)) => panic!("client {c}: {status} {location}"),
                    // The instance is gone: what it did not acknowledge may or may not be there.
                    Err(_) if port == a => break,
                    Err(e) => panic!("client {c} on the surviving instance: {e}"),
                }
            }
            acked
        }));
    }
    kill_mid_load(&mut killed, through_a.as_ref(), 10).await;
    // The clients of B go on a while after A is gone.
    tokio::time::sleep(Duration::from_secs(2)).await;
    stop.store(true, Ordering::SeqCst);
    let mut acked = Acked::default();
    for c in clients {
        let a = c.await.unwrap();
        acked.revisions.extend(a.revisions);
        acked.contributions.extend(a.contributions);
    }
    assert!(through_a.iter().all(|n| n.load(Ordering::SeqCst) >= 10), "enough writes through A before the kill");

    // Every acknowledged contribution, in the matrix read through B, under the number it was given.
    let (numbers, csv) = numbers_in_matrix(b, &round, &team).await;
    for (n, token) in &acked.contributions {
        assert!(csv.contains(&format!("Aporte {token}.")), "contribution {n} ({token}) was acknowledged");
    }
    let mut unique = numbers.clone();
    unique.dedup();
    assert_eq!(unique.len(), numbers.len(), "no number twice");
    let mut given: Vec<u32> = acked.contributions.iter().map(|(n, _)| *n).collect();
    given.sort_unstable();
    given.dedup();
    assert_eq!(given.len(), acked.contributions.len(), "no number acknowledged twice");
    // Every acknowledged revision, with its text; B's editor of the steps written through B starts
    // from the last one acknowledged (through A a write may have landed unacknowledged).
    for (step, n, token) in &acked.revisions {
        let (_, text) = store.revision("PNMPETF", *step, *n).await.unwrap().unwrap_or_else(|| panic!("revision {n} of step {step} was acknowledged"));
        assert_eq!(text, format!("Texto {token}."));
    }
    for step in [5u8, 6] {
        let last = acked.revisions.iter().filter(|r| r.0 == step).map(|r| r.1).max().unwrap();
        let editor = page(b, &format!("/politicas/pnmpetf/pasos/{step}/editar"), &team).await;
        assert!(editor.contains(&format!("name=\"base\" value=\"{last}\"")), "B's editor starts from the last acknowledged revision of step {step}");
    }
    println!(
        "acknowledged through both instances, A killed mid-load, all found through B: {} revisions, {} contributions",
        acked.revisions.len(),
        acked.contributions.len()
    );
}
