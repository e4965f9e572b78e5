//! Hostile input in every field a person writes, read back by every role on every page it can
//! reach and in every download: nothing comes out as live markup (checked with an HTML parser,
//! not by searching for substrings), the `<head>` holds only what Pasos puts there, no
//! spreadsheet cell runs as a formula, and every document still opens.


use std::collections::{BTreeSet, VecDeque};

use crate::common::*;
use pasos_app::store::credentials::hash_password;
use pasos_app::domain::{NewUser, Role};
use pasos_app::domain::Author;
use scraper::{Html, Selector};

/// Markup that would run if any sink wrote it as it came: it closes `<title>` and `<textarea>`,
/// opens a script, an image with a handler, an SVG with a handler, an unknown element, and is a
/// spreadsheet formula when it leads a cell.
const HOSTILE: &str = "</title><script>alert(1)</script>\"><img src=x onerror=alert(2)></textarea><svg onload=alert(3)><x-hostil>'";

/// Cells that spreadsheets would evaluate if written as typed.
const FORMULAS: [&str; 4] = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+51 984 000 000", "- lista", "@SUM(A1)"];


fn select(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// A page as an HTML parser reads it: no script but Pasos' own two files, no event handler, no
/// `javascript:` address, none of the hostile elements, and a head of metadata only.
fn assert_inert(url: &str, html: &str) {
    let doc = Html::parse_document(html);
    for el in doc.select(&select("*")) {
        let v = el.value();
        let name = v.name();
        match name {
            "script" => assert!(
                matches!(v.attr("src").map(|s| s.split("?v=").next().unwrap_or(s)), Some("/islas.js" | "/sin-conexion.js")) && el.text().all(|t| t.trim().is_empty()),
                "{url}: an inline or foreign script: {}",
                el.html()
            ),
            "iframe" | "object" | "embed" | "style" | "x-hostil" | "base" => panic!("{url}: a <{name}> element: {}", el.html()),
            "img" => assert_ne!(v.attr("src"), Some("x"), "{url}: the hostile image became an element"),
            _ => {}
        }
        for (attr, value) in v.attrs() {
            assert!(!attr.starts_with("on"), "{url}: an event handler {attr}={value:?} on <{name}>");
            let lower = value.trim().to_ascii_lowercase();
            if matches!(attr, "href" | "src" | "action" | "formaction" | "data" | "xlink:href") {
                assert!(!lower.starts_with("javascript:") && !lower.starts_with("data:"), "{url}: {attr}={value:?}");
            }
        }
    }
    let head: Vec<String> = doc
        .select(&select("head > *"))
        .map(|el| el.value().name().to_string())
        .collect();
    assert!(head.iter().all(|n| matches!(n.as_str(), "meta" | "link" | "title" | "script")), "{url}: the head holds {head:?}");
    assert_eq!(doc.select(&select("head title")).count(), 1, "{url}: one title, in the head");
    for title in doc.select(&select("body title")) {
        let in_svg = title.ancestors().filter_map(scraper::ElementRef::wrap).any(|a| a.value().name() == "svg");
        assert!(in_svg, "{url}: a <title> outside the head and outside any picture: {}", title.html());
    }
}

/// Every cell of a CSV download: no formula, no control character but line breaks and tabs.
fn assert_csv_safe(url: &str, bytes: &[u8]) -> usize {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(false).from_reader(body);
    let mut cells = 0;
    for record in reader.records() {
        let record = record.unwrap_or_else(|e| panic!("{url}: not a CSV file: {e}"));
        for cell in record.iter() {
            cells += 1;
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{url}: a cell that runs as a formula: {cell:?}");
            assert!(!cell.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')), "{url}: a control character in {cell:?}");
        }
    }
    cells
}

/// The links of a page worth following: Pasos' own pages, not the sign-out nor the downloads.
fn links(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    doc.select(&select("a[href]"))
        .filter_map(|a| a.value().attr("href"))
        .map(|h| h.split('#').next().unwrap_or_default().to_string())
        .filter(|h| h.starts_with('/') && !h.starts_with("//"))
        .collect()
}

fn is_download(url: &str) -> bool {
    let path = url.split('?').next().unwrap_or_default();
    [".csv", ".xlsx", ".docx", ".md"].iter().any(|ext| path.ends_with(ext))
}

/// Writes the hostile value into every field a person can write, through the forms (and, for
/// what only the command line writes, the store).
async fn write_everything_hostile(app: &axum::Router, store: &pasos_app::store::Store) -> String {
    let admin = sign_in(app, "admin@pasos.demo").await;
    let team = sign_in(app, "equipo@pasos.demo").await;

    // An account whose name and organisation are hostile, in Cusco.
    let by = Author::System("prueba");
    let hostile_user = NewUser {
        email: "hostil@pasos.demo".into(),
        name: format!("{HOSTILE} Hostil"),
        organisation: Some(HOSTILE.into()),
        jurisdiction: Some("08".into()),
        roles: vec![Role::Participante],
        policies: vec![],
    }
    .validate()
    .unwrap();
    store.create_user(hostile_user, hash_password("pasos-demo").unwrap(), &by).await.unwrap();
    let r = post_form(
        app,
        "/admin/usuarios",
        &form(&[("correo", "otra@pasos.demo"), ("nombre", HOSTILE), ("organizacion", FORMULAS[0]), ("roles", "directivo")]),
        ORIGIN,
        Some(&admin),
    )
    .await;
    assert_eq!(r.location, "/admin/usuarios", "an account with a hostile name is created");

    // A step text, a version note, a round's title and invitees.
    let text = format!("## {HOSTILE}\n\n{HOSTILE}\n\n- {HOSTILE}\n\n| a | b |\n|---|---|\n| {} | x |\n\n[x](javascript:alert(4))\n", HOSTILE.replace('|', "\\|"));
    let r = post_form(app, "/politicas/pnmpeti/pasos/3/editar", &form(&[("base", "0"), ("texto", &text), ("resumen", HOSTILE), ("accion", "guardar")]), ORIGIN, Some(&team)).await;
    assert!(r.location.contains("guardado="), "{}", r.location);
    let r = post_form(app, "/politicas/pnmpeti/entregables/2/versiones", &form(&[("nota", HOSTILE)]), ORIGIN, Some(&team)).await;
    assert!(r.location.contains("congelada="), "{}", r.location);
    let (opens, closes) = (lima(-chrono::Duration::hours(1)), lima(chrono::Duration::days(14)));
    let r = post_form(
        app,
        "/politicas/pnmpeti/entregables/2/rondas",
        &form(&[
            ("tipo", "consulta_regional"),
            ("titulo", HOSTILE),
            ("version_ronda", "1"),
            ("pasos", "3"),
            ("abre", &opens),
            ("cierra", &closes),
            ("regiones", "08"),
            ("organizaciones", HOSTILE),
        ]),
        ORIGIN,
        Some(&team),
    )
    .await;
    assert!(r.location.starts_with("/rondas/") && !r.location.contains('?'), "{}", r.location);
    let round = r.location.clone();

    // Contributions: a participant's, a reply, one transcribed from an oficio; answers.
    let hostil = sign_in(app, "hostil@pasos.demo").await;
    for body in [HOSTILE, FORMULAS[0], FORMULAS[2]] {
        let r = post_form(app, &format!("{round}/aportes"), &form(&[("paso", "3"), ("parrafo", "p3-2"), ("texto", body)]), ORIGIN, Some(&hostil)).await;
        assert!(r.location.contains("enviado="), "{}", r.location);
    }
    let round_id = round.trim_start_matches("/rondas/").to_string();
    let first = store.contributions(&round_id).await.unwrap().iter().find(|c| c.number == 1).expect("the first contribution").id.clone();
    let r = post_form(app, &format!("{round}/aportes"), &form(&[("paso", "3"), ("responde", &first), ("texto", HOSTILE)]), ORIGIN, Some(&team)).await;
    assert!(r.location.contains("enviado="), "{}", r.location);
    let r = post_form(
        app,
        &format!("{round}/aportes-externos"),
        &form(&[
            ("canal", "oficio"),
            ("paso", "3"),
            ("fecha", "2024-01-10"),
            ("autor", FORMULAS[2]),
            ("organizacion", FORMULAS[1]),
            ("region", "08"),
            ("documento", HOSTILE),
            ("texto", FORMULAS[3]),
        ]),
        ORIGIN,
        Some(&team),
    )
    .await;
    assert!(r.location.contains("registrado="), "{}", r.location);
    for c in store.contributions(&round_id).await.unwrap().iter() {
        let r = post_form(app, &format!("{round}/aportes/{}/respuesta", c.id), &form(&[("estado", "no_acogido"), ("justificacion", HOSTILE)]), ORIGIN, Some(&team)).await;
        assert!(r.location.contains("respondido="), "{}", r.location);
    }

    // The review: a transition with a hostile document and note, annulled with a hostile reason.
    let r = post_form(
        app,
        "/politicas/pnmpeti/entregables/1/transiciones",
        &form(&[("estado", "observado_ceplan"), ("fecha", "2024-01-10"), ("documento", HOSTILE), ("nota", HOSTILE)]),
        ORIGIN,
        Some(&team),
    )
    .await;
    assert!(r.location.contains("registrado=1"), "{}", r.location);
    let detail = store.policy_detail("PNMPETI").await.unwrap().unwrap();
    let last = detail.events.iter().rev().find(|e| e.document.as_deref() == Some(HOSTILE)).expect("the transition").id.clone();
    let r = post_form(
        app,
        &format!("/politicas/pnmpeti/eventos/{last}/anular"),
        &form(&[("motivo", HOSTILE), ("volver", "/politicas/pnmpeti/entregables/1")]),
        ORIGIN,
        Some(&team),
    )
    .await;
    assert!(r.location.contains("anulado=1"), "{}", r.location);

    // Structured content: a cause whose statement is hostile.
    let r = post_form(
        app,
        "/politicas/pnmpeti/pasos/2/estructura",
        &form(&[("accion", "guardar"), ("tipo", "causa_directa"), ("v:enunciado", HOSTILE), ("v:fuerza_evidencia", "alta")]),
        ORIGIN,
        Some(&team),
    )
    .await;
    assert!(r.location.contains("guardado=CD"), "{}", r.location);
    round
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_values_stay_text_on_every_page_and_in_every_download() {
    let (app, store) = app().await;
    let round = write_everything_hostile(&app, &store).await;
    let encoded: String = form_urlencoded::byte_serialize(HOSTILE.as_bytes()).collect();
    // Pages that put typed values back into forms after a refusal.
    let refusals = [
        format!("{round}?error=aporte_vacio&paso=3&parrafo={encoded}&texto={encoded}#comentar"),
        format!("/politicas/pnmpeti/entregables/1?error=documento&fecha={encoded}&documento={encoded}&nota={encoded}&enlace={encoded}"),
        format!("/politicas/pnmpeti/entregables/2?error=titulo&titulo={encoded}&organizaciones={encoded}&cuentas={encoded}&abre={encoded}"),
        format!("/admin/usuarios?error=email&id=&correo={encoded}&nombre={encoded}&organizacion={encoded}&region={encoded}&roles={encoded}"),
        format!("/politicas/pnmpeti/pasos/2/estructura?error=faltante&detalle={encoded}&tipo=causa_directa&v%3Aenunciado={encoded}"),
        format!("/ingresar?error=credenciales&correo={encoded}&siguiente={encoded}"),
    ];
    let mut pages = 0;
    let mut downloads = BTreeSet::new();
    for email in ["admin@pasos.demo", "equipo@pasos.demo", "directivo@pasos.demo", "hostil@pasos.demo", "cusco@pasos.demo", "ceplan@pasos.demo"] {
        let token = sign_in(&app, email).await;
        let mut seen = BTreeSet::new();
        let mut queue: VecDeque<String> = ["/".to_string(), round.clone(), format!("{round}/matriz"), "/avisos".into(), "/admin/auditoria".into()]
            .into_iter()
            .chain(refusals.iter().cloned())
            .collect();
        while let Some(url) = queue.pop_front() {
            if seen.len() >= 150 || !seen.insert(url.clone()) {
                continue;
            }
            if is_download(&url) {
                downloads.insert((email, url));
                continue;
            }
            let reply = get(&app, &url, Some(&token)).await;
            if !reply.content_type.starts_with("text/html") {
                continue;
            }
            assert_inert(&format!("{email} {url}"), &reply.body);
            pages += 1;
            queue.extend(links(&reply.body).into_iter().filter(|l| l != "/salir" && !seen.contains(l)));
        }
    }
    println!("{pages} páginas leídas con un analizador HTML, {} descargas", downloads.len());
    assert!(pages > 100, "{pages} pages read");

    // The values reached their sinks and stayed text there.
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let page = Html::parse_document(&get(&app, &round, Some(&team)).await.body);
    let title: String = page.select(&select("title")).next().unwrap().text().collect();
    assert_eq!(title, format!("{HOSTILE} · PNMPETI · Pasos"), "the round's title, as text, in <title>");
    let h1: String = page.select(&select("h1")).next().unwrap().text().collect();
    assert_eq!(h1, HOSTILE);
    let back = Html::parse_document(&get(&app, &refusals[0], Some(&team)).await.body);
    let kept: String = back.select(&select("textarea#texto-aporte")).next().expect("the contribution form").text().collect();
    assert_eq!(kept, HOSTILE, "a refused contribution comes back whole in its textarea");

    // Every download of every role: CSVs without formulas, workbooks and documents that open.
    let mut cells = 0;
    for (email, url) in &downloads {
        let token = sign_in(&app, email).await;
        let reply = get(&app, url, Some(&token)).await;
        if reply.status != StatusCode::OK {
            continue;
        }
        let path = url.split('?').next().unwrap_or_default();
        if path.ends_with(".csv") {
            cells += assert_csv_safe(url, &reply.bytes);
        } else if path.ends_with(".xlsx") {
            use calamine::Reader;
            let mut book: calamine::Xlsx<_> =
                calamine::open_workbook_from_rs(std::io::Cursor::new(reply.bytes.clone())).unwrap_or_else(|e| panic!("{url}: {e}"));
            let sheets = book.sheet_names();
            for name in sheets {
                book.worksheet_range(&name).unwrap_or_else(|e| panic!("{url}: {e}"));
            }
        } else if path.ends_with(".docx") {
            docx_rs::read_docx(&reply.bytes).unwrap_or_else(|e| panic!("{url}: {e:?}"));
        }
    }
    assert!(cells > 0 && downloads.iter().any(|(_, u)| u.contains(".docx")), "{downloads:?}");
    let matrix = get(&app, &format!("{round}/matriz.csv"), Some(&team)).await;
    let text = String::from_utf8_lossy(&matrix.bytes);
    assert!(text.contains("'=HYPERLINK(") && text.contains("'+51 984 000 000") && text.contains("'- lista") && text.contains("'@SUM(A1)"), "{text}");
    assert!(text.contains(&format!("N° 1: «{}»", HOSTILE.replace('"', "\"\""))), "a reply names and quotes what it answers: {text}");
}
