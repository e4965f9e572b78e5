//! Word in, Word out, over HTTP: text pasted from Word (a Tab-indented paragraph, single line
//! breaks, "•" bullets, three footnotes — one named —, a 6-column table, a table with merged
//! cells, separate bullet lists) reads as it looked on the step page, the deliverable's document
//! and the consultation, where a table row and a list item can each be commented on; a Word
//! document is previewed, then saved as ordinary revisions, and comes back from the DOCX export as
//! it went in.
use crate::common::*;

const EDIT: &str = "/politicas/pnmpeti/pasos/3/editar";
const IMPORT: &str = "/politicas/pnmpeti/entregables/2/importar";

/// The pasted corpus (`app/tests/fixtures/pegado.txt`) with a table of `rows` rows.
fn pasted(rows: usize) -> String {
    let rows: Vec<String> = (1..=rows)
        .map(|i| format!("| S1.{i} | Capacitación especializada a inspectores del trabajo | Inspectores | SUNAFIL | Oportunidad | Porcentaje de inspectores capacitados ({i}) |"))
        .collect();
    include_str!("../../../app/tests/fixtures/pegado.txt").replace("@FILAS@", &rows.join("\n"))
}

/// What every reading of the corpus must show: no code block, the paragraphs apart, two bullet
/// lists and two numbered lists, three numbered calls leading to three notes, the 6-column table
/// and the merged cells.
fn reads_as_it_looked(html: &str, at: &str) {
    // What is shown, not the Markdown an editor's textarea holds.
    let shown: String = html.split("<textarea").enumerate().map(|(i, part)| if i == 0 { part } else { part.split_once("</textarea>").map_or("", |(_, rest)| rest) }).collect();
    let html = shown.as_str();
    assert!(!html.contains("<pre") && !html.contains("<code"), "{at}: a Tab-indented paragraph is not code");
    assert!(html.contains("<p>Que, mediante Decreto Supremo N° 013-2021-TR se aprobó la Política Nacional de Empleo Decente.</p>"), "{at}: the first considerando is its own paragraph");
    assert!(html.contains("<p>Que, corresponde aprobar la política nacional multisectorial.</p>"), "{at}: single line breaks part paragraphs");
    let bullets = html.matches("<ul").count();
    assert!(bullets >= 2, "{at}: the objectives and the targets are two bullet lists ({bullets})");
    let item = html.find("Reducir la informalidad laboral de la población ocupada.").map(|i| &html[i.saturating_sub(40)..i + 70]).unwrap_or_default();
    assert!(item.contains("<li") && item.contains("</li>"), "{at}: • is a list item: {item}");
    assert!(html.matches("<ol").count() >= 2, "{at}: two numbered lists");
    for n in 1..=3 {
        assert!(html.contains(&format!("nota-{n}\"")) && html.contains(&format!(">{n}</a></sup>")), "{at}: call and note {n}");
    }
    assert!(!html.contains("[^") && !html.contains("[ds]"), "{at}: no footnote label is shown");
    assert!(html.contains("<th>Estándar de cumplimiento</th>") && html.contains("<th>Indicador</th>"), "{at}: the 6-column table");
    assert!(html.contains("<th colspan=\"2\">Meta al 2030</th>") && html.contains("<td rowspan=\"2\">OP1. Reducir la informalidad laboral</td>"), "{at}: the merged cells");
    assert!(!html.contains("&lt;table") && !html.contains("&lt;td"), "{at}: the merged table is not shown as code");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pasted_text_reads_as_it_looked_everywhere_and_rows_and_items_take_comments() {
    let (app, _) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let cusco = sign_in(&app, "cusco@pasos.demo").await;
    let t = Some(team.as_str());

    let r = post_form(&app, EDIT, &form(&[("base", "0"), ("texto", &pasted(3)), ("accion", "guardar")]), ORIGIN, t).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location.starts_with("/politicas/pnmpeti/pasos/3?guardado=1&ajustes="), "{}", r.location);
    let step = get(&app, &r.location, t).await;
    for said in ["1 párrafo con sangría (Tab) ya no se muestra como código", "viñetas «•» son ahora elementos de lista", "saltos de línea separan ahora párrafos"] {
        assert!(step.body.contains(said), "the step says what was changed: {said}");
    }
    reads_as_it_looked(&step.body, "step page");
    let document = get(&app, "/politicas/pnmpeti/entregables/2/documento", t).await.body;
    reads_as_it_looked(&document, "document page");
    assert!(document.contains("<div class=\"tabla-ancha\"><div class=\"tabla-scroll\" tabindex=\"0\"><table>"), "the 6-column table prints on a landscape page, and scrolls on a phone");

    // The consultation: every row and item is a place to comment, and a note is anchored to itself.
    post_form(&app, "/politicas/pnmpeti/entregables/2/versiones", "nota=Para+consulta", ORIGIN, t).await;
    let (opens, closes) = (lima(-chrono::Duration::hours(1)), lima(chrono::Duration::days(14)));
    let fields = [("tipo", "consulta_regional"), ("titulo", "Consulta E2"), ("version_ronda", "1"), ("pasos", "3"), ("abre", &opens), ("cierra", &closes), ("regiones", "08")];
    let round = post_form(&app, "/politicas/pnmpeti/entregables/2/rondas", &form(&fields), ORIGIN, t).await.location;
    let page = get(&app, &round, Some(&cusco)).await;
    reads_as_it_looked(&page.body, "consultation");
    let table = page.body.find("<th>Estándar de cumplimiento</th>").expect("the table");
    let block = page.body[..table].rfind("<div id=\"").map(|i| &page.body[i + 9..]).unwrap();
    let anchor = &block[..block.find('"').unwrap()];
    assert!(block.starts_with(&format!("{anchor}\" class=\"block\"")), "{}", &block[..80]);
    assert!(page.body.contains(&format!("<tr id=\"{anchor}-f2\">")), "row 2 has its anchor ({anchor})");
    assert!(page.body.contains("Comentar una fila de la tabla") && page.body.contains(&format!("parrafo={anchor}-f2#comentar")), "and its link");
    assert!(page.body.contains("Comentar un elemento de la lista"), "list items too");
    assert!(page.body.contains("Decreto Supremo N° 009-2021-IN.</p>"), "the named note is shown");

    let r = post_form(&app, &format!("{round}/aportes"), &form(&[("paso", "3"), ("parrafo", &format!("{anchor}-f2")), ("texto", "Precisar el estándar de la fila 2.")]), ORIGIN, Some(&cusco)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = get(&app, &r.location, Some(&cusco)).await;
    assert!(page.body.contains("Porcentaje de inspectores capacitados (2)"), "the contribution quotes row 2");
    assert!(!page.body.contains("Porcentaje de inspectores capacitados (1)</blockquote>"), "not row 1");
    assert!(page.body.contains(&format!("href=\"#{anchor}-f2\"")) && page.body.contains("fila 2"), "and links to it");
    let r = post_form(&app, &format!("{round}/aportes"), &form(&[("paso", "3"), ("parrafo", &format!("{anchor}-f99")), ("texto", "x")]), ORIGIN, Some(&cusco)).await;
    assert!(r.location.contains("error="), "a row that does not exist is refused: {}", r.location);
}

/// A text as a reader meets it, block by block: each block's words and its rows or items.
fn blocks(md: &str) -> Vec<(String, pasos_app::markdown::Parts)> {
    pasos_app::markdown::render_blocks(md, 1, "").into_iter().map(|b| (b.text, b.parts)).collect()
}

/// A multipart body with one file field and plain fields, and its content type.
fn multipart(file: (&str, &str, &[u8]), fields: &[(&str, &str)]) -> (String, Vec<u8>) {
    let boundary = "pasos-limite-7d1f";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes());
    }
    let (name, filename, bytes) = file;
    body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\r\n\r\n").as_bytes());
    body.extend(bytes);
    body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(app: &axum::Router, session: &str, docx: &[u8], target: &str) -> Reply {
    let (content_type, body) = multipart(("archivo", "Entregable 2.docx", docx), &[("destino", target)]);
    post_multipart(app, IMPORT, session, content_type, body).await
}


/// The fields of the form at `action` on a page, as a browser would send them (hidden inputs,
/// ticked boxes, textareas).
fn form_fields(html: &str, action: &str) -> Vec<(String, String)> {
    let start = html.find(&format!("action=\"{action}\"")).expect("the form");
    let body = &html[start..start + html[start..].find("</form>").unwrap()];
    let attr = |tag: &str, name: &str| tag.split(&format!(" {name}=\"")).nth(1).and_then(|v| v.split('"').next()).map(unescape);
    let mut fields = Vec::new();
    for piece in body.split('<').skip(1) {
        let tag = &piece[..piece.find('>').unwrap_or(piece.len())];
        if tag.starts_with("input") {
            let kind = attr(tag, "type").unwrap_or_default();
            if kind == "checkbox" && !tag.contains(" checked") {
                continue;
            }
            if let (Some(name), Some(value)) = (attr(tag, "name"), attr(tag, "value")) {
                fields.push((name, value));
            }
        } else if tag.starts_with("textarea") {
            fields.push((attr(tag, "name").unwrap(), unescape(&piece[piece.find('>').unwrap() + 1..])));
        }
    }
    fields
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_word_document_is_previewed_then_saved_as_revisions_and_comes_back_as_it_went() {
    let (app, _) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let t = Some(team.as_str());
    // The team's document, written with the same library as the export.
    let body = pasos_app::domain::pasted::normalize(&pasted(4)).text;
    let docx = pasos_app::drafting::export::build(&pasos_app::drafting::export::Document {
        policy_code: "PNMPETI",
        policy_name: "Política Nacional Multisectorial para la Prevención y Erradicación del Trabajo Infantil",
        deliverable: 2,
        deliverable_steps: vec![3, 4],
        version_line: "Borrador del equipo".into(),
        year: 2023,
        note: None,
        steps: vec![(3, "Situación futura deseada", &body), (4, "Alternativas de solución", "Las alternativas se evalúan con los **criterios** del CEPLAN.")],
        annexes: &[],
    })
    .unwrap();

    let r = upload(&app, &team, &docx, "entregable").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(r.location.starts_with(&format!("{IMPORT}?retenido=")) && r.location.ends_with("#vista-previa"), "{}", r.location);
    assert!(!get(&app, "/politicas/pnmpeti/pasos/3", t).await.body.contains("Capacitación especializada"), "nothing is saved by the preview");
    let preview = get(&app, &r.location, t).await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(preview.body.contains("Vista previa de «Entregable 2.docx»"), "{}", preview.body);
    assert!(preview.body.contains("El texto anterior al primer título «Paso N»"), "the cover and contents are said not kept");
    reads_as_it_looked(&preview.body, "import preview");
    assert!(preview.body.contains("Las alternativas se evalúan con los <strong>criterios</strong> del CEPLAN."));

    // Someone saves step 4 meanwhile: the import is refused, nothing saved, the preview kept.
    let save_action = "/politicas/pnmpeti/entregables/2/importar/guardar";
    let fields = form_fields(&preview.body, save_action);
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert!(pairs.contains(&("pasos", "3")) && pairs.contains(&("pasos", "4")) && pairs.iter().any(|(k, _)| *k == "texto_3"), "{pairs:?}");
    post_form(&app, "/politicas/pnmpeti/pasos/4/editar", &form(&[("base", "0"), ("texto", "Otra mano."), ("accion", "guardar")]), ORIGIN, t).await;
    let r = post_form(&app, save_action, &form(&pairs), ORIGIN, t).await;
    assert!(r.location.contains("error=conflicto") && r.location.contains("retenido="), "{}", r.location);
    let back = get(&app, &r.location, t).await;
    assert!(back.body.contains("Alguien guardó uno de estos pasos") && back.body.contains("revisión 0 → 1"), "the refusal says which step changed");
    assert!(!get(&app, "/politicas/pnmpeti/pasos/3", t).await.body.contains("Capacitación especializada"), "nothing was saved");

    // Only step 3 this time.
    let fields = form_fields(&back.body, save_action);
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).filter(|(k, v)| !(*k == "pasos" && *v == "4")).collect();
    let r = post_form(&app, save_action, &form(&pairs), ORIGIN, t).await;
    assert_eq!(r.location, "/politicas/pnmpeti/entregables/2?importados=3", "{}", r.location);
    assert!(get(&app, &r.location, t).await.body.contains("Se guardaron como nuevas revisiones los pasos importados: 3."));
    let step = get(&app, "/politicas/pnmpeti/pasos/3", t).await;
    reads_as_it_looked(&step.body, "imported step");
    assert!(get(&app, "/politicas/pnmpeti/pasos/3/historial", t).await.body.contains("Importado de «Entregable 2.docx»"));

    // Round trip: what was imported reads, block by block, as what was exported.
    let text = textarea(&get(&app, EDIT, t).await.body, "texto");
    assert_eq!(blocks(&text), blocks(&body), "exported then imported, the text reads the same");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_is_not_a_word_document_is_refused_at_the_form() {
    let (app, _) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let cusco = sign_in(&app, "cusco@pasos.demo").await;
    let r = upload(&app, &team, b"%PDF-1.7 not a docx", "entregable").await;
    assert_eq!(r.location, format!("{IMPORT}?error=ilegible&destino=entregable#importar-mensaje"));
    assert!(get(&app, &r.location, Some(&team)).await.body.contains("no se pudo leer como documento de Word"));
    let r = upload(&app, &team, b"PK\x03\x04", "3").await;
    assert_eq!(r.location, format!("{IMPORT}?error=ilegible&destino=3#importar-mensaje"), "the step chosen comes back with the refusal");
    assert!(get(&app, &r.location, Some(&team)).await.body.contains("value=\"3\" checked"), "and is still chosen");
    assert_eq!(upload(&app, &team, b"PK\x03\x04", "7").await.status, StatusCode::BAD_REQUEST, "a step of another deliverable is no choice of this form");
    // A body cut off after a forged destination: refused, and the forgery never reaches the address.
    let (content_type, mut body) = multipart(("archivo", "a.docx", b"PK\x03\x04 sigue"), &[("destino", "x\r\nSet-Cookie: a=b")]);
    body.truncate(body.len() - 20);
    let r = post_multipart(&app, IMPORT, &team, content_type, body).await;
    let refused = r.status == StatusCode::BAD_REQUEST || r.location == format!("{IMPORT}?error=ilegible&destino=entregable#importar-mensaje");
    assert!(refused && r.cookie.is_none(), "{} {:?}", r.status, r.location);
    let r = upload(&app, &cusco, b"PK\x03\x04", "entregable").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "a region does not import into the team's text");
    assert_eq!(get(&app, IMPORT, Some(&cusco)).await.status, StatusCode::FORBIDDEN);
}

/// The editor's page carries a long step's text once: in its text area (no copy in the island's
/// props, no preview until one is asked for).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_editor_carries_the_text_once() {
    let (app, _) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let t = Some(team.as_str());
    let paragraph = "La inspección del trabajo verifica el cumplimiento de la normativa sobre trabajo infantil en las regiones. ";
    let text: String = (0..8_000).map(|i| format!("{i}. {paragraph}\n\n")).collect();
    assert!(text.len() > 900_000, "{}", text.len());
    let r = post_form(&app, EDIT, &form(&[("base", "0"), ("texto", &text), ("accion", "guardar")]), ORIGIN, t).await;
    assert!(r.location.contains("guardado=1"), "{}", r.location);
    let editor = get(&app, EDIT, t).await;
    let copies = editor.body.matches("7999. La inspección del trabajo").count();
    println!("editor page: {} bytes for a text of {} bytes ({copies} copy)", editor.body.len(), text.len());
    assert_eq!(copies, 1, "the text once");
    assert!(editor.body.len() < text.len() + 200_000, "{} bytes for {}", editor.body.len(), text.len());
}

/// The round trip on the demo's real texts (PNMPETF's Paso 1, PNTP's Paso 5 from the decree):
/// exported to DOCX, imported back, each reads block by block as it was written.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_texts_come_back_from_word_as_they_went() {
    let (_, store) = app().await;
    for (code, step) in [("PNMPETF", 1u8), ("PNTP", 5)] {
        let text = store.step_text(code, step).await.unwrap().expect("a seeded text").body;
        assert!(!text.trim().is_empty(), "{code} {step}");
        let docx = pasos_app::drafting::export::build(&pasos_app::drafting::export::Document {
            policy_code: code,
            policy_name: code,
            deliverable: pasos_app::domain::step(step).unwrap().deliverable,
            deliverable_steps: vec![step],
            version_line: String::new(),
            year: 2023,
            note: None,
            steps: vec![(step, pasos_app::domain::step(step).unwrap().title, &text)],
            annexes: &[],
        })
        .unwrap();
        let imported = pasos_app::drafting::word::read_docx(&docx).await.expect("pandoc reads the export");
        let (_, back) = imported.steps.iter().find(|(s, _)| *s == step).expect("the step's part");
        assert_eq!(blocks(back), blocks(&text), "{code} Paso {step}");
    }
}
