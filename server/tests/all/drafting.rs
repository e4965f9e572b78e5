//! Drafting over HTTP: saving, previews, refused saves, conflicts, frozen versions, documents,
//! and what a hostile text can (not) do to the next reader.


use crate::common::*;


const EDIT: &str = "/politicas/pnmpetf/pasos/1/editar";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_save_becomes_a_revision_with_history_and_diff() {
    let (app, _) = app().await;
    let token = sign_in(&app, "equipo@pasos.demo").await;
    let s = Some(token.as_str());
    let editor = get(&app, EDIT, s).await;
    assert_eq!(editor.status, StatusCode::OK);
    assert!(editor.body.contains("name=\"base\" value=\"1\""), "the seeded text is revision 1");
    let original = textarea(&editor.body, "texto");
    assert!(original.contains("Marco normativo"));

    // Preview first: nothing is saved, the text comes back rendered.
    let text = format!("{original}\n\nNueva sección sobre **trabajo forzoso**.");
    let r = post_form(&app, EDIT, &form(&[("base", "1"), ("texto", &text), ("accion", "vista_previa")]), ORIGIN, s).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location.starts_with("/politicas/pnmpetf/pasos/1/editar?borrador="), "{}", r.location);
    let preview = get(&app, &r.location, s).await;
    assert!(preview.body.contains("Nueva sección sobre <strong>trabajo forzoso</strong>."), "rendered preview");
    assert_eq!(textarea(&preview.body, "texto"), text);
    assert!(!get(&app, "/politicas/pnmpetf/pasos/1", s).await.body.contains("Nueva sección"), "a preview saves nothing");

    let r = post_form(&app, EDIT, &form(&[("base", "1"), ("texto", &text), ("resumen", "Añade sección"), ("accion", "guardar")]), ORIGIN, s).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location, "/politicas/pnmpetf/pasos/1?guardado=2");
    let step = get(&app, &r.location, s).await;
    assert!(step.body.contains("Cambios guardados: revisión 2."));
    assert!(step.body.contains("Nueva sección sobre <strong>trabajo forzoso</strong>."));
    assert!(step.body.contains("por Equipo DPPDFL (demo) (revisión 2)"), "who changed it last");

    let history = get(&app, "/politicas/pnmpetf/pasos/1/historial", s).await;
    assert!(history.body.contains("Añade sección"));
    let diff = get(&app, "/politicas/pnmpetf/pasos/1/historial?desde=1&hasta=2", s).await;
    let shown = &diff.body[diff.body.find("<div class=\"diff\"").expect("a diff")..];
    let shown = &shown[..shown.find("</div>").unwrap()];
    assert!(shown.contains("<ins>"), "{shown}");
    assert!(shown.contains("trabajo forzoso**."), "the added words are shown");
    let removed: String = shown.split("<del>").skip(1).map(|d| &d[..d.find("</del>").unwrap()]).collect();
    assert!(removed.trim().is_empty(), "no word was removed: {removed:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_save_shows_the_conflict_and_loses_nothing() {
    let (app, store) = app().await;
    let token = sign_in(&app, "equipo@pasos.demo").await;
    let s = Some(token.as_str());
    // Someone else saves revision 2 while our author still has revision 1 open.
    let other = pasos_app::domain::Author::User { id: "otra".into(), name: "Otra Analista".into() };
    store.save_step("PNMPETF", 1, 1, "Texto de la otra analista.", None, &other).await.unwrap().unwrap();

    let mine = "Texto de quien llegó tarde.";
    let r = post_form(&app, EDIT, &form(&[("base", "1"), ("texto", mine), ("accion", "guardar")]), ORIGIN, s).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location.contains("borrador="), "{}", r.location);
    let step = store.step_text("PNMPETF", 1).await.unwrap().unwrap();
    assert_eq!((step.revision, step.body.as_str()), (2, "Texto de la otra analista."), "nothing stored over the newer text");

    let conflict = get(&app, &r.location, s).await;
    assert!(conflict.body.contains("Este paso cambió mientras usted lo editaba"));
    assert!(conflict.body.contains("Otra Analista"));
    assert_eq!(textarea(&conflict.body, "texto"), mine, "the author's text is intact in the editor");
    assert_eq!(textarea(&conflict.body, "texto-nuevo"), "Texto de la otra analista.");
    assert!(conflict.body.contains("<del>") && conflict.body.contains("<ins>"));
    assert!(conflict.body.contains("name=\"base\" value=\"2\""), "merging saves on the newer revision");

    let merged = "Texto de la otra analista. Texto de quien llegó tarde.";
    let r = post_form(&app, EDIT, &form(&[("base", "2"), ("texto", merged), ("accion", "guardar")]), ORIGIN, s).await;
    assert_eq!(r.location, "/politicas/pnmpetf/pasos/1?guardado=3");
    assert_eq!(store.count("draft").await.unwrap(), 0, "a saved text's drafts are gone");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn empty_and_oversized_texts_are_refused_and_kept() {
    let (app, store) = app().await;
    let token = sign_in(&app, "equipo@pasos.demo").await;
    let s = Some(token.as_str());
    let r = post_form(&app, EDIT, &form(&[("base", "1"), ("texto", "  \r\n "), ("accion", "guardar")]), ORIGIN, s).await;
    assert!(r.location.ends_with("&error=vacio"), "{}", r.location);
    assert!(get(&app, &r.location, s).await.body.contains("El texto está vacío"));

    let big = "Párrafo largo. ".repeat(70_000); // ≈ 1.1 MB
    let r = post_form(&app, EDIT, &form(&[("base", "1"), ("texto", &big), ("accion", "guardar")]), ORIGIN, s).await;
    assert!(r.location.ends_with("&error=grande"), "{}", r.location);
    let page = get(&app, &r.location, s).await;
    assert!(page.body.contains("supera el máximo de 1 MB"));
    assert_eq!(textarea(&page.body, "texto"), big, "the refused text is all there");

    let long_summary = "r".repeat(201);
    let r = post_form(&app, EDIT, &form(&[("base", "1"), ("texto", "ok"), ("resumen", &long_summary), ("accion", "guardar")]), ORIGIN, s).await;
    assert!(r.location.ends_with("&error=resumen"), "{}", r.location);
    assert_eq!(store.step_text("PNMPETF", 1).await.unwrap().unwrap().revision, 1, "nothing was saved");

    // Beyond the request limit the server refuses before reading; the browser still has the text.
    let huge = "x".repeat(3 * 1024 * 1024);
    let r = post_form(&app, EDIT, &form(&[("base", "1"), ("texto", &huge)]), ORIGIN, s).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_frozen_version_stays_as_frozen_and_downloads_as_docx() {
    let (app, _) = app().await;
    let token = sign_in(&app, "equipo@pasos.demo").await;
    let s = Some(token.as_str());
    let deliverable = "/politicas/pnmpetf/entregables/1";
    let r = post_form(&app, &format!("{deliverable}/versiones"), "nota=", ORIGIN, s).await;
    assert!(r.location.contains("error=nota"), "a note is required: {}", r.location);
    let long = "n".repeat(2001);
    let r = post_form(&app, &format!("{deliverable}/versiones"), &form(&[("nota", &long)]), ORIGIN, s).await;
    let page = get(&app, &r.location, s).await;
    assert!(page.body.contains("no puede tener más de 2000"));
    assert_eq!(textarea(&page.body, "nota"), long, "the refused note comes back");

    let guide = "Guía de Políticas Nacionales (nueva)";
    let r = post_form(&app, &format!("{deliverable}/versiones"), &form(&[("nota", "Remitida a CEPLAN"), ("guia", guide)]), ORIGIN, s).await;
    assert_eq!(r.location, format!("{deliverable}?congelada=1#versiones"));
    assert!(get(&app, deliverable, s).await.body.contains(&format!("Elaborada con {guide}")), "the version names its guide");
    let r = post_form(&app, &format!("{deliverable}/versiones"), &form(&[("nota", "Otra"), ("guia", "Otra guía")]), ORIGIN, s).await;
    assert!(r.location.contains("error=sin_cambios&version=1"), "{}", r.location);
    assert!(get(&app, &r.location, s).await.body.contains("value=\"Otra guía\""), "the refused guide comes back");

    let before = get(&app, &format!("{deliverable}/documento?version=1"), s).await;
    assert!(before.body.contains("Remitida a CEPLAN") && before.body.contains("Marco normativo"));
    let save = form(&[("base", "1"), ("texto", "Texto reformulado con los comentarios de CEPLAN."), ("accion", "guardar")]);
    post_form(&app, EDIT, &save, ORIGIN, s).await;
    let after = get(&app, &format!("{deliverable}/documento?version=1"), s).await;
    let document = |html: &str| html[html.find("<article").unwrap()..html.find("</article>").unwrap()].to_string();
    assert_eq!(document(&after.body), document(&before.body), "version 1 did not change");
    assert!(get(&app, &format!("{deliverable}/documento"), s).await.body.contains("Texto reformulado"), "the working text did");
    let compare = get(&app, &format!("{deliverable}?desde=1&hasta=0"), s).await;
    assert!(compare.body.contains("<ins>Texto") || compare.body.contains("reformulado"), "versions compare step by step");

    let docx = get(&app, &format!("{deliverable}/documento.docx?version=1"), s).await;
    assert_eq!(docx.status, StatusCode::OK);
    assert_eq!(docx.content_type, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    let parsed = docx_rs::read_docx(&docx.bytes).expect("a valid DOCX").json();
    assert!(parsed.contains("Marco normativo") && parsed.contains("Remitida a CEPLAN"));
    assert!(parsed.contains(guide), "the DOCX says which guide the version follows");
    assert!(!parsed.contains("reformulado"), "the DOCX of version 1 is version 1");
    for missing in ["?version=9", "?version=x"] {
        let r = get(&app, &format!("{deliverable}/documento.docx{missing}"), s).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{missing}");
        assert_eq!(get(&app, &format!("{deliverable}/documento{missing}"), s).await.status, StatusCode::NOT_FOUND);
    }
}

/// A corpus of XSS payloads saved by a team member never reaches another reader as live markup:
/// not in the step page, the history, the document nor the editor's own serialized state.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_texts_never_reach_a_reader_as_markup() {
    let (app, _) = app().await;
    let author = sign_in(&app, "equipo@pasos.demo").await;
    let reader = sign_in(&app, "directivo@pasos.demo").await;
    let payloads = [
        "<script>alert('x')</script>",
        "</script><script>alert('x')</script>",
        "</textarea><script>alert('x')</script>",
        "<img src=x onerror=alert('x')>",
        "[clic](javascript:alert('x'))",
        "[clic](JAVASCRIPT:alert('x'))",
        "<a href=\"javascript:alert('x')\">a</a>",
        "<svg/onload=alert('x')>",
        "<iframe src=javascript:alert('x')>",
        "![i](x\" onerror=\"alert('x'))",
        "<div style=\"background:url(javascript:alert('x'))\">d</div>",
        "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgneCcpPC9zY3JpcHQ+)",
        "<details open ontoggle=alert('x')>",
        "<<script>script>alert('x')<</script>/script>",
    ];
    let text = payloads.join("\n\n");
    let r = post_form(&app, "/politicas/pnmpetf/pasos/2/editar", &form(&[("base", "0"), ("texto", &text), ("accion", "guardar")]), ORIGIN, Some(&author)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    post_form(&app, "/politicas/pnmpetf/entregables/1/versiones", "nota=xss", ORIGIN, Some(&author)).await;
    for (uri, who) in [
        ("/politicas/pnmpetf/pasos/2", &reader),
        ("/politicas/pnmpetf/pasos/2/historial?desde=1&hasta=1", &reader),
        ("/politicas/pnmpetf/entregables/1/documento", &reader),
        ("/politicas/pnmpetf/entregables/1/documento?version=1", &reader),
        ("/politicas/pnmpetf/pasos/2/editar", &author),
    ] {
        let page = get(&app, uri, Some(who)).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        // The site's own header (its bell icon is an SVG) is not where a text can land.
        let header = page.body.find("<header class=\"site-header\"").zip(page.body.find("</header>"));
        let scanned = match header {
            Some((a, b)) => format!("{}{}", &page.body[..a], &page.body[b..]),
            None => page.body.clone(),
        };
        if let Some(bad) = live_markup(&scanned) {
            panic!("{uri} carries live markup: {bad}");
        }
    }
}

/// The first tag of `html` that could run code: an element that has no business in a text, an
/// event handler or a script/data address in an attribute, or a script element that is not the
/// page's own (a payload breaking out of the serialized data would start with `alert`).
fn live_markup(html: &str) -> Option<String> {
    let lower = html.to_lowercase();
    let mut rest = lower.as_str();
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        if ["iframe", "svg", "object", "embed", "style", "img"].contains(&name.as_str()) {
            return Some(tag.to_string());
        }
        // An attribute whose name is a handler, or an address that runs code. Quoted values are
        // data (an island's `data-props` carries the typed text, escaped); a payload that broke
        // out of its quotes would show up as attributes of its own.
        let bad = attributes(&tag[name.len()..]).iter().any(|(n, v)| {
            let address = ["href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "background"].contains(&n.as_str());
            n.starts_with("on") || (address && ["javascript:", "vbscript:", "data:"].iter().any(|b| v.trim_start().starts_with(b)))
        });
        if bad {
            return Some(tag.to_string());
        }
        // Script and textarea contents are not markup; skip to their end tag.
        if name == "script" || name == "textarea" {
            let body_start = rest.find('>').map_or(rest.len(), |j| j + 1);
            let body = &rest[body_start..];
            let end = body.find(&format!("</{name}")).unwrap_or(body.len());
            if name == "script" && body[..end].trim_start().starts_with("alert") {
                return Some(body[..end].to_string());
            }
            rest = &body[end..];
        }
    }
    None
}

/// The (name, value) attributes of a start tag's remainder, as a browser reads them.
fn attributes(mut rest: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return out;
        }
        let name_end = rest.find(|c: char| c.is_whitespace() || c == '=' || c == '/').unwrap_or(rest.len());
        let name = rest[..name_end].to_string();
        rest = rest[name_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (v, remaining) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let end = body.find(q).unwrap_or(body.len());
                    (&body[..end], &body[(end + 1).min(body.len())..])
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = v.to_string();
            rest = remaining;
        }
        out.push((name, value));
    }
}

#[test]
fn the_markup_check_catches_what_it_must() {
    assert_eq!(
        live_markup("<leptos-island data-props=\"{&quot;text&quot;:&quot;&lt;img src=x onerror=alert(1)&gt; [a](javascript:x)&quot;}\">"),
        None,
        "escaped text inside a quoted data attribute is data"
    );
    assert!(live_markup("<leptos-island data-props=\"x\" onerror=alert(1)>").is_some(), "but not a handler beside it");
    assert!(live_markup("<a href=' javascript:alert(1)'>x</a>").is_some());
    assert_eq!(live_markup("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"), None);
    assert_eq!(live_markup("<script>var d = \"<img onerror=x>\";</script>"), None, "data inside a script is not markup");
    assert!(live_markup("<p>a</p><img src=x onerror=alert(1)>").is_some());
    assert!(live_markup("<a href=\"javascript:alert(1)\">x</a>").is_some());
    assert!(live_markup("<script>x=\"</script><script>alert('x')</script>").is_some());
    assert!(live_markup("<div onclick=\"x()\">").is_some());
    assert_eq!(live_markup("<textarea><script>alert(1)</script></textarea>"), None, "a textarea's content is text");
    assert!(live_markup("<textarea></textarea><script>alert('x')</script></textarea>").is_some());
}
