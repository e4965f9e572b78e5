//! Rounds over HTTP: opening one on a frozen version, contributing by paragraph, who sees what,
//! answering every contribution, publishing, closing, the matrix as CSV and XLSX, notices.


use chrono::Duration;
use crate::common::*;


/// The team writes Paso 3 of PNMPETI, freezes E2 and opens a regional round for `regions`.
pub async fn open_round(app: &axum::Router, team: &str, regions: &[&str]) -> String {
    let save = form(&[("base", "0"), ("texto", "Primer párrafo de la situación futura.\n\nSegundo párrafo, con **metas**."), ("accion", "guardar")]);
    post_form(app, "/politicas/pnmpeti/pasos/3/editar", &save, ORIGIN, Some(team)).await;
    post_form(app, "/politicas/pnmpeti/entregables/2/versiones", "nota=Para+consulta", ORIGIN, Some(team)).await;
    let (opens, closes) = (lima(-Duration::hours(1)), lima(Duration::days(14)));
    let mut fields = vec![("tipo", "consulta_regional"), ("titulo", "Consulta regional E2"), ("version_ronda", "1"), ("pasos", "3"), ("pasos", "4"), ("abre", &opens), ("cierra", &closes)];
    fields.extend(regions.iter().map(|r| ("regiones", *r)));
    let r = post_form(app, "/politicas/pnmpeti/entregables/2/rondas", &form(&fields), ORIGIN, Some(team)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location.starts_with("/rondas/") && !r.location.contains('?'), "{}", r.location);
    r.location
}

pub async fn comment(app: &axum::Router, round: &str, who: &str, anchor: &str, text: &str) -> Reply {
    post_form(app, &format!("{round}/aportes"), &form(&[("paso", "3"), ("parrafo", anchor), ("texto", text)]), ORIGIN, Some(who)).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_invited_jurisdictions_comment_and_each_sees_its_own() {
    let (app, _) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let cusco = sign_in(&app, "cusco@pasos.demo").await;
    let loreto = sign_in(&app, "loreto@pasos.demo").await;
    let round = open_round(&app, &team, &["08"]).await;

    let page = get(&app, &round, Some(&cusco)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("id=\"p3-2\"") && page.body.contains("Comentar este párrafo"), "paragraphs carry anchors");
    let r = comment(&app, &round, &cusco, "p3-2", "Precisar la meta al 2030.").await;
    assert_eq!(r.location, format!("{round}?enviado=1#aporte-1-mensaje"));
    let page = get(&app, &r.location, Some(&cusco)).await;
    assert!(page.body.contains("Segundo párrafo, con metas."), "the quoted passage comes from the frozen text");
    assert!(get(&app, "/", Some(&cusco)).await.body.contains("class=\"bell-count unread\">(1)<"), "the bell counts the round opened for Cusco");

    // Loreto is not invited: it neither reads nor writes.
    assert_eq!(get(&app, &round, Some(&loreto)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(comment(&app, &round, &loreto, "p3-1", "Intruso").await.status, StatusCode::FORBIDDEN);
    // A forged anchor is refused rather than quoted.
    assert!(comment(&app, &round, &cusco, "p3-99", "x").await.location.contains("error=paso"));
    assert!(comment(&app, &round, &cusco, "p3-1", "   ").await.location.contains("error=aporte_vacio"));
    let forged = form(&[("paso", "3"), ("responde", "no-existe"), ("texto", "Respuesta")]);
    assert!(post_form(&app, &format!("{round}/aportes"), &forged, ORIGIN, Some(&cusco)).await.location.contains("error=respuesta_a"), "a reply to nothing in this round is refused");

    let both = open_round(&app, &team, &["08", "16"]).await;
    comment(&app, &both, &cusco, "p3-1", "Aporte de Cusco.").await;
    comment(&app, &both, &loreto, "p3-1", "Aporte de Loreto.").await;
    let seen = get(&app, &both, Some(&cusco)).await;
    assert!(seen.body.contains("Aporte de Cusco.") && !seen.body.contains("Aporte de Loreto."), "Cusco sees only its jurisdiction's");
    let all = get(&app, &both, Some(&team)).await;
    assert!(all.body.contains("Aporte de Cusco.") && all.body.contains("Aporte de Loreto."));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_contribution_is_answered_before_the_round_is_systematized() {
    let (app, _) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let cusco = sign_in(&app, "cusco@pasos.demo").await;
    let loreto = sign_in(&app, "loreto@pasos.demo").await;
    let round = open_round(&app, &team, &["08", "16"]).await;
    comment(&app, &round, &cusco, "p3-1", "Aporte de Cusco.").await;
    comment(&app, &round, &loreto, "p3-2", "Aporte de Loreto.").await;
    let external = form(&[("canal", "oficio"), ("fecha", "2026-11-20"), ("organizacion", "GORE Ucayali"), ("region", "25"), ("documento", "Oficio N° 12-2026-GRU"), ("paso", "4"), ("texto", "Aporte por oficio.")]);
    let r = post_form(&app, &format!("{round}/aportes-externos"), &external, ORIGIN, Some(&team)).await;
    assert!(r.location.contains("registrado=3"), "{}", r.location);
    assert_eq!(post_form(&app, &format!("{round}/aportes-externos"), &external, ORIGIN, Some(&cusco)).await.status, StatusCode::FORBIDDEN);

    let page = get(&app, &round, Some(&team)).await;
    let ids: Vec<String> = page.body.match_indices("/aportes/").map(|(i, _)| page.body[i + 9..].split('/').next().unwrap().to_string()).collect();
    assert_eq!(ids.len(), 3, "one answer form per contribution");
    let answer = |cid: &str, fields: &[(&str, &str)]| {
        let (app, team, uri, body) = (app.clone(), team.clone(), format!("{round}/aportes/{cid}/respuesta"), form(fields));
        async move { post_form(&app, &uri, &body, ORIGIN, Some(&team)).await }
    };
    let r = answer(&ids[0], &[("estado", "no_acogido"), ("justificacion", "  ")]).await;
    assert!(r.location.contains("error=justificacion"), "a No acogido needs its reason: {}", r.location);
    assert_eq!(post_form(&app, &format!("{round}/aportes/{}/respuesta", ids[0]), "estado=acogido", ORIGIN, Some(&cusco)).await.status, StatusCode::FORBIDDEN);
    answer(&ids[0], &[("estado", "no_acogido"), ("justificacion", "Fuera del alcance del paso 3.")]).await;
    let r = answer(&ids[1], &[("estado", "acogido"), ("revision", "3-9")]).await;
    assert!(r.location.contains("error=revision"), "a revision Paso 3 does not have: {}", r.location);
    let r = answer(&ids[1], &[("estado", "levantada"), ("ubicacion", "Paso 3")]).await;
    assert!(r.location.contains("error=respuesta"), "a consultation's contribution is not «levantada»: {}", r.location);
    let r = answer(&ids[1], &[("estado", "acogido"), ("revision", "3-1")]).await;
    assert!(r.location.contains("error=revision"), "Paso 3's revision 1 was saved before the contribution: {}", r.location);
    answer(&ids[1], &[("estado", "acogido"), ("ubicacion", "Paso 3, párrafo 2")]).await;
    // Irreversible acts want their confirmation; an open round is closed before it is systematized.
    let r = post_form(&app, &format!("{round}/cerrar"), "", ORIGIN, Some(&team)).await;
    assert!(r.location.contains("error=sin_confirmar"), "{}", r.location);
    let page = get(&app, &round, Some(&team)).await;
    assert!(page.body.contains("La consulta tiene 3 aportes y cierra el") && page.body.contains("Cerrarla ahora no se puede deshacer"), "the facts before closing");
    let r = post_form(&app, &format!("{round}/sistematizar"), "confirmar=1", ORIGIN, Some(&team)).await;
    assert!(r.location.contains("error=abierta"), "{}", r.location);
    let r = post_form(&app, &format!("{round}/cerrar"), "confirmar=1", ORIGIN, Some(&team)).await;
    assert!(r.location.contains("hecho=cerrar"), "{}", r.location);
    let r = post_form(&app, &format!("{round}/sistematizar"), "", ORIGIN, Some(&team)).await;
    assert!(r.location.contains("error=sin_confirmar"), "{}", r.location);
    let r = post_form(&app, &format!("{round}/sistematizar"), "confirmar=1", ORIGIN, Some(&team)).await;
    assert!(r.location.contains("error=sin_respuesta"), "{}", r.location);
    assert!(!get(&app, &round, Some(&cusco)).await.body.contains("Fuera del alcance"), "answers stay internal until published");
    answer(&ids[2], &[("estado", "acogido_parcialmente"), ("justificacion", "Se incorpora la cifra.")]).await;
    post_form(&app, &format!("{round}/publicar"), "", ORIGIN, Some(&team)).await;
    let r = post_form(&app, &format!("{round}/sistematizar"), "confirmar=1", ORIGIN, Some(&team)).await;
    assert!(r.location.contains("hecho=sistematizar"), "{}", r.location);

    let seen = get(&app, &round, Some(&cusco)).await;
    assert!(seen.body.contains("Fuera del alcance del paso 3.") && seen.body.contains("Aporte de Loreto."), "published: everyone sees all, with answers");
    assert!(seen.body.contains("Sistematizada"));
    let notices = get(&app, "/avisos", Some(&cusco)).await;
    assert!(notices.body.contains("tiene respuesta"), "Cusco is told its contribution was answered");
    assert!(comment(&app, &round, &cusco, "p3-1", "Tarde").await.location.contains("error=no_abierta"));

    // The matrix, as CSV (UTF-8 with BOM) and as XLSX, has one row per contribution.
    let csv_reply = get(&app, &format!("{round}/matriz.csv"), Some(&team)).await;
    assert!(csv_reply.bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM for Excel");
    let mut reader = csv::Reader::from_reader(&csv_reply.bytes[3..]);
    assert_eq!(reader.headers().unwrap().get(10), Some("Respuesta"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!((&rows[0][4], &rows[0][10], &rows[0][11]), ("Cusco", "No acogido", "Fuera del alcance del paso 3."));
    assert_eq!((&rows[2][3], &rows[2][5]), ("GORE Ucayali", "Oficio"));
    let filtered = get(&app, &format!("{round}/matriz.csv?region=16"), Some(&team)).await;
    assert_eq!(csv::Reader::from_reader(&filtered.bytes[3..]).records().count(), 1);
    let xlsx = get(&app, &format!("{round}/matriz.xlsx"), Some(&team)).await;
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.bytes)).expect("a valid XLSX");
    let sheet = book.worksheet_range("Matriz de aportes").unwrap();
    let cells: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(cells[2][9], "Aporte");
    assert_eq!(cells.len(), 6, "title, blank, header and three rows");
    assert_eq!(cells[4][10], "Acogido");

    // The deliverable's matrix gathers every round of E2 (the seeded illustrative one included), led by the round.
    let whole = get(&app, "/politicas/pnmpeti/entregables/2/matriz.csv", Some(&team)).await;
    let mut reader = csv::Reader::from_reader(&whole.bytes[3..]);
    assert_eq!(reader.headers().unwrap().get(0), Some("Consulta"));
    let rounds: Vec<String> = reader.records().map(|r| r.unwrap()[0].to_string()).collect();
    assert_eq!(rounds.len(), 5, "two illustrative 2023 examples and three contributions: {rounds:?}");
    assert!(rounds[0].starts_with("Ejemplo ilustrativo") && rounds[4] == "Consulta regional E2");
    let whole_xlsx = get(&app, "/politicas/pnmpeti/entregables/2/matriz.xlsx", Some(&team)).await;
    assert_eq!(whole_xlsx.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

/// A notice and the matriz link to a contribution on its page of threads: the 52nd of a round
/// (threads come 50 to a page) opens on page 2, at its anchor.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn links_to_a_contribution_land_on_the_page_that_holds_it() {
    let (app, store) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let cusco = sign_in(&app, "cusco@pasos.demo").await;
    let round = open_round(&app, &team, &["08"]).await;
    for i in 1..=52 {
        let r = comment(&app, &round, &cusco, "p3-1", &format!("Aporte {i} de Cusco.")).await;
        assert!(r.location.contains(&format!("enviado={i}")), "{}", r.location);
    }
    let id = round.trim_start_matches("/rondas/");
    let last = store.contributions(id).await.unwrap().iter().find(|c| c.number == 52).cloned().unwrap();
    post_form(&app, &format!("{round}/aportes/{}/respuesta", last.id), &form(&[("estado", "acogido")]), ORIGIN, Some(&team)).await;
    post_form(&app, &format!("{round}/publicar"), "", ORIGIN, Some(&team)).await;
    let link = format!("{round}?aporte={}#aporte-52", last.id);
    let notices = get(&app, "/avisos", Some(&cusco)).await;
    assert!(notices.body.contains(&link.replace('&', "&amp;")), "the notice opens the page that holds N° 52");
    let matrix = get(&app, &format!("{round}/matriz"), Some(&team)).await;
    assert!(matrix.body.contains(&link), "so does the matriz's N°");
    let landed = get(&app, link.split('#').next().unwrap(), Some(&cusco)).await;
    assert!(landed.body.contains("id=\"aporte-52\""), "page 2 holds it");
    assert!(!get(&app, &round, Some(&cusco)).await.body.contains("id=\"aporte-52\""), "page 1 does not");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_directivo_may_force_systematization_with_a_reason() {
    let (app, _) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let cusco = sign_in(&app, "cusco@pasos.demo").await;
    let boss = sign_in(&app, "directivo@pasos.demo").await;
    let round = open_round(&app, &team, &["08"]).await;
    comment(&app, &round, &cusco, "p3-1", "Sin respuesta aún.").await;
    let r = post_form(&app, "/politicas/pnmpeti/entregables/2/rondas", "tipo=consulta_regional&titulo=x", ORIGIN, Some(&cusco)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "a participant opens no round");
    let r = post_form(&app, &format!("{round}/sistematizar"), "motivo=Plazo+del+CEPLAN", ORIGIN, Some(&boss)).await;
    assert!(r.location.contains("error=sin_confirmar"), "{}", r.location);
    let r = post_form(&app, &format!("{round}/sistematizar"), "motivo=+&confirmar=1", ORIGIN, Some(&boss)).await;
    assert!(r.location.contains("error=motivo"), "{}", r.location);
    // The round is still open: only a directivo may systematize it, and only with a reason.
    let r = post_form(&app, &format!("{round}/sistematizar"), "motivo=Plazo+del+CEPLAN&confirmar=1", ORIGIN, Some(&boss)).await;
    assert!(r.location.contains("hecho=sistematizar"), "{}", r.location);
    assert_eq!(post_form(&app, &format!("{round}/publicar"), "", ORIGIN, Some(&boss)).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_round_forms_come_back_with_what_was_typed() {
    let (app, _) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let body = form(&[("tipo", "consulta_regional"), ("titulo", "Consulta sin regiones"), ("version_ronda", "1"), ("pasos", "3"), ("abre", "2026-01-01T08:00"), ("cierra", "2099-01-01T08:00")]);
    let r = post_form(&app, "/politicas/pnmpeti/entregables/2/rondas", &body, ORIGIN, Some(&team)).await;
    assert!(r.location.contains("error=version"), "no version frozen yet: {}", r.location);
    let page = get(&app, &r.location, Some(&team)).await;
    assert!(page.body.contains("cierre una primero") && page.body.contains("value=\"Consulta sin regiones\""));
    // The seeded illustrative consultation is there, closed, and says it is an example.
    let rounds = get(&app, "/rondas", Some(&team)).await;
    assert!(rounds.body.contains("Ejemplo ilustrativo: consulta regional") && rounds.body.contains("Cerrada"));
}

/// Before the answers are published a participant sees their own contributions, not how many
/// the other regions sent; and only the team sees the e-mail addresses of invited accounts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn participants_see_no_figures_of_others_and_no_one_elses_addresses() {
    let (app, _) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let cusco = sign_in(&app, "cusco@pasos.demo").await;
    let loreto = sign_in(&app, "loreto@pasos.demo").await;
    let round = open_round(&app, &team, &["08", "16"]).await;
    comment(&app, &round, &loreto, "p3-1", "Aporte de Loreto.").await;
    comment(&app, &round, &loreto, "p3-2", "Otro aporte de Loreto.").await;

    let page = get(&app, &round, Some(&cusco)).await.body;
    assert!(page.contains("Se muestran al publicarse las respuestas"), "coverage without other regions' figures");
    assert!(!page.contains("Loreto: Invitada; 2") && !page.contains(">2<"), "Loreto's count is not shown to Cusco");
    let list = get(&app, "/rondas", Some(&cusco)).await.body;
    assert!(list.contains("Se muestran al publicarse las respuestas") && !list.contains("2 (2 sin respuesta)"), "nor in the list of rounds");
    let list = get(&app, "/rondas", Some(&team)).await.body;
    assert!(list.contains("2 (2 sin respuesta)"), "the team sees the figures");

    // Nor the round's N°, which would say how many wrote before: Cusco's first is its N° 1 until
    // the answers are published (the team knows it as N° 3), in the page, the address and the CSV.
    let r = comment(&app, &round, &cusco, "p3-1", "Aporte del Cusco.").await;
    assert!(r.location.ends_with("?enviado=1#aporte-1-mensaje"), "{}", r.location);
    let page = get(&app, &r.location, Some(&cusco)).await.body;
    assert!(page.contains("Aporte enviado: N° 1") && page.contains("id=\"aporte-1\"") && !page.contains("aporte-3"), "{}", &page[page.find("<main").unwrap_or(0)..]);
    let csv = get(&app, &format!("{round}/matriz.csv"), Some(&cusco)).await.body;
    assert!(csv.lines().nth(1).is_some_and(|l| l.starts_with("1,")) && csv.lines().count() == 2, "{csv}");
    assert!(get(&app, &round, Some(&team)).await.body.contains("id=\"aporte-3\""), "the team numbers the round");

    // A region cannot reply to (and so learn the N° of) another region's contribution.
    let team_page = get(&app, &round, Some(&team)).await.body;
    let loreto_first = team_page.split("?responde=").nth(1).and_then(|rest| rest.split('&').next()).expect("a reply link names Loreto's first contribution").to_string();
    let reply = form(&[("paso", "3"), ("responde", loreto_first.as_str()), ("texto", "Respuesta cruzada.")]);
    let r = post_form(&app, &format!("{round}/aportes"), &reply, ORIGIN, Some(&cusco)).await;
    assert!(r.location.contains("error=respuesta_a"), "{}", r.location);
    assert!(get(&app, &r.location, Some(&cusco)).await.body.contains("Respuesta cruzada."), "what was typed comes back");
    assert!(!get(&app, &round, Some(&team)).await.body.contains("Respuesta cruzada."), "nothing stored");

    // A consultation with stakeholders invites accounts by e-mail.
    let (opens, closes) = (lima(-Duration::hours(1)), lima(Duration::days(14)));
    let fields = [("tipo", "consulta_actores"), ("titulo", "Consulta con actores"), ("version_ronda", "1"), ("pasos", "3"), ("abre", opens.as_str()), ("cierra", closes.as_str()), ("cuentas", "cusco@pasos.demo, loreto@pasos.demo")];
    let r = post_form(&app, "/politicas/pnmpeti/entregables/2/rondas", &form(&fields), ORIGIN, Some(&team)).await;
    let actors = r.location;
    let seen = get(&app, &actors, Some(&cusco)).await.body;
    assert!(seen.contains("2 cuentas invitadas") && !seen.contains("loreto@pasos.demo"), "an invitee learns how many, not who: {actors} {}", &seen[seen.find("<main").unwrap_or(0)..]);
    let seen = get(&app, &actors, Some(&team)).await.body;
    assert!(seen.contains("cusco@pasos.demo, loreto@pasos.demo"), "the team sees whom it invited");
    let api = post_form(&app, "/api/rounds", "", ORIGIN, Some(&cusco)).await.body;
    assert!(!api.contains("loreto@pasos.demo"), "nor through the server functions: {api}");
}

/// CEPLAN's observations on the version sent, answered as the matriz de levantamiento says
/// (lifted where the text changed, or sustained), the matrix downloaded by the team and by CEPLAN,
/// the lines CEPLAN typed kept, and the informe de sistematización with the change each accepted
/// observation caused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ceplan_observations_are_answered_in_the_lifting_matrix() {
    let (app, _) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let ceplan = sign_in(&app, "ceplan@pasos.demo").await;
    let cusco = sign_in(&app, "cusco@pasos.demo").await;
    let e = "/politicas/pnmpeti/entregables";
    let record = |page: String, fields: Vec<(&'static str, &'static str)>| {
        let (app, team) = (app.clone(), team.clone());
        async move { post_form(&app, &format!("{page}/transiciones"), &form(&fields), ORIGIN, Some(&team)).await }
    };
    record(format!("{e}/1"), vec![("estado", "conforme"), ("fecha", "2024-01-08"), ("documento", "Oficio N° 5-2024-CEPLAN")]).await;
    let save = |base: &'static str, text: &'static str| {
        let (app, team) = (app.clone(), team.clone());
        async move { post_form(&app, "/politicas/pnmpeti/pasos/3/editar", &form(&[("base", base), ("texto", text), ("accion", "guardar")]), ORIGIN, Some(&team)).await }
    };
    save("0", "La tasa de trabajo infantil fue de 26,1 % en 2015.\n\nLa meta es reducirla.").await;
    record(format!("{e}/2"), vec![("estado", "en_revision_interna"), ("fecha", "2024-01-09")]).await;
    let r = record(format!("{e}/2"), vec![("estado", "remitido_ceplan"), ("fecha", "2024-01-10"), ("documento", "Oficio N° 10-2024-MTPE/2"), ("version", "nueva")]).await;
    assert!(r.location.contains("registrado=1"), "{}", r.location);
    let (opens, closes) = (lima(-Duration::hours(1)), lima(Duration::days(14)));
    let fields = [("tipo", "observaciones_ceplan"), ("titulo", "Observaciones del CEPLAN al E2"), ("version_ronda", "1"), ("pasos", "3"), ("pasos", "4"), ("abre", &opens), ("cierra", &closes)];
    let round = post_form(&app, &format!("{e}/2/rondas"), &form(&fields), ORIGIN, Some(&team)).await.location;
    assert!(round.starts_with("/rondas/"), "{round}");

    // CEPLAN records its observations one by one, numbered, on a paragraph or a step.
    let r = comment(&app, &round, &ceplan, "p3-1", "Precisar la fuente de la tasa.\nLa ETI 2015 no es la última medición.").await;
    assert!(r.location.contains("enviado=1"), "{}", r.location);
    comment(&app, &round, &ceplan, "", "1. Ordenar las causas.\n2. Añadir la minería informal.").await;
    comment(&app, &round, &ceplan, "p3-2", "Cuantificar la meta.").await;
    let page = get(&app, &round, Some(&team)).await;
    assert!(page.body.contains("Precisar la fuente de la tasa.<br>\nLa ETI 2015"), "each line CEPLAN typed stays a line");
    assert!(page.body.contains("No levantada – se sustenta") && !page.body.contains(">Acogido parcialmente<"), "CEPLAN's vocabulary, not the consultation's");
    let ids: Vec<String> = page.body.match_indices("/aportes/").map(|(i, _)| page.body[i + 9..].split('/').next().unwrap().to_string()).collect();
    assert_eq!(ids.len(), 3);

    // The team changes the text, then answers each observation with where it changed.
    save("1", "La tasa de trabajo infantil fue de 14,6 % en 2022 (ENAHO, INEI).\n\nLa meta es reducirla.").await;
    let page = get(&app, &round, Some(&team)).await;
    assert!(page.body.contains("value=\"3-2\""), "the step's revisions are offered to choose from");
    assert!(!page.body.contains("value=\"3-1\""), "but none saved before the observation");
    let answer = |cid: &str, fields: &[(&str, &str)]| {
        let (app, team, uri, body) = (app.clone(), team.clone(), format!("{round}/aportes/{cid}/respuesta"), form(fields));
        async move { post_form(&app, &uri, &body, ORIGIN, Some(&team)).await }
    };
    assert!(answer(&ids[0], &[("estado", "acogido")]).await.location.contains("error=respuesta"));
    assert!(answer(&ids[0], &[("estado", "levantada")]).await.location.contains("error=cambio"), "lifted says where");
    assert!(answer(&ids[0], &[("estado", "levantada"), ("revision", "3-7")]).await.location.contains("error=revision"));
    let r = answer(&ids[0], &[("estado", "levantada"), ("revision", "3-2"), ("ubicacion", "Paso 3, párrafo 1")]).await;
    assert!(r.location.contains("respondido=1"), "{}", r.location);
    assert!(answer(&ids[1], &[("estado", "no_levantada")]).await.location.contains("error=justificacion"));
    answer(&ids[1], &[("estado", "no_levantada"), ("justificacion", "1. El orden sigue el árbol de problemas.\n2. La minería informal es la causa CI 2.3.")]).await;
    answer(&ids[2], &[("estado", "levantada_parcialmente"), ("justificacion", "Se cuantifica al 2030; la meta intermedia depende de la ENAHO 2024."), ("ubicacion", "Paso 4, ficha del IOP1.1")]).await;
    let page = get(&app, &round, Some(&team)).await;
    assert!(page.body.contains("Paso 3, párrafo 1 · ") && page.body.contains("historial?desde=1&amp;hasta=2#comparacion"), "the change, linked to its diff");

    // The matrix the team sends back with the re-entry, as XLSX and DOCX; CEPLAN reads it too; a
    // regional participant, who cannot read the round, gets nothing.
    let xlsx = get(&app, &format!("{round}/levantamiento.xlsx"), Some(&team)).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.bytes)).expect("a valid XLSX");
    let cells: Vec<Vec<String>> = book.worksheet_range("Levantamiento").unwrap().rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(cells[2], ["N°", "Ubicación en la versión remitida", "Observación del CEPLAN", "Estado", "Sustento", "Ubicación del cambio"]);
    assert_eq!((cells[3][3].as_str(), cells[3][5].as_str()), ("Levantada", "Paso 3, párrafo 1 · Paso 3, revisión 2"));
    assert!(cells[4][2].contains("1. Ordenar las causas.\n2. Añadir"), "lines kept: {:?}", cells[4][2]);
    assert_eq!(cells[4][3], "No levantada – se sustenta");
    let docx = get(&app, &format!("{round}/levantamiento.docx"), Some(&team)).await;
    assert_eq!(docx.content_type, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    assert!(docx_rs::read_docx(&docx.bytes).is_ok());
    assert_eq!(get(&app, &format!("{round}/levantamiento.docx"), Some(&ceplan)).await.status, StatusCode::OK);
    assert_eq!(get(&app, &format!("{round}/levantamiento.xlsx"), Some(&cusco)).await.status, StatusCode::FORBIDDEN);

    // The informe de sistematización: counted, and the change each accepted observation caused.
    let report = get(&app, &format!("{round}/informe"), Some(&team)).await;
    assert_eq!(report.status, StatusCode::OK);
    assert!(report.body.contains("Se recibieron 3 aportes") && report.body.contains("Levantada, 1 (33 %)"), "counted from the record");
    assert!(report.body.contains("<del>26,1") && report.body.contains("<ins>14,6"), "the revision's diff is shown: {}", report.body);
    assert!(report.body.contains("<title id=\"grafico-1-t\">Aportes por respuesta</title>"), "charts with their titles");
    // CEPLAN sees the answers only once published: until then, not the report either.
    assert_eq!(get(&app, &format!("{round}/informe"), Some(&ceplan)).await.status, StatusCode::FORBIDDEN);
    let docx = get(&app, &format!("{round}/informe.docx"), Some(&team)).await;
    assert_eq!(docx.status, StatusCode::OK);
    let doc = serde_json::to_string(&docx_rs::read_docx(&docx.bytes).unwrap().document).unwrap();
    assert!(doc.contains("Informe de sistematización de aportes") && doc.contains("Cambios que causaron los aportes acogidos"));
    assert_eq!(get(&app, &format!("{round}/informe.docx"), Some(&cusco)).await.status, StatusCode::FORBIDDEN);
}
