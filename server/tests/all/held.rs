//! Nothing typed is lost, nothing is stored twice: a refused form comes back from the server by a
//! short id (never inside an address), a form sent after the session expired comes back after
//! signing in again, and a form sent twice with its key is stored once. And a participant's home
//! leads to their consultation.

use crate::common::*;
use crate::rounds::{comment, open_round};

/// The text of the textarea `id` of a page, as the browser reads it (entities decoded).
fn textarea(page: &str, id: &str) -> String {
    let html = scraper::Html::parse_document(page);
    let selector = scraper::Selector::parse(&format!("textarea#{id}")).unwrap();
    html.select(&selector).next().map(|t| t.text().collect()).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_refused_contribution_comes_back_by_a_short_address() {
    let (app, _) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let cusco = sign_in(&app, "cusco@pasos.demo").await;
    let round = open_round(&app, &team, &["08"]).await;
    let r = post_form(&app, &format!("{round}/cerrar"), "confirmar=1", ORIGIN, Some(&team)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);

    // 10,000 characters, emoji and signs a URL must escape included.
    let text: String = "Precisar la meta al 2030 & «revisar» 🙂 ".chars().cycle().take(10_000).collect();
    let r = comment(&app, &round, &cusco, "p3-2", &text).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    println!("Location of a refused 10,000-character contribution: {} bytes ({})", r.location.len(), r.location);
    assert!(r.location.len() < 1024, "{} bytes", r.location.len());
    assert!(r.location.contains("error=") && r.location.ends_with("#comentar-mensaje"), "{}", r.location);
    let page = get(&app, &r.location, Some(&cusco)).await;
    assert!(textarea(&page.body, "texto-aporte") == text, "the text comes back exactly");
    assert!(page.body.contains("id=\"comentar-mensaje\""), "the refusal is said at the form");
    assert!(page.body.contains("aria-describedby=\"comentar-mensaje\""), "and tied to the text");

    // The held form is Cusco's: anyone else following the address finds the form empty.
    let loreto = sign_in(&app, "loreto@pasos.demo").await;
    let team_view = get(&app, &r.location, Some(&team)).await;
    assert!(!team_view.body.contains("Precisar la meta al 2030 &amp; «revisar»"), "another account never sees it");
    let _ = loreto;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_sent_twice_is_stored_once() {
    let (app, _) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let cusco = sign_in(&app, "cusco@pasos.demo").await;
    let round = open_round(&app, &team, &["08"]).await;
    let body = form(&[("clave", "3f1e0c2b9a8d7e6f5a4b3c2d1e0f9a8b"), ("ancla", "comentar"), ("paso", "3"), ("parrafo", "p3-1"), ("texto", "Un solo aporte.")]);
    let uri = format!("{round}/aportes");
    // A double click: both at once, then the browser sending it again later.
    let (a, b) = tokio::join!(post_form(&app, &uri, &body, ORIGIN, Some(&cusco)), post_form(&app, &uri, &body, ORIGIN, Some(&cusco)));
    let c = post_form(&app, &uri, &body, ORIGIN, Some(&cusco)).await;
    assert_eq!((a.status, b.status, c.status), (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER, StatusCode::SEE_OTHER));
    assert_eq!((&a.location, &b.location), (&c.location, &c.location), "each sending lands where the first did");
    let page = get(&app, &round, Some(&team)).await;
    assert_eq!(page.body.matches("Un solo aporte.").count(), 1, "one contribution");
    assert!(page.body.contains("Aportes (1)"));

    // A new form (a new key) is a new contribution.
    let again = form(&[("clave", "00000000000000000000000000000001"), ("paso", "3"), ("texto", "Un segundo aporte.")]);
    assert_eq!(post_form(&app, &uri, &again, ORIGIN, Some(&cusco)).await.status, StatusCode::SEE_OTHER);
    assert!(get(&app, &round, Some(&team)).await.body.contains("Aportes (2)"));
    // And the same key from another account is that account's own.
    let team_body = form(&[("clave", "3f1e0c2b9a8d7e6f5a4b3c2d1e0f9a8b"), ("paso", "3"), ("texto", "Aporte del equipo.")]);
    assert_eq!(post_form(&app, &uri, &team_body, ORIGIN, Some(&team)).await.status, StatusCode::SEE_OTHER);
    assert!(get(&app, &round, Some(&team)).await.body.contains("Aporte del equipo."));
}

/// A contribution posted as a browser posts it, with the session cookie `session` and the page it
/// came from.
async fn post_from_page(app: &axum::Router, round: &str, session: &str, body: String) -> Reply {
    let req = Request::post(format!("{round}/aportes"))
        .header(header::HOST, "pasos.test")
        .header(header::ORIGIN, ORIGIN)
        .header(header::REFERER, format!("{ORIGIN}{round}?paso=3&parrafo=p3-2"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("pasos_sesion={session}"))
        .body(axum::body::Body::from(body))
        .unwrap();
    send(app, req).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_contribution_sent_after_the_session_expired_comes_back_after_signing_in() {
    let (app, store) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let round = open_round(&app, &team, &["08"]).await;
    let cusco = sign_in(&app, "cusco@pasos.demo").await;
    // Cusco's session expires while she writes (read nine days later, it is found dead and ended).
    let digest = pasos_app::store::credentials::token_digest(&cusco);
    assert!(store.session_user(&digest, chrono::Utc::now() + chrono::Duration::days(9)).await.unwrap().is_none());
    let text = "Escrito durante una hora:\n\n- primera idea\n- segunda idea";
    let body = form(&[("clave", "aa"), ("ancla", "comentar"), ("paso", "3"), ("parrafo", "p3-2"), ("texto", text)]);
    let r = post_from_page(&app, &round, &cusco, body).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(r.location.starts_with("/ingresar?siguiente="), "{}", r.location);
    let sign_in_page = get(&app, &r.location, None).await;
    assert!(sign_in_page.body.contains("Lo que escribió está guardado"), "the sign-in page says the text is kept");
    let next: String = form_urlencoded::parse(r.location.split_once('?').unwrap().1.as_bytes()).find(|(k, _)| k == "siguiente").unwrap().1.into_owned();
    assert!(next.starts_with(&format!("{round}?paso=3&parrafo=p3-2&error=sesion_vencida&retenido=")) && next.ends_with("#comentar-mensaje"), "{next}");

    // Someone else signing in on that browser is not handed Cusco's text.
    let loreto = sign_in(&app, "loreto@pasos.demo").await;
    let stranger = get(&app, &next, Some(&loreto)).await;
    assert!(!stranger.body.contains("primera idea") && stranger.body.contains("ya no está disponible"), "another account gets nothing, and is told");

    // Cusco signs in again and finds her text in the form, with why.
    let signed = post_form(&app, "/ingresar", &form(&[("correo", "cusco@pasos.demo"), ("contrasena", "pasos-demo"), ("siguiente", &next)]), ORIGIN, None).await;
    assert_eq!(signed.location, next, "back to the form it came from");
    let cusco = signed.cookie.unwrap().split(';').next().unwrap().trim_start_matches("pasos_sesion=").to_string();
    let page = get(&app, &next, Some(&cusco)).await;
    assert!(textarea(&page.body, "texto-aporte") == text, "the text is back in the form");
    assert!(page.body.contains("Su sesión había vencido cuando envió este formulario"));
    let held = next.split("retenido=").nth(1).unwrap().split('#').next().unwrap().to_string();
    assert!(page.body.contains(&format!("name=\"retenido\" value=\"{held}\"")), "the form names the held text it came from");

    // Sent again and accepted, the held text is forgotten: going back offers nothing to send twice.
    let resend = form(&[("clave", "bb"), ("retenido", &held), ("paso", "3"), ("parrafo", "p3-2"), ("texto", text)]);
    assert!(post_form(&app, &format!("{round}/aportes"), &resend, ORIGIN, Some(&cusco)).await.location.contains("enviado=1"));
    let back = get(&app, &next, Some(&cusco)).await.body;
    assert!(textarea(&back, "texto-aporte").is_empty() && back.contains("ya no está disponible"), "the form is empty, and says why");
    // And the same text sent once more (a form the browser filled again) is the same contribution.
    let again = form(&[("clave", "cc"), ("paso", "3"), ("parrafo", "p3-2"), ("texto", text)]);
    assert!(post_form(&app, &format!("{round}/aportes"), &again, ORIGIN, Some(&cusco)).await.location.contains("enviado=1"));
    assert!(get(&app, &round, Some(&team)).await.body.contains("Aportes (1)"));

    // A cookie that was never a session holds nothing: the sign-in page, the text not kept.
    let forged = post_from_page(&app, &round, "inventada", form(&[("paso", "3"), ("texto", "plantado")])).await;
    assert_eq!(forged.status, StatusCode::SEE_OTHER);
    assert!(forged.location.starts_with("/ingresar?siguiente=") && !forged.location.contains("retenido"), "{}", forged.location);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_participant_lands_on_their_consultations() {
    let (app, _) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let cusco = sign_in(&app, "cusco@pasos.demo").await;
    let round = open_round(&app, &team, &["08"]).await;
    let home = get(&app, "/", Some(&cusco)).await;
    let html = scraper::Html::parse_document(&home.body);
    let first = scraper::Selector::parse("ul.consultations li a.button").unwrap();
    let lead = html.select(&first).next().expect("a way straight into the open consultation");
    assert_eq!(lead.value().attr("href"), Some(format!("{round}#texto").as_str()));
    assert!(home.body.contains("Quedan 13 días") || home.body.contains("Quedan 14 días"), "the days left are said");
    comment(&app, &round, &cusco, "p3-1", "Mi aporte.").await;
    let home = get(&app, "/", Some(&cusco)).await;
    assert!(home.body.contains("Aporte N° 1") && home.body.contains("Respuesta aún no publicada"), "their own contributions, with the answer to come");
    // The team's home leads with what waits for it.
    let team_home = get(&app, "/", Some(&team)).await;
    assert!(team_home.body.contains("Lo que espera al equipo") && team_home.body.contains("1 aporte por responder"));
    assert!(team_home.body.contains("observaciones del CEPLAN por levantar"), "PNMPETF E1 is in levantamiento in the seeded history");
}
