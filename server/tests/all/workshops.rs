//! Workshops over HTTP: the team records one on a round, imports its attendance sheet (XLSX) —
//! twice, listed once; a sheet with a wrong line refused whole, the line said — adds a person by
//! hand, writes the acta (a stale form refused with its text kept), records two contributions
//! received there and answers one in the round; the counts reach the progress report; the names
//! are read by the team and managers only.

use crate::common::*;

/// An XLSX attendance sheet with these rows (the first its header).
fn sheet(rows: &[&[&str]]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

async fn import(app: &axum::Router, session: &str, workshop: &str, name: &str, bytes: &[u8]) -> Reply {
    let boundary = "pasos-asistencia-7b1f";
    let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"hoja\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").into_bytes();
    body.extend(bytes);
    body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
    post_multipart(app, &format!("/talleres/{workshop}/asistentes/importar"), session, format!("multipart/form-data; boundary={boundary}"), body).await
}

/// The page a refusal goes back to, as its author sees it.
async fn follow(app: &axum::Router, r: &Reply, session: &str) -> String {
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    get(app, &r.location, Some(session)).await.body
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_workshop_is_recorded_with_its_attendance_its_acta_and_its_contributions() {
    let (app, store) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let ceplan = sign_in(&app, "ceplan@pasos.demo").await;
    let directivo = sign_in(&app, "directivo@pasos.demo").await;
    let cusco = sign_in(&app, "cusco@pasos.demo").await;
    let round = store.rounds(Some("PNMPETI"), Some(2)).await.unwrap()[0].clone();

    // The call: refused without a title (the text kept), then recorded.
    let call = [
        ("titulo", "Taller macrorregional sur"),
        ("inicio", "2023-10-12"),
        ("fin", "2023-10-13"),
        ("modalidad", "virtual"),
        ("lugar", "https://reuniones.example/taller-sur"),
        ("proposito", "Validar la situación futura deseada."),
        ("ronda", round.id.as_str()),
        ("pasos", "3"),
        ("regiones", "08"),
        ("regiones", "16"),
        ("convocados", "las D/GRTPE y los CDRPETI"),
    ];
    let untitled: Vec<(&str, &str)> = call.iter().map(|(k, v)| (*k, if *k == "titulo" { " " } else { *v })).collect();
    let r = post_form(&app, "/politicas/pnmpeti/talleres", &form(&untitled), ORIGIN, Some(&team)).await;
    let page = follow(&app, &r, &team).await;
    assert!(page.contains("Indique el título del taller.") && page.contains("las D/GRTPE y los CDRPETI"), "refused beside the form, with what was typed");
    let r = post_form(&app, "/politicas/pnmpeti/talleres", &form(&call), ORIGIN, Some(&team)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let id = r.location.trim_start_matches("/talleres/").split('?').next().unwrap().to_string();
    let w = store.workshop(&id).await.unwrap().expect("recorded");
    assert_eq!((w.workshop.steps.clone(), w.workshop.round.as_deref(), w.workshop.purpose.as_deref()), (vec![3], Some(round.id.as_str()), Some("validar la situación futura deseada")));
    // A participant does not see workshops; CEPLAN does.
    assert_eq!(get(&app, &format!("/talleres/{id}"), Some(&cusco)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(get(&app, "/politicas/pnmpeti/talleres", Some(&cusco)).await.status, StatusCode::FORBIDDEN);
    assert!(get(&app, "/politicas/pnmpeti/talleres", Some(&ceplan)).await.body.contains("Taller macrorregional sur"));

    // The attendance sheet, by its headers in its own order; imported twice, listed once.
    let rows: &[&[&str]] = &[
        &["N°", "Apellidos y nombres", "Cargo", "Entidad", "Tipo de entidad", "Región", "Sexo"],
        &["1", "Rosa Quispe Huamán", "Especialista", "DRTPE Cusco", "Gobierno regional", "Cusco", "F"],
        &["2", "Juan Mamani", "Secretario técnico", "CDRPETI Loreto", "GORE", "loreto", "M"],
        &["3", "Ana Torres", "Coordinadora", "ONG Niñez", "Sociedad civil", "", "Femenino"],
    ];
    let r = import(&app, &team, &id, "asistencia.xlsx", &sheet(rows)).await;
    assert!(r.location.contains("agregados=3&ya_listados=0"), "{}", r.location);
    let r = import(&app, &team, &id, "asistencia.xlsx", &sheet(rows)).await;
    assert!(r.location.contains("agregados=0&ya_listados=3"), "{}", r.location);
    // A sheet with wrong lines: none taken, each said with its row.
    let bad: &[&[&str]] = &[&["Nombre", "Región", "Sexo"], &["Luis Pérez", "Cusco", "X"], &["Eva Ríos", "Marte", ""]];
    let r = import(&app, &team, &id, "mala.xlsx", &sheet(bad)).await;
    let page = follow(&app, &r, &team).await;
    assert!(page.contains("No se importó ninguna fila"), "the sheet refused whole");
    assert!(page.contains("Fila 2: El sexo no se reconoce") && page.contains("Se leyó: «X»") && page.contains("Fila 3: La región no se reconoce"));
    assert!(!page.contains("Luis Pérez"), "nothing taken");
    // Past the first lines said one by one, how many more; a column titled twice, named.
    let wrong: Vec<Vec<String>> = std::iter::once(vec!["Nombre".to_string(), "Sexo".into()]).chain((0..25).map(|i| vec![format!("Persona {i}"), "X".into()])).collect();
    let wrong: Vec<Vec<&str>> = wrong.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let wrong: Vec<&[&str]> = wrong.iter().map(Vec::as_slice).collect();
    let page = follow(&app, &import(&app, &team, &id, "mala.xlsx", &sheet(&wrong)).await, &team).await;
    assert!(page.contains("Fila 21: El sexo") && !page.contains("Fila 22:") && page.contains("Y 5 filas más con errores."), "20 lines said, then how many more");
    let twice: &[&[&str]] = &[&["Nombre", "Región", "Region"], &["Luis Pérez", "Cusco", "Loreto"]];
    let page = follow(&app, &import(&app, &team, &id, "doble.xlsx", &sheet(twice)).await, &team).await;
    assert!(page.contains("Las columnas «Región» y «Region» de la hoja dicen lo mismo"), "both columns named");
    // A PDF is not a sheet.
    let r = import(&app, &team, &id, "lista.pdf", b"%PDF-1.4 lista").await;
    assert!(follow(&app, &r, &team).await.contains("debe ser un archivo CSV o XLSX"));
    // One more by hand.
    let r = post_form(&app, &format!("/talleres/{id}/asistentes"), &form(&[("nombre", "Luis Pérez"), ("region", "08"), ("sexo", "masculino")]), ORIGIN, Some(&team)).await;
    assert!(r.location.contains("agregados=1"), "{}", r.location);
    assert_eq!(store.attendees(&id).await.unwrap().len(), 4);

    // Two contributions received in the workshop, recorded into its round; one answered there.
    for text in ["Incluir a las rondas campesinas entre los actores.", "Precisar la meta al 2030 para la región."] {
        let r = post_form(&app, &format!("/talleres/{id}/aportes"), &form(&[("paso", "3"), ("organizacion", "GORE Cusco"), ("region_aporte", "08"), ("texto", text)]), ORIGIN, Some(&team)).await;
        assert!(r.location.contains("aporte_registrado="), "{}", r.location);
    }
    let received: Vec<_> = store.contributions(&round.id).await.unwrap().iter().filter(|c| c.workshop.as_deref() == Some(id.as_str())).cloned().collect();
    assert_eq!(received.len(), 2);
    assert!(received.iter().all(|c| c.channel == pasos_app::domain::rounds::Channel::Taller && c.received_on.map(|d| d.date_naive().to_string()) == Some("2023-10-12".into())));
    let answer = format!("/rondas/{}/aportes/{}/respuesta", round.id, received[0].id);
    let r = post_form(&app, &answer, &form(&[("estado", "no_acogido"), ("justificacion", "Los actores se definen en el paso 4.")]), ORIGIN, Some(&team)).await;
    assert!(r.location.contains("respondido="), "{}", r.location);

    // The call corrected over the version it was opened on; a stale form keeps what was typed;
    // the round and the first day stay once contributions are recorded with them.
    let page = get(&app, &format!("/talleres/{id}"), Some(&team)).await.body;
    assert!(page.contains("Corregir la convocatoria") && page.contains("value=\"Taller macrorregional sur\""), "the form filled with the call");
    let corrected: Vec<(&str, &str)> = call.iter().map(|(k, v)| (*k, if *k == "titulo" { "Taller macrorregional sur (Cusco y Loreto)" } else { *v })).chain([("base", "0")]).collect();
    let r = post_form(&app, &format!("/talleres/{id}/convocatoria"), &form(&corrected), ORIGIN, Some(&team)).await;
    assert!(r.location.contains("convocatoria_corregida=1"), "{}", r.location);
    assert_eq!(store.workshop(&id).await.unwrap().unwrap().workshop.title, "Taller macrorregional sur (Cusco y Loreto)");
    let stale: Vec<(&str, &str)> = corrected.iter().map(|(k, v)| (*k, if *k == "lugar" { "Auditorio del GORE Cusco" } else { *v })).collect();
    let page = follow(&app, &post_form(&app, &format!("/talleres/{id}/convocatoria"), &form(&stale), ORIGIN, Some(&team)).await, &team).await;
    assert!(page.contains("La convocatoria se corrigió (en otra pestaña o por otra persona)") && page.contains("Auditorio del GORE Cusco"), "refused with what was typed");
    assert!(page.contains("name=\"base\" value=\"1\""), "offered again over the call as it stands");
    let no_round: Vec<(&str, &str)> = corrected.iter().map(|(k, v)| match *k { "ronda" => (*k, ""), "base" => (*k, "1"), _ => (*k, *v) }).collect();
    let page = follow(&app, &post_form(&app, &format!("/talleres/{id}/convocatoria"), &form(&no_round), ORIGIN, Some(&team)).await, &team).await;
    assert!(page.contains("La ronda y el primer día del taller no pueden cambiar"), "the round stays");
    let moved: Vec<(&str, &str)> = corrected.iter().map(|(k, v)| match *k { "inicio" => (*k, "2023-10-11"), "base" => (*k, "1"), _ => (*k, *v) }).collect();
    let page = follow(&app, &post_form(&app, &format!("/talleres/{id}/convocatoria"), &form(&moved), ORIGIN, Some(&team)).await, &team).await;
    assert!(page.contains("La ronda y el primer día del taller no pueden cambiar"), "so does the day its contributions are dated");
    assert_eq!(store.workshop(&id).await.unwrap().unwrap().workshop.round.as_deref(), Some(round.id.as_str()));
    assert_eq!(post_form(&app, &format!("/talleres/{id}/convocatoria"), &form(&corrected), ORIGIN, Some(&ceplan)).await.status, StatusCode::FORBIDDEN);

    // The acta: saved over the version it was opened on; a stale form keeps its text.
    let r = post_form(&app, &format!("/talleres/{id}/acta"), &form(&[("base", "0"), ("acta", "## Acuerdos\n\n1. Enviar aportes por escrito.")]), ORIGIN, Some(&team)).await;
    assert!(r.location.contains("acta_guardada=1"), "{}", r.location);
    let r = post_form(&app, &format!("/talleres/{id}/acta"), &form(&[("base", "0"), ("acta", "Mi versión del acta")]), ORIGIN, Some(&team)).await;
    let page = follow(&app, &r, &team).await;
    assert!(page.contains("Otra persona guardó el acta") && page.contains("Mi versión del acta"));
    assert_eq!(store.workshop(&id).await.unwrap().unwrap().minutes, "## Acuerdos\n\n1. Enviar aportes por escrito.");

    // The page: counts for every reader, names for the team and managers only.
    let team_page = get(&app, &format!("/talleres/{id}"), Some(&team)).await.body;
    assert!(team_page.contains("4 participantes (3 de ellos de 2 regiones)"), "counts");
    assert!(team_page.contains("Rosa Quispe Huamán") && team_page.contains("Enviar aportes por escrito."));
    assert!(team_page.contains("Incluir a las rondas campesinas") && team_page.contains("No acogido"));
    assert!(team_page.contains("<svg") && team_page.contains("Participantes por región: Cusco: 2; Loreto: 1; No registrada: 1."), "a picture with its text");
    assert!(get(&app, &format!("/talleres/{id}"), Some(&directivo)).await.body.contains("Rosa Quispe Huamán"));
    let ceplan_page = get(&app, &format!("/talleres/{id}"), Some(&ceplan)).await.body;
    assert!(ceplan_page.contains("4 participantes") && !ceplan_page.contains("Rosa Quispe") && !ceplan_page.contains("Lista de asistencia"));
    // CEPLAN does not read this round: its contributions are neither shown nor said to be none.
    assert!(!ceplan_page.contains("Incluir a las rondas campesinas") && !ceplan_page.contains("Aportes recibidos en el taller"), "{ceplan_page}");

    // The progress report tells the workshop with its participants and regions.
    let report = get(&app, "/politicas/pnmpeti/informe.md?desde=2023-10&hasta=2023-12", Some(&ceplan)).await.body;
    assert!(
        report.contains("Del 12 al 13 de octubre de 2023 se realizó el «Taller macrorregional sur (Cusco y Loreto)», de modalidad virtual, dirigido a las D/GRTPE y los CDRPETI (2 regiones convocadas), con el fin de validar la situación futura deseada, con 4 participantes (3 de ellos de 2 regiones); se registraron 2 aportes recibidos en él."),
        "{report}"
    );

    // A call recorded ahead is on the list, not in the report until it has taken place.
    let tomorrow = pasos_app::domain::time::today() + chrono::Days::new(1);
    let ahead = [("titulo", "Taller que aún no se realiza"), ("inicio", &tomorrow.to_string()), ("modalidad", "presencial")];
    let r = post_form(&app, "/politicas/pnmpeti/talleres", &form(&ahead), ORIGIN, Some(&team)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(get(&app, "/politicas/pnmpeti/talleres", Some(&team)).await.body.contains("Taller que aún no se realiza"));
    let month = tomorrow.format("%Y-%m").to_string();
    let report = get(&app, &format!("/politicas/pnmpeti/informe.md?desde={month}&hasta={month}"), Some(&ceplan)).await.body;
    assert!(!report.contains("Taller que aún no se realiza"), "{report}");

    // A person taken off the list; twice is not found.
    let rosa = store.attendees(&id).await.unwrap().into_iter().find(|a| a.attendee.name.starts_with("Rosa")).unwrap();
    let remove = format!("/talleres/{id}/asistentes/{}/quitar", rosa.id);
    assert!(post_form(&app, &remove, "", ORIGIN, Some(&team)).await.location.contains("quitado=1"));
    assert_eq!(post_form(&app, &remove, "", ORIGIN, Some(&team)).await.status, StatusCode::NOT_FOUND);
    // Nobody but the team writes: not CEPLAN, not a directivo.
    for other in [&ceplan, &directivo] {
        assert_eq!(post_form(&app, &format!("/talleres/{id}/asistentes"), &form(&[("nombre", "X")]), ORIGIN, Some(other)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(import(&app, other, &id, "asistencia.xlsx", &sheet(rows)).await.status, StatusCode::FORBIDDEN);
    }
    // The acta's signed file goes to the expediente, under the workshop.
    let expediente = get(&app, &format!("/politicas/pnmpeti/expediente?evento={id}"), Some(&team)).await.body;
    assert!(expediente.contains(&format!("<option value=\"{id}\" selected")), "the workshop chosen for its document");
}
