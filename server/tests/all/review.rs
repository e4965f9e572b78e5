//! The formal review over HTTP: who may record what, the sequencing rule, versions sent to CEPLAN,
//! annulment, milestones, the dashboard and the progress-report text.


use crate::common::*;
use pasos_app::domain::DeliverableState;


const E1: &str = "/politicas/pnmpeti/entregables/1";
const E2: &str = "/politicas/pnmpeti/entregables/2";

async fn record(app: &axum::Router, page: &str, token: &str, fields: &[(&str, &str)]) -> Reply {
    post_form(app, &format!("{page}/transiciones"), &form(fields), ORIGIN, Some(token)).await
}

async fn state_of(store: &pasos_app::store::Store, code: &str, n: u8) -> DeliverableState {
    store.deliverable_facts(code, n).await.unwrap().unwrap().state
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_team_records_transitions_and_ceplan_only_its_two_decisions() {
    let (app, store) = app().await;
    let cusco = sign_in(&app, "cusco@pasos.demo").await;
    let r = record(&app, E1, &cusco, &[("estado", "observado_ceplan"), ("fecha", "2024-01-10"), ("documento", "Informe N° 1")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "a participant records nothing");

    let ceplan = sign_in(&app, "ceplan@pasos.demo").await;
    // PNMPETF E1 is being reworked: re-entering it is the team's act, not CEPLAN's.
    let r = record(&app, "/politicas/pnmpetf/entregables/1", &ceplan, &[("estado", "reingresado_ceplan"), ("fecha", "2024-01-10"), ("documento", "Oficio"), ("version", "1")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let page = get(&app, E1, Some(&ceplan)).await;
    assert!(page.body.contains("Registrar observaciones del CEPLAN") && page.body.contains("Registrar conformidad del CEPLAN"));
    let r = record(&app, E1, &ceplan, &[("estado", "observado_ceplan"), ("fecha", "2024-01-10"), ("documento", "Informe N° 12-2024-CEPLAN")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location.ends_with("?registrado=1#revision"), "{}", r.location);
    assert_eq!(state_of(&store, "PNMPETI", 1).await, DeliverableState::ObservadoCeplan);
    let page = get(&app, E1, Some(&ceplan)).await;
    assert!(page.body.contains("Observaciones del CEPLAN al Entregable 1") && page.body.contains("Informe N° 12-2024-CEPLAN"));
    assert!(page.body.contains("Registrado por Analista CEPLAN (demo)"));
    // Starting to answer the observations is the team's, so CEPLAN is offered nothing now.
    assert!(!page.body.contains("Registrar un paso de la revisión"));
    // The team hears of them; a participant does not.
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let notices = get(&app, "/avisos", Some(&team)).await;
    assert!(notices.body.contains("Se registraron las observaciones de CEPLAN al Entregable 1 de PNMPETI."), "{}", notices.body);
    assert!(notices.body.contains("href=\"/politicas/pnmpeti/entregables/1\""));
    assert!(!get(&app, "/avisos", Some(&cusco)).await.body.contains("observaciones de CEPLAN"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn e2_goes_to_ceplan_only_after_e1_is_conforme_with_the_exact_version() {
    let (app, store) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let r = record(&app, E2, &team, &[("estado", "en_revision_interna"), ("fecha", "2024-01-05")]).await;
    assert!(r.location.ends_with("registrado=1#revision"), "{}", r.location);

    let send = [("estado", "remitido_ceplan"), ("fecha", "2024-01-10"), ("documento", "Oficio N° 10-2024-MTPE/2"), ("version", "nueva")];
    let r = record(&app, E2, &team, &send).await;
    assert!(r.location.contains("error=anterior_no_conforme"), "{}", r.location);
    let page = get(&app, &r.location, Some(&team)).await;
    assert!(page.body.contains("value=\"Oficio N° 10-2024-MTPE/2\""), "what was typed comes back");
    assert!(page.body.contains("solo puede remitirse al CEPLAN cuando el entregable anterior esté Conforme"));
    assert!(page.body.contains("value=\"Oficio N° 10-2024-MTPE/2\""));

    let r = record(&app, E1, &team, &[("estado", "conforme"), ("fecha", "2024-01-08"), ("documento", "Oficio N° 5-2024-CEPLAN")]).await;
    assert!(r.location.ends_with("registrado=1#revision"), "{}", r.location);
    // Nothing written in E2 yet: there is no version to send.
    let r = record(&app, E2, &team, &send).await;
    assert!(r.location.contains("error=sin_texto"), "{}", r.location);
    let save = form(&[("base", "0"), ("texto", "Situación futura deseada."), ("accion", "guardar")]);
    post_form(&app, "/politicas/pnmpeti/pasos/3/editar", &save, ORIGIN, Some(&team)).await;
    let r = record(&app, E2, &team, &send).await;
    assert!(r.location.ends_with("registrado=1#revision"), "{}", r.location);
    assert_eq!(state_of(&store, "PNMPETI", 2).await, DeliverableState::RemitidoCeplan);
    let versions = store.versions("PNMPETI", 2).await.unwrap();
    assert_eq!(versions.len(), 1, "sending froze version 1");
    assert!(get(&app, E2, Some(&team)).await.body.contains("Versión remitida: 1"));

    // CEPLAN reads exactly the version sent, not the working text nor other versions.
    let ceplan = sign_in(&app, "ceplan@pasos.demo").await;
    assert_eq!(get(&app, &format!("{E2}/documento?version=1"), Some(&ceplan)).await.status, StatusCode::OK);
    assert_eq!(get(&app, &format!("{E2}/documento.docx?version=1"), Some(&ceplan)).await.status, StatusCode::OK);
    assert_eq!(get(&app, &format!("{E2}/documento"), Some(&ceplan)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(get(&app, "/politicas/pnmpeti/pasos/3", Some(&ceplan)).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dates_are_checked_and_a_mistake_is_annulled_not_erased() {
    let (app, store) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let f = "/politicas/pnmpetf/entregables/1";
    let r = record(&app, f, &team, &[("estado", "reingresado_ceplan"), ("fecha", "2999-01-01"), ("documento", "Oficio"), ("version", "nueva")]).await;
    assert!(r.location.contains("error=fecha_futura"), "{}", r.location);
    // Before the October 2023 reformulation: refused.
    let r = record(&app, f, &team, &[("estado", "reingresado_ceplan"), ("fecha", "2023-09-30"), ("documento", "Oficio"), ("version", "nueva")]).await;
    assert!(r.location.contains("error=fecha_anterior"), "{}", r.location);
    let r = record(&app, f, &team, &[("estado", "reingresado_ceplan"), ("fecha", "2024-02-01"), ("documento", "Oficio N° 99"), ("version", "nueva"), ("enlace", "javascript:alert(1)")]).await;
    assert!(r.location.contains("error=enlace"), "{}", r.location);
    let r = record(&app, f, &team, &[("estado", "reingresado_ceplan"), ("fecha", "2024-02-01"), ("documento", "Oficio N° 99"), ("version", "nueva")]).await;
    assert!(r.location.ends_with("registrado=1#revision"), "{}", r.location);
    assert_eq!(state_of(&store, "PNMPETF", 1).await, DeliverableState::ReingresadoCeplan);

    let events = store.policy_detail("PNMPETF").await.unwrap().unwrap().events;
    let last = events.iter().rev().find(|e| e.deliverable == Some(1)).unwrap().id.clone();
    let older = events.iter().find(|e| e.deliverable == Some(1)).unwrap().id.clone();
    let annul = |id: &str, reason: &str| {
        let body = form(&[("motivo", reason), ("volver", f)]);
        let uri = format!("/politicas/pnmpetf/eventos/{id}/anular");
        let app = app.clone();
        let team = team.clone();
        async move { post_form(&app, &uri, &body, ORIGIN, Some(&team)).await }
    };
    assert!(annul(&older, "error").await.location.contains("error=no_es_el_ultimo"));
    assert!(annul(&last, "  ").await.location.contains("error=motivo"));
    let r = annul(&last, "Se registró el oficio equivocado").await;
    assert_eq!(r.location, format!("{f}?anulado=1#historia"));
    assert_eq!(state_of(&store, "PNMPETF", 1).await, DeliverableState::EnLevantamiento, "back to the state it left");
    let page = get(&app, f, Some(&team)).await;
    assert!(page.body.contains("Anulado") && page.body.contains("Se registró el oficio equivocado") && page.body.contains("Oficio N° 99"));
    let cusco = sign_in(&app, "cusco@pasos.demo").await;
    let r = post_form(&app, &format!("/politicas/pnmpetf/eventos/{older}/anular"), "motivo=x", ORIGIN, Some(&cusco)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn milestones_follow_their_order_once_every_deliverable_is_conforme() {
    let (app, store) = app().await;
    let policy = crate::common::policy("PNX");
    let start = pasos_app::domain::PolicyStart { states: (1..=5).map(|n| (n, DeliverableState::Conforme)).collect(), ..Default::default() };
    store.create_policy_with(policy, start).await.unwrap();
    let boss = sign_in(&app, "directivo@pasos.demo").await;
    assert!(get(&app, "/politicas/pnx", Some(&boss)).await.body.contains("Opinión técnica favorable del CEPLAN"));
    let milestone = |hito: &str, fecha: &str, doc: &str| form(&[("hito", hito), ("fecha", fecha), ("documento", doc)]);
    let r = post_form(&app, "/politicas/pnx/hitos", &milestone("aprobacion", "2024-01-01", "D.S."), ORIGIN, Some(&boss)).await;
    assert!(r.location.contains("error=hito_fuera_de_orden"), "{}", r.location);
    let r = post_form(&app, "/politicas/pnx/hitos", &milestone("opinion_tecnica", "2024-01-01", "Informe N° 3-2024-CEPLAN"), ORIGIN, Some(&boss)).await;
    assert_eq!(r.location, "/politicas/pnx?hito=1#hitos", "{} {}", r.status, r.body);
    let page = get(&app, "/politicas/pnx", Some(&boss)).await;
    assert!(page.body.contains("Registrar el siguiente hito: Prepublicación"));
    let cusco = sign_in(&app, "cusco@pasos.demo").await;
    let r = post_form(&app, "/politicas/pnx/hitos", &milestone("prepublicacion", "2024-02-01", ""), ORIGIN, Some(&cusco)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_and_the_report_tell_the_2023_story() {
    let (app, _) = app().await;
    let boss = sign_in(&app, "directivo@pasos.demo").await;
    let s = Some(boss.as_str());
    let board = get(&app, "/tablero", s).await;
    assert_eq!(board.status, StatusCode::OK);
    assert!(board.body.contains("<svg"), "the timeline is server-rendered SVG");
    assert!(board.body.contains("class=\"seg-remitido_ceplan\""));
    assert!(board.body.contains("PNMPETF · Entregable 1"), "E1 of PNMPETF waits on its observations");
    assert!(board.body.contains("observaciones del CEPLAN sin reingresar"));
    let filtered = get(&app, "/tablero?tema=Trabajo+infantil", s).await;
    assert!(filtered.body.contains("PNMPETI") && !filtered.body.contains(">PNTP<"));

    let report = get(&app, "/politicas/pnmpetf/informe?desde=2023-05&hasta=2023-12", s).await;
    let chosen = &report.body[report.body.find("class=\"chosen\"").expect("one status is marked")..];
    assert!(chosen[..chosen.find("</li>").unwrap()].contains("En curso"), "{chosen}");
    assert_eq!(report.body.matches("class=\"chosen\"").count(), 1);
    assert!(report.body.contains("En el mes de junio de 2023 se remitió al CEPLAN el Entregable 1 (pasos 1 y 2) para su revisión y validación formal."));
    assert!(report.body.contains("En el mes de julio de 2023, el CEPLAN remitió sus comentarios y recomendaciones al Entregable 1 (pasos 1 y 2)"));
    assert!(report.body.contains("class=\"copy-block\""), "the text to copy, selectable without script");
    let md = get(&app, "/politicas/pnmpetf/informe.md?desde=2023-05&hasta=2023-12", s).await;
    assert_eq!(md.content_type, "text/markdown; charset=utf-8");
    assert!(md.body.contains("☒ En curso") && md.body.contains("Situación: **En curso**"));
    let docx = get(&app, "/politicas/pnmpetf/informe.docx?desde=2023-05&hasta=2023-12", s).await;
    assert_eq!(docx.content_type, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    let read = docx_rs::read_docx(&docx.bytes).expect("a DOCX that reads back");
    let json = serde_json::to_string(&read.document).unwrap();
    assert!(json.contains("Durante los meses de octubre a diciembre de 2023 se reformuló el Entregable 1"), "{json}");
    assert_eq!(get(&app, "/politicas/pnmpetf/informe.docx?desde=x&hasta=2023-05", s).await.status, StatusCode::BAD_REQUEST);
    // An imprecise date is never counted to the day: E1 entered its state between October and
    // December 2023, so its time in state is a range; PNMPETI's E1 is only known *as of* the end of 2023.
    assert!(board.body.contains("En el estado: entre "), "a month-precision entry gives bounds");
    assert!(board.body.contains("(inicio no registrado)"), "an as-of state gives only a lower bound");
    assert!(board.body.contains("class=\"seg-en_levantamiento uncertain\""), "the open stretch is drawn faded");
    let bad = get(&app, "/politicas/pnmpetf/informe?desde=2023-12&hasta=2023-05", s).await;
    assert!(bad.body.contains("el primero no posterior al segundo"));
    assert_eq!(get(&app, "/politicas/pnmpetf/informe.md?desde=x&hasta=2023-05", s).await.status, StatusCode::BAD_REQUEST);
}

/// CEPLAN's flow as it runs: a *Conforme* deliverable reopened only with a reason, the lifted
/// text back to the OGPP, CEPLAN's kind of answer, the commission's validation, a milestone left
/// out with its reason, and the team's choice of a report's status with its commentary.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_review_follows_ceplans_flow_and_the_team_may_choose_a_status_with_a_reason() {
    let (app, store) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let f = "/politicas/pnmpetf/entregables/1";
    // PNMPETF E1 is being reformulated: it may pass the OGPP again before going back to CEPLAN.
    let page = get(&app, f, Some(&team)).await;
    assert!(page.body.contains("Enviar de nuevo a revisión interna (OGPP)"));
    assert!(page.body.contains("Historia anterior a Pasos"), "the seeded first state says it was imported");
    assert!(page.body.contains("Tipo de respuesta del CEPLAN: Comentarios y recomendaciones"));
    let r = record(&app, f, &team, &[("estado", "en_revision_interna"), ("fecha", "2024-01-05")]).await;
    assert!(r.location.ends_with("registrado=1#revision"), "{}", r.location);

    // PNMPETI E1: CEPLAN's conformity, then a reopening that must say why.
    let r = record(&app, E1, &team, &[("estado", "conforme"), ("fecha", "2024-01-08"), ("documento", "Oficio N° 5-2024-CEPLAN")]).await;
    assert!(r.location.ends_with("registrado=1#revision"), "{}", r.location);
    let r = record(&app, E1, &team, &[("estado", "en_elaboracion"), ("fecha", "2024-02-01")]).await;
    assert!(r.location.contains("error=motivo_requerido"), "{}", r.location);
    assert_eq!(state_of(&store, "PNMPETI", 1).await, DeliverableState::Conforme);
    let why = "La nueva Guía de Políticas Nacionales obliga a reformular el paso 2.";
    let r = record(&app, E1, &team, &[("estado", "en_elaboracion"), ("fecha", "2024-02-01"), ("nota", why)]).await;
    assert!(r.location.ends_with("registrado=1#revision"), "{}", r.location);
    assert_eq!(state_of(&store, "PNMPETI", 1).await, DeliverableState::EnElaboracion);
    assert!(get(&app, E1, Some(&team)).await.body.contains("Entregable 1 reabierto"));

    // The commission validates E2 (no state changes); a participant may not record it.
    let cusco = sign_in(&app, "cusco@pasos.demo").await;
    let validation = form(&[("validacion", "1"), ("fecha", "2024-02-02"), ("documento", "Acta N° 2-2024-CMPETI")]);
    let r = post_form(&app, &format!("{E2}/validaciones"), &validation, ORIGIN, Some(&cusco)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = post_form(&app, &format!("{E2}/validaciones"), &validation, ORIGIN, Some(&team)).await;
    assert!(r.location.ends_with("validado=1#historia"), "{}", r.location);
    assert_eq!(state_of(&store, "PNMPETI", 2).await, DeliverableState::EnElaboracion);
    assert!(get(&app, E2, Some(&team)).await.body.contains("Validación del Entregable 2 por la comisión multisectorial o grupo de trabajo"));
    // Sent again (the back button), it is recorded once; an act that arrives late keeps its date.
    post_form(&app, &format!("{E2}/validaciones"), &validation, ORIGIN, Some(&team)).await;
    let late = form(&[("validacion", "1"), ("fecha", "2023-11-20"), ("documento", "Acta N° 9-2023-CMPETI")]);
    let r = post_form(&app, &format!("{E2}/validaciones"), &late, ORIGIN, Some(&team)).await;
    assert!(r.location.ends_with("validado=1#historia"), "{}", r.location);
    let validations = store.policy_detail("PNMPETI").await.unwrap().unwrap().events.iter().filter(|e| e.kind == pasos_app::domain::EventKind::Validation).count();
    assert_eq!(validations, 2);

    // The report of 2024 tells both, each in its sentence.
    let report = get(&app, "/politicas/pnmpeti/informe?desde=2024-01&hasta=2024-12", Some(&team)).await;
    assert!(report.body.contains("se reabrió el Entregable 1 (pasos 1 y 2), que contaba con la conformidad del CEPLAN. La nueva Guía"), "{}", report.body);
    assert!(report.body.contains("la comisión multisectorial o grupo de trabajo de la política validó el Entregable 2 (pasos 3 y 4), mediante Acta N° 2-2024-CMPETI."));

    // Choosing another status needs a commentary; then it is printed, and the download carries it.
    let choose = |comment: &str| form(&[("desde", "2023-05"), ("hasta", "2023-12"), ("situacion", "no_alcanzado"), ("comentario", comment)]);
    let r = post_form(&app, "/politicas/pnmpeti/informe/situacion", &choose(" "), ORIGIN, Some(&team)).await;
    assert!(r.location.contains("error=comentario") && r.location.contains("desde=2023-05"), "{}", r.location);
    let r = post_form(&app, "/politicas/pnmpeti/informe/situacion", &choose("El plan preveía remitir el Entregable 2 en 2023."), ORIGIN, Some(&cusco)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "a participant chooses no status");
    let r = post_form(&app, "/politicas/pnmpeti/informe/situacion", &choose("El plan preveía remitir el Entregable 2 en 2023."), ORIGIN, Some(&team)).await;
    assert_eq!(r.location, "/politicas/pnmpeti/informe?desde=2023-05&hasta=2023-12&guardado=1#elegir-situacion");
    let md = get(&app, "/politicas/pnmpeti/informe.md?desde=2023-05&hasta=2023-12", Some(&team)).await;
    assert!(md.body.contains("☒ No alcanzado") && md.body.contains("(Pasos calcula «En curso»): El plan preveía remitir el Entregable 2 en 2023."), "{}", md.body);
    // Sent twice, it is still one choice; back to the computed status, it is gone.
    post_form(&app, "/politicas/pnmpeti/informe/situacion", &choose("El plan preveía remitir el Entregable 2 en 2023."), ORIGIN, Some(&team)).await;
    assert_eq!(store.count("report_status").await.unwrap(), 1);
    let back = form(&[("desde", "2023-05"), ("hasta", "2023-12"), ("situacion", ""), ("comentario", "")]);
    post_form(&app, "/politicas/pnmpeti/informe/situacion", &back, ORIGIN, Some(&team)).await;
    assert!(get(&app, "/politicas/pnmpeti/informe.md?desde=2023-05&hasta=2023-12", Some(&team)).await.body.contains("☒ En curso"));
}

/// A milestone that does not apply is left out only with a reason, and only where the method allows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_milestone_that_does_not_apply_is_left_out_with_its_reason() {
    let (app, store) = app().await;
    let start = pasos_app::domain::PolicyStart { states: (1..=5).map(|n| (n, DeliverableState::Conforme)).collect(), ..Default::default() };
    store.create_policy_with(crate::common::policy("PNX"), start).await.unwrap();
    let boss = sign_in(&app, "directivo@pasos.demo").await;
    let post = |fields: &[(&str, &str)]| {
        let (app, boss, body) = (app.clone(), boss.clone(), form(fields));
        async move { post_form(&app, "/politicas/pnx/hitos", &body, ORIGIN, Some(&boss)).await }
    };
    let r = post(&[("hito", "opinion_tecnica"), ("fecha", "2024-01-01"), ("documento", "Informe N° 3-2024-CEPLAN"), ("omitir", "1"), ("nota", "x")]).await;
    assert!(r.location.contains("error=no_omitible"), "{}", r.location);
    post(&[("hito", "opinion_tecnica"), ("fecha", "2024-01-01"), ("documento", "Informe N° 3-2024-CEPLAN")]).await;
    let page = get(&app, "/politicas/pnx", Some(&boss)).await;
    assert!(page.body.contains("omitirlo (indique el motivo en la nota)"), "prepublication may be left out");
    let r = post(&[("hito", "prepublicacion"), ("fecha", "2024-01-02"), ("omitir", "1")]).await;
    assert!(r.location.contains("error=motivo_requerido"), "{}", r.location);
    let r = post(&[("hito", "prepublicacion"), ("fecha", "2024-01-02"), ("omitir", "1"), ("nota", "No se prepublicó: consulta pública previa.")]).await;
    assert_eq!(r.location, "/politicas/pnx?hito=1#hitos");
    let page = get(&app, "/politicas/pnx", Some(&boss)).await;
    assert!(page.body.contains("No corresponde: Prepublicación del proyecto de decreto supremo"));
    assert!(page.body.contains("Registrar el siguiente hito: Conformidad de los sectores corresponsables"));
}

/// With the deployment's holidays the dashboard also counts working days, where the holidays
/// cover the stretch; the 2023 history, which they do not cover, gets none.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn working_days_show_where_the_holidays_cover_the_stretch() {
    let today = pasos_app::domain::time::today();
    let start = today - chrono::Duration::days(20);
    // The years of the stretch only (never 2023): a holiday each, on New Year's Day.
    let years: String = (chrono::Datelike::year(&start)..=chrono::Datelike::year(&today)).map(|y| format!("{y}-01-01 Año Nuevo\n")).collect();
    let app = TestApp::new().await.with_holidays(&years);
    let team = app.with_role(pasos_app::domain::Role::Equipo).of_policy("PNMPETI").signed_in().await;
    let r = app.post(&format!("{E2}/transiciones"), &[("estado", "en_revision_interna"), ("fecha", &start.to_string())], &team).await;
    assert!(r.location.ends_with("registrado=1#revision"), "{}", r.location);
    let holidays = pasos_app::domain::calendar::Holidays::parse(&years).unwrap();
    let expected = holidays.working_days(start, today).unwrap();
    let board = app.get("/tablero", &team).await;
    let unit = if expected == 1 { "día hábil" } else { "días hábiles" };
    assert!(board.body.contains(&format!("Días hábiles en el estado: {expected} {unit}")), "{}", board.body);
    assert_eq!(board.body.matches("Días hábiles en el estado").count(), 1, "only the deliverable dated within the covered years");
}

/// A mistyped year is refused with a Spanish sentence, not shown as 739,949 days with CEPLAN.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn implausible_dates_are_refused() {
    let (app, _) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    for date in ["0001-01-01", "1989-12-31"] {
        let r = record(&app, E1, &team, &[("estado", "observado_ceplan"), ("fecha", date), ("documento", "Informe N° 1")]).await;
        assert!(r.location.contains("error=fecha_antigua"), "{date}: {}", r.location);
        let page = get(&app, &r.location, Some(&team)).await;
        assert!(page.body.contains("no puede ser anterior a 1990"), "{date}");
    }
}

/// CEPLAN reads only what was sent to it: an observations round cannot be opened on a version
/// never sent, so CEPLAN never reads one through a round.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_observations_round_needs_a_version_sent_to_ceplan() {
    let (app, _) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let save = form(&[("base", "0"), ("texto", "Borrador que no se remitió."), ("accion", "guardar")]);
    post_form(&app, "/politicas/pnmpeti/pasos/3/editar", &save, ORIGIN, Some(&team)).await;
    post_form(&app, &format!("{E2}/versiones"), "nota=Borrador", ORIGIN, Some(&team)).await;
    let (opens, closes) = (lima(-chrono::Duration::hours(1)), lima(chrono::Duration::days(14)));
    let fields = [("tipo", "observaciones_ceplan"), ("titulo", "Observaciones"), ("version_ronda", "1"), ("pasos", "3"), ("abre", opens.as_str()), ("cierra", closes.as_str())];
    let r = post_form(&app, &format!("{E2}/rondas"), &form(&fields), ORIGIN, Some(&team)).await;
    assert!(r.location.contains("error=version_no_remitida"), "{}", r.location);
    let page = get(&app, &r.location, Some(&team)).await;
    assert!(page.body.contains("El CEPLAN solo lee lo que se le remitió"));
}

/// The work plan: set by the team, re-planned only with a reason and from the version in force,
/// refused lines said where they are with what was typed, and a deliverable late against it shown
/// on the dashboard and in the attention list.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_is_set_replanned_and_lateness_shows_on_the_dashboard() {
    let (app, store) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let ceplan = sign_in(&app, "ceplan@pasos.demo").await;
    let cusco = sign_in(&app, "cusco@pasos.demo").await;
    const PLAN: &str = "/politicas/pnmpeti/plan";
    let lines = |e3: (&'static str, &'static str), e4: (&'static str, &'static str), base: &'static str, reason: &'static str| {
        vec![
            ("base", base),
            ("linea", "entregable-3"),
            ("inicio", e3.0),
            ("fin", e3.1),
            ("linea", "entregable-4"),
            ("inicio", e4.0),
            ("fin", e4.1),
            ("linea", "aprobacion"),
            ("inicio", ""),
            ("fin", ""),
            ("motivo", reason),
        ]
    };
    let page = get(&app, PLAN, Some(&team)).await;
    assert!(page.body.contains("La política aún no tiene plan de trabajo") && page.body.contains("Fijar el plan de trabajo"));
    // A line with one date is refused at that line, with what was typed.
    let r = post_form(&app, PLAN, &form(&lines(("2026-01-05", ""), ("", ""), "0", "")), ORIGIN, Some(&team)).await;
    assert!(r.location.contains("error=fecha_faltante") && r.location.ends_with("#plan-entregable-3-mensaje"), "{}", r.location);
    let back = get(&app, &r.location, Some(&team)).await;
    assert!(back.body.contains("value=\"2026-01-05\"") && back.body.contains("id=\"plan-entregable-3-mensaje\""), "said at its line, the date kept");
    let r = post_form(&app, PLAN, &form(&lines(("2026-01-05", "2026-02-27"), ("2026-03-01", "2027-06-30"), "0", "")), ORIGIN, Some(&team)).await;
    assert!(r.location.contains("guardado=1"), "{}", r.location);
    // The same dates again, a re-plan without its reason, and a form opened on an older version.
    let same = post_form(&app, PLAN, &form(&lines(("2026-01-05", "2026-02-27"), ("2026-03-01", "2027-06-30"), "1", "nada")), ORIGIN, Some(&team)).await;
    assert!(same.location.contains("error=sin_cambios"), "{}", same.location);
    let r = post_form(&app, PLAN, &form(&lines(("2026-01-05", "2026-03-31"), ("2026-03-01", "2027-06-30"), "1", " ")), ORIGIN, Some(&team)).await;
    assert!(r.location.contains("error=motivo"), "{}", r.location);
    let moved = lines(("2026-01-05", "2026-03-31"), ("2026-04-01", "2027-06-30"), "1", "El CEPLAN pidió ampliar el paso 5.");
    assert!(post_form(&app, PLAN, &form(&moved), ORIGIN, Some(&team)).await.location.contains("guardado=2"));
    let stale = post_form(&app, PLAN, &form(&moved), ORIGIN, Some(&team)).await;
    assert!(stale.location.contains("error=plan_cambiado"), "a form opened on version 1 does not overwrite version 2: {}", stale.location);
    assert_eq!(store.work_plans("PNMPETI").await.unwrap().len(), 2, "each version kept once");

    // E3 is not Conforme and its planned end has passed: late, re-planned, on the plan's page and
    // on the dashboard, and in the attention list.
    let page = get(&app, PLAN, Some(&ceplan)).await;
    assert_eq!(page.status, StatusCode::OK, "CEPLAN follows progress");
    assert!(page.body.contains("Con retraso de") && page.body.contains("(replanificado)") && page.body.contains("El CEPLAN pidió ampliar el paso 5."));
    assert!(page.body.contains("class=\"timeline-chart plan-chart\""), "the plan-versus-actual timeline");
    assert!(!page.body.contains("Guardar el plan"), "CEPLAN does not plan the ministry's work");
    let board = get(&app, "/tablero", Some(&team)).await;
    assert!(board.body.contains("Plan: hasta 31/03/2026 (replanificado) · Con retraso de"), "plan against actual in the matrix");
    assert!(board.body.contains("PNMPETI · Entregable 3</a>: con retraso respecto del plan de trabajo"), "the attention list");
    // Who may plan, and who may read the plan.
    assert_eq!(post_form(&app, PLAN, &form(&moved), ORIGIN, Some(&ceplan)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(post_form(&app, PLAN, &form(&moved), ORIGIN, Some(&cusco)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(get(&app, PLAN, Some(&cusco)).await.status, StatusCode::FORBIDDEN);
    let directivo = sign_in(&app, "directivo@pasos.demo").await;
    let r = post_form(&app, PLAN, &form(&lines(("2026-01-05", "2026-03-31"), ("2026-04-01", "2027-09-30"), "2", "Nueva fecha del CEPLAN.")), ORIGIN, Some(&directivo)).await;
    assert!(r.location.contains("guardado=3"), "a manager re-plans too: {}", r.location);
}
