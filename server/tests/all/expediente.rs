//! The expediente over HTTP: a sending recorded with its oficio and informe técnico and their
//! files, read by CEPLAN and refused to a participant; files told by their content; the same
//! document sent twice kept once; the ZIP of what is listed.

use crate::common::*;

const EXPEDIENTE: &str = "/politicas/pnmpeti/expediente";

async fn upload(app: &axum::Router, session: &str, fields: &[(&str, &str)], files: &[(&str, &[u8])]) -> Reply {
    let (content_type, body) = multipart(fields, "archivos", files);
    post_multipart(app, EXPEDIENTE, session, content_type, body).await
}

fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n").into_bytes()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sending_is_filed_with_its_oficio_and_informe_and_read_only_by_who_may() {
    let (app, store) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let ceplan = sign_in(&app, "ceplan@pasos.demo").await;
    let cusco = sign_in(&app, "cusco@pasos.demo").await;
    // The sending of E1 seeded from the 2023 report is an event the documents belong to.
    let page = get(&app, EXPEDIENTE, Some(&team)).await;
    assert_eq!(page.status, StatusCode::OK);
    let select = &page.body[page.body.find("id=\"doc-evento\"").expect("the event field")..];
    let event = select.split("<option value=\"").nth(2).and_then(|s| s.split('"').next()).expect("an event to choose").to_string();
    let oficio = [
        ("tipo", "oficio"),
        ("numero", "Oficio N° 230-2026-MTPE/2"),
        ("fecha", "2026-11-20"),
        ("remitente", "MTPE – Despacho Viceministerial de Promoción del Empleo"),
        ("destinatario", "CEPLAN – Dirección Nacional de Coordinación y Planeamiento"),
        ("cut", "CUT 123456-2026"),
        ("recepcion", "2026-11-21"),
        ("evento", event.as_str()),
    ];
    let r = upload(&app, &team, &oficio, &[("Oficio 230 firmado.pdf", &pdf("oficio"))]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location.contains("registrado="), "{}", r.location);
    let informe = [("tipo", "informe_tecnico"), ("numero", "Informe Técnico N° 45-2026-MTPE/2/15"), ("fecha", "2026-11-19"), ("evento", event.as_str())];
    let r = upload(&app, &team, &informe, &[("informe.pdf", &pdf("informe")), ("anexo.pdf", &pdf("anexo"))]).await;
    assert!(r.location.contains("registrado="), "{}", r.location);
    // Sent again (the Back button): recorded once.
    let again = upload(&app, &team, &oficio, &[("Oficio 230 firmado.pdf", &pdf("oficio"))]).await;
    assert!(again.location.contains("ya_registrado="), "{}", again.location);
    let docs = store.documents("PNMPETI").await.unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].doc.number, "Informe Técnico N° 45-2026-MTPE/2/15", "in order of date");
    assert_eq!(docs[1].files[0].name, "Oficio 230 firmado.pdf");

    // The documents show with their event on the policy's history, to those who may read them.
    assert!(get(&app, "/politicas/pnmpeti", Some(&team)).await.body.contains(">Oficio 230 firmado.pdf</a>"));
    assert!(!get(&app, "/politicas/pnmpeti", Some(&cusco)).await.body.contains("Oficio 230 firmado.pdf"));
    // CEPLAN reads the file; a participant gets nothing, neither the page nor a file.
    let page = get(&app, EXPEDIENTE, Some(&ceplan)).await;
    assert!(page.body.contains("Oficio N° 230-2026-MTPE/2") && page.body.contains("CUT 123456-2026") && page.body.contains("21/11/2026"));
    let file = format!("/expediente/archivos/{}", docs[1].files[0].id);
    let got = get(&app, &file, Some(&ceplan)).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.content_type, "application/pdf");
    assert!(got.headers[header::CONTENT_DISPOSITION].to_str().unwrap().starts_with("attachment;"), "never shown inline");
    assert!(got.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().contains("sandbox"));
    assert_eq!(got.bytes, pdf("oficio"));
    assert_eq!(get(&app, &file, Some(&cusco)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(get(&app, EXPEDIENTE, Some(&cusco)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(upload(&app, &cusco, &oficio, &[("x.pdf", &pdf("x"))]).await.status, StatusCode::FORBIDDEN);
    assert_eq!(get(&app, &file, None).await.status, StatusCode::SEE_OTHER, "signed out: to the sign-in page");

    // The ZIP of what is listed: the informe técnico's two files when filtered to that kind.
    let zip = get(&app, &format!("{}.zip?tipo=informe_tecnico&entregable=", EXPEDIENTE), Some(&team)).await;
    assert_eq!(zip.status, StatusCode::OK);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip.bytes)).unwrap();
    let names: Vec<String> = (0..archive.len()).map(|i| archive.by_index(i).unwrap().name().to_string()).collect();
    assert_eq!(names, ["2026-11-19 Informe Técnico N° 45-2026-MTPE_2_15 - informe.pdf", "2026-11-19 Informe Técnico N° 45-2026-MTPE_2_15 - anexo.pdf"]);
}

/// An executable, an HTML page renamed .pdf and a file over the limit are refused with a Spanish
/// sentence, and what was typed comes back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_that_are_not_documents_are_refused() {
    let (app, store) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let fields = [("tipo", "acta"), ("numero", "Acta N° 3-2026-CMPNMPETI"), ("fecha", "2026-11-25")];
    let html = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>".to_vec();
    let exe = [b"MZ\x90\x00\x03\x00\x00\x00".as_slice(), &[0u8; 64]].concat();
    let big = [pdf("grande"), vec![b' '; 10 * 1024 * 1024]].concat();
    for (name, bytes, error, sentence) in [
        ("acta.pdf", html, "archivo_tipo", "Solo se aceptan archivos PDF, DOCX o XLSX"),
        ("acta.exe", exe, "archivo_tipo", "reconocidos por su contenido"),
        ("acta-grande.pdf", big, "archivo_grande", "hasta 10 MB"),
    ] {
        let r = upload(&app, &team, &fields, &[(name, &bytes)]).await;
        assert!(r.location.contains(&format!("error={error}")), "{name}: {}", r.location);
        let back = get(&app, &r.location, Some(&team)).await;
        assert!(back.body.contains(sentence), "{name}");
        assert!(back.body.contains("value=\"Acta N° 3-2026-CMPNMPETI\""), "{name}: what was typed comes back");
    }
    let r = upload(&app, &team, &fields, &[]).await;
    assert!(r.location.contains("error=sin_archivo"), "{}", r.location);
    assert!(store.documents("PNMPETI").await.unwrap().is_empty(), "nothing stored");
}

/// Numbers that differ only in their signs are different documents; a selection of files too
/// large for one ZIP goes back to the page, which says to filter it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn numbers_keep_their_signs_and_a_zip_has_a_ceiling() {
    let (app, store) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let big = [pdf("grande"), vec![b' '; 9 * 1024 * 1024]].concat();
    for number in ["Informe N° 12-2026-MTPE/2/16", "Informe N° 12-2026-MTPE/21/6", "Informe N° 1-22026-MTPE/2/16", "Informe N° 13-2026-MTPE/2/16"] {
        let fields = [("tipo", "informe_tecnico"), ("numero", number), ("fecha", "2026-11-19")];
        let r = upload(&app, &team, &fields, &[("a.pdf", &big), ("b.pdf", &big)]).await;
        assert!(r.location.contains("registrado="), "{number}: {}", r.location);
    }
    assert_eq!(store.documents("PNMPETI").await.unwrap().len(), 4);
    let r = get(&app, &format!("{EXPEDIENTE}.zip?tipo=informe_tecnico&entregable="), Some(&team)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "72 MB of files is more than one ZIP carries");
    assert!(r.location.contains("zip_grande=1"), "{}", r.location);
    assert!(get(&app, &r.location, Some(&team)).await.body.contains("pesan más de 60 MB juntos"));
}
