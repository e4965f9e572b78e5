//! The follow-up over HTTP, on the PNTP as the demo seeds it: the team of the approved policy
//! opens 2024; the entity responsible for two indicators records their values — one provisional,
//! then replaced — and not the value of an indicator it is not responsible for; a value with data
//! from before the year, and one after the period closed, come back with the text kept; the team
//! writes the analysis (a stale save refused with its text), a manager reviews it, the team closes
//! the report; the lights reach the dashboard and the progress report; DOCX and XLSX download.

use crate::common::*;

const FOLLOWUP: &str = "/politicas/pntp/seguimiento";
const Y2024: &str = "/politicas/pntp/seguimiento/2024";

fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n% sustento\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}

/// The id of the PNTP's item with this code.
async fn item(store: &pasos_app::store::Store, code: &str) -> String {
    store.items("PNTP").await.unwrap().into_iter().find(|i| i.code == code).unwrap_or_else(|| panic!("{code} seeded")).id
}

/// A value posted as the report's form posts it.
async fn value(app: &axum::Router, session: &str, fields: &[(&str, &str)]) -> Reply {
    post_form(app, &format!("{Y2024}/valores"), &form(fields), ORIGIN, Some(session)).await
}

/// The supporting file of an indicator's value in force, as its form posts it.
async fn attach(app: &axum::Router, session: &str, indicator: &str, name: &str, bytes: &[u8]) -> Reply {
    let (content_type, body) = multipart(&[("indicador", indicator)], "sustento", &[(name, bytes)]);
    post_multipart(app, &format!("{Y2024}/sustento"), session, content_type, body).await
}

/// The page a redirect leads to, as its reader sees it.
async fn follow(app: &axum::Router, r: &Reply, session: &str) -> String {
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    unescape(&get(app, &r.location, Some(session)).await.body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_year_is_opened_reported_analysed_reviewed_and_closed() {
    let (app, store) = app().await;
    let team = sign_in(&app, "mininter@pasos.demo").await;
    let mimp = sign_in(&app, "mimp@pasos.demo").await;
    let boss = sign_in(&app, "directivo@pasos.demo").await;
    let cusco = sign_in(&app, "cusco@pasos.demo").await;
    let (r1, r2, s20, objective) = (item(&store, "IOP-R1").await, item(&store, "IOP-R2").await, item(&store, "IS20").await, item(&store, "Reintegración").await);

    // The seeded year says where its one figure comes from, and that the indicators are examples.
    let seeded = unescape(&get(&app, &format!("{FOLLOWUP}/2023"), Some(&team)).await.body);
    assert!(seeded.contains("2\u{a0}163"), "the report's figure");
    assert!(seeded.contains("líneas 1100–1110"), "with its source");
    assert!(seeded.contains("no son de la política aprobada"), "the examples said as such");

    // Only the team opens a year; the same form sent twice lands on the period it opened.
    let open = form(&[("anio", "2024"), ("verde", "90"), ("ambar", "70")]);
    assert_eq!(post_form(&app, FOLLOWUP, &open, ORIGIN, Some(&mimp)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(post_form(&app, FOLLOWUP, &open, ORIGIN, Some(&team)).await.location, format!("{Y2024}?abierto=1"));
    assert_eq!(post_form(&app, FOLLOWUP, &open, ORIGIN, Some(&team)).await.location, Y2024, "a year opened already: its report, not «abierto» again");
    let early = post_form(&app, FOLLOWUP, &form(&[("anio", "2020"), ("verde", "90"), ("ambar", "70")]), ORIGIN, Some(&team)).await;
    assert!(follow(&app, &early, &team).await.contains("desde el de la aprobación"), "before the approval: refused, said");
    // An open year is read by who works on it, not by a regional participant.
    assert_eq!(get(&app, Y2024, Some(&cusco)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(get(&app, Y2024, Some(&mimp)).await.status, StatusCode::OK);

    // The entity records a provisional value of its indicator, then the final one.
    let provisional = [("indicador", r1.as_str()), ("valor", "36 %"), ("fuente", "Registro del MIMP"), ("fecha_dato", "2025-02-15"), ("explicacion", "Cifra preliminar."), ("provisional", "si")];
    let r = value(&app, &mimp, &provisional).await;
    assert!(r.location.contains(&format!("valor_registrado={r1}")), "{}", r.location);
    let page = follow(&app, &r, &mimp).await;
    assert!(page.contains("90,0 %") && page.contains("Verde (provisional)"), "36 of an expected 40: 90 %, green, provisional");
    let again = value(&app, &mimp, &provisional).await;
    assert!(again.location.contains("valor_sin_cambios="), "the same form twice is recorded once: {}", again.location);
    let final_ = [("indicador", r1.as_str()), ("valor", "42 %"), ("fuente", "Registro del MIMP"), ("fecha_dato", "2025-04-30"), ("explicacion", "Cifra definitiva.")];
    let page = follow(&app, &value(&app, &mimp, &final_).await, &mimp).await;
    assert!(page.contains("105,0 %") && page.contains("Historial de valores (2)"), "replaced, the first kept");
    let r = attach(&app, &mimp, &r1, "acta.pdf", &pdf()).await;
    assert!(r.location.contains(&format!("sustento_adjunto={r1}")), "{}", r.location);
    let page = follow(&app, &r, &mimp).await;
    assert!(page.contains("acta.pdf") && page.contains("Historial de valores (3)"), "the file attached to the value in force, said in its history");
    assert!(attach(&app, &mimp, &r1, "acta.pdf", &pdf()).await.location.contains("sustento_adjunto="), "the same file twice: kept once");
    let descending = [("indicador", r2.as_str()), ("valor", "30"), ("fuente", "Registro del MIMP"), ("fecha_dato", "2025-04-30")];
    let page = follow(&app, &value(&app, &mimp, &descending).await, &mimp).await;
    assert!(page.contains("83,3 %") && page.contains("Ámbar"), "30 days against an expected 25: 25 ÷ 30");
    assert_eq!(store.followup_values("PNTP", Some(2024)).await.unwrap().len(), 4, "every change kept, nothing twice");

    // Not its indicator; not a document; data from before the year: refused, the text kept.
    let theirs = [("indicador", s20.as_str()), ("valor", "10"), ("fuente", "x"), ("fecha_dato", "2025-01-10")];
    assert_eq!(value(&app, &mimp, &theirs).await.status, StatusCode::FORBIDDEN);
    assert_eq!(attach(&app, &mimp, &s20, "s.pdf", &pdf()).await.status, StatusCode::FORBIDDEN);
    let not_pdf = attach(&app, &mimp, &r2, "informe.pdf", b"<html><script>alert(1)</script>").await;
    assert!(follow(&app, &not_pdf, &mimp).await.contains("PDF, DOCX o XLSX"));
    let stale = [("indicador", r2.as_str()), ("valor", "28"), ("fuente", "Fuente escrita a mano"), ("fecha_dato", "2023-12-31")];
    let back = follow(&app, &value(&app, &mimp, &stale).await, &mimp).await;
    assert!(back.contains("del año del reporte o posterior") && back.contains("Fuente escrita a mano"), "said, and the source typed is kept");

    // The report closes once the analysis of the objective with indicators is written and reviewed.
    let close = format!("{Y2024}/cierre");
    assert!(post_form(&app, &close, "confirmo=si", ORIGIN, Some(&team)).await.location.contains("error=sin_revisar"));
    let analysis = form(&[("objetivo", &objective), ("texto", "## Avance\n\nEl plan de reintegración avanzó por encima de lo esperado."), ("base", "0")]);
    let r = post_form(&app, &format!("{Y2024}/analisis"), &analysis, ORIGIN, Some(&team)).await;
    assert!(r.location.contains("analisis_guardado="), "{}", r.location);
    let stale = form(&[("objetivo", &objective), ("texto", "Otro texto escrito sobre la versión 0."), ("base", "0")]);
    let back = follow(&app, &post_form(&app, &format!("{Y2024}/analisis"), &stale, ORIGIN, Some(&team)).await, &team).await;
    assert!(back.contains("guardó este análisis mientras usted lo editaba") && back.contains("Otro texto escrito sobre la versión 0."));
    assert_eq!(post_form(&app, &format!("{Y2024}/analisis/revision"), &form(&[("objetivo", &objective), ("version", "1")]), ORIGIN, Some(&mimp)).await.status, StatusCode::FORBIDDEN);
    let own = post_form(&app, &format!("{Y2024}/analisis/revision"), &form(&[("objetivo", &objective), ("version", "1")]), ORIGIN, Some(&team)).await;
    assert!(own.location.contains("error=propio"), "who wrote it does not review it: {}", own.location);
    let r = post_form(&app, &format!("{Y2024}/analisis/revision"), &form(&[("objetivo", &objective), ("version", "1")]), ORIGIN, Some(&boss)).await;
    assert!(r.location.contains("revisado="), "{}", r.location);
    assert!(post_form(&app, &close, "", ORIGIN, Some(&team)).await.location.contains("error=sin_confirmar"), "closing is confirmed");
    let r = post_form(&app, &close, "confirmo=si", ORIGIN, Some(&team)).await;
    assert_eq!(r.location, format!("{Y2024}?cerrado=1"));

    // Closed: a value comes back with its text; everyone signed in reads it.
    let late = [("indicador", r2.as_str()), ("valor", "24"), ("fuente", "Fuente tardía"), ("fecha_dato", "2025-05-30")];
    let back = follow(&app, &value(&app, &mimp, &late).await, &mimp).await;
    assert!(back.contains("está cerrado") && back.contains("Fuente tardía"));
    let read = unescape(&get(&app, Y2024, Some(&cusco)).await.body);
    assert!(read.contains("Cerrado por") && read.contains("El plan de reintegración avanzó"));

    // The lights reach the dashboard and the progress report.
    let dashboard = unescape(&get(&app, "/tablero", Some(&boss)).await.body);
    assert!(dashboard.contains("Implementación de las políticas aprobadas") && dashboard.contains("De 2 indicadores con logro esperado para 2024: 1 en verde, 1 en ámbar, 0 en rojo y 0 sin dato."));
    let report = unescape(&get(&app, "/politicas/pntp/informe?desde=2024-01&hasta=2024-12", Some(&cusco)).await.body);
    assert!(report.contains("En el seguimiento de 2024 (reporte cerrado el "), "{report}");
    assert!(report.contains("de 2 indicadores con logro esperado para el año, 1 estaba en verde, 1 en ámbar, 0 en rojo y 0 sin dato. Todos sus indicadores son ejemplos ilustrativos"), "{report}");

    // The downloads.
    let docx = get(&app, &format!("{Y2024}/reporte.docx"), Some(&cusco)).await;
    assert_eq!(docx.status, StatusCode::OK);
    assert!(docx.bytes.starts_with(b"PK") && docx.content_type.contains("wordprocessingml"));
    let xlsx = get(&app, &format!("{Y2024}/reporte.xlsx"), Some(&cusco)).await;
    assert!(xlsx.bytes.starts_with(b"PK") && xlsx.content_type.contains("spreadsheetml"));
    // The supporting file, to who may read the year, as a download.
    let file = store.followup_values("PNTP", Some(2024)).await.unwrap().into_iter().find_map(|v| v.file).expect("a file").0;
    let served = get(&app, &format!("/seguimiento/archivos/{file}"), Some(&cusco)).await;
    assert!(served.bytes.starts_with(b"%PDF-") && served.headers.get("content-disposition").is_some_and(|d| d.to_str().unwrap().starts_with("attachment")));
}

/// The 2023 year stays open and unread by who does not work on it; its supporting files too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_open_year_and_its_files_stay_with_who_works_on_it() {
    let (app, store) = app().await;
    let mimp = sign_in(&app, "mimp@pasos.demo").await;
    let cusco = sign_in(&app, "cusco@pasos.demo").await;
    let r1 = item(&store, "IOP-R1").await;
    let team = sign_in(&app, "mininter@pasos.demo").await;
    post_form(&app, FOLLOWUP, &form(&[("anio", "2024"), ("verde", "90"), ("ambar", "70")]), ORIGIN, Some(&team)).await;
    let fields = [("indicador", r1.as_str()), ("valor", "41"), ("fuente", "MIMP"), ("fecha_dato", "2025-01-31")];
    value(&app, &mimp, &fields).await;
    attach(&app, &mimp, &r1, "sustento.pdf", &pdf()).await;
    let file = store.followup_values("PNTP", Some(2024)).await.unwrap().into_iter().find_map(|v| v.file).expect("a file").0;
    assert_eq!(get(&app, &format!("/seguimiento/archivos/{file}"), Some(&cusco)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(get(&app, &format!("/seguimiento/archivos/{file}"), Some(&mimp)).await.status, StatusCode::OK);
    let list = unescape(&get(&app, FOLLOWUP, Some(&cusco)).await.body);
    assert!(!list.contains("Reporte de seguimiento 2024"), "an open year is not listed to a participant");
    // The entity finds from its home what it has to report, and where.
    let home = unescape(&get(&app, "/", Some(&mimp)).await.body);
    assert!(home.contains("Mis indicadores por reportar") && home.contains(&format!("seguimiento/2024#indicador-{r1}")) && home.contains("valor registrado") && home.contains("por reportar"));
    assert_eq!(get(&app, &format!("{Y2024}/reporte.docx"), Some(&cusco)).await.status, StatusCode::FORBIDDEN);
}
