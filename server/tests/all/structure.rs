//! Structured content over HTTP: the team builds a chain cause → objective → indicator →
//! guideline → service → standard → activity from plain forms; refusals keep what was typed; the
//! matriz de consistencia (page and XLSX) shows the chain and its gaps; versions, documents and
//! rounds carry the structure.


use crate::common::*;
use pasos_app::domain::structure::ItemKind;
use pasos_app::store::Store;


const POLICY: &str = "PNMPETF";

fn page(step: u8) -> String {
    format!("/politicas/pnmpetf/pasos/{step}/estructura")
}

async fn id_of(store: &Store, code: &str) -> String {
    store.items(POLICY).await.unwrap().into_iter().find(|i| i.code == code).unwrap_or_else(|| panic!("no {code}")).id
}

/// Posts a form to a step's structure page and expects to land on it with `guardado=CODE`.
async fn add(app: &axum::Router, s: Option<&str>, step: u8, pairs: &[(&str, &str)], code: &str) {
    let mut all = vec![("accion", "guardar")];
    all.extend_from_slice(pairs);
    let r = post_form(app, &page(step), &form(&all), ORIGIN, s).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location, format!("{}?guardado={code}#item-{code}", page(step)), "{pairs:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_team_builds_a_chain_and_the_matrix_follows_it() {
    let (app, store) = app().await;
    let token = sign_in(&app, "equipo@pasos.demo").await;
    let s = Some(token.as_str());

    add(&app, s, 2, &[("tipo", "causa_directa"), ("v:enunciado", "Débil fiscalización laboral"), ("v:fuerza_evidencia", "alta")], "CD1").await;
    let cd1 = id_of(&store, "CD1").await;
    add(&app, s, 2, &[("tipo", "causa_indirecta"), ("padre", &cd1), ("v:enunciado", "Pocos inspectores en zonas rurales")], "CI1.1").await;
    let tree = get(&app, &page(2), s).await;
    assert!(tree.body.contains("Árbol de causas") && tree.body.contains("Pocos inspectores en zonas rurales"));

    add(&app, s, 5, &[("tipo", "objetivo"), ("v:enunciado", "Reducir el trabajo forzoso"), ("v:causa", &cd1), ("v:responsable", "MTPE")], "OP1").await;
    let op1 = id_of(&store, "OP1").await;
    let indicator = |targets: &[(&'static str, &'static str)]| {
        let mut v: Vec<(&str, &str)> = vec![
            ("tipo", "indicador"),
            ("padre", op1.as_str()),
            ("v:nombre", "Tasa de trabajo forzoso"),
            ("v:responsable", "MTPE"),
            ("v:formula", "Casos / población ocupada × 100"),
            ("v:unidad", "Porcentaje"),
            ("v:sentido", "descendente"),
            ("v:fuente", "ENAHO"),
            ("v:linea_base_anio", "2027"),
            ("v:linea_base_valor", "2,5"),
        ];
        v.extend_from_slice(targets);
        v
    };
    // Against the expected direction: refused, every field comes back as typed.
    let bad = indicator(&[("meta:2028", "2,4"), ("meta:2029", "2,6"), ("meta:2030", "2")]);
    let r = post_form(&app, &page(5), &form(&[&[("accion", "guardar")], bad.as_slice()].concat()), ORIGIN, s).await;
    assert!(r.location.contains("error=meta_sentido"), "{}", r.location);
    let back = get(&app, &r.location, s).await;
    assert!(back.body.contains("La meta de 2029 va en contra del sentido esperado del indicador."));
    assert!(back.body.contains("value=\"2,6\"") && back.body.contains("Casos / población ocupada × 100"), "nothing typed is lost");
    assert!(store.items(POLICY).await.unwrap().iter().all(|i| i.kind != ItemKind::Indicator), "nothing stored");
    // A year missing, then a year past the horizon.
    let r = post_form(&app, &page(5), &form(&[&[("accion", "guardar")], indicator(&[("meta:2028", "2,4"), ("meta:2030", "2")]).as_slice()].concat()), ORIGIN, s).await;
    assert!(r.location.contains("error=meta_faltante"), "{}", r.location);
    assert!(get(&app, &r.location, s).await.body.contains("2029"), "the page names the missing year");
    let r = post_form(&app, &page(5), &form(&[&[("accion", "guardar")], indicator(&[("meta:2028", "2,4"), ("meta:2029", "2,2"), ("meta:2030", "2"), ("meta:2031", "1")]).as_slice()].concat()), ORIGIN, s).await;
    assert!(r.location.contains("error=meta_fuera"), "{}", r.location);
    let good = indicator(&[("meta:2028", "2,4"), ("meta:2029", "2,2"), ("meta:2030", "2")]);
    add(&app, s, 5, &good, "IOP1.1").await;

    add(&app, s, 4, &[("tipo", "alternativa"), ("v:causa", &cd1), ("v:enunciado", "Inspección móvil"), ("v:tipo", "nueva"), ("v:decision", "seleccionada"), ("puntaje:Viabilidad política", "4"), ("puntaje:Efectividad", "5")], "ALT1").await;
    let alternatives = get(&app, &page(4), s).await;
    assert!(alternatives.body.contains("<strong>9</strong>"), "the total is computed");
    let r = post_form(&app, &page(4), &form(&[("accion", "guardar"), ("tipo", "alternativa"), ("v:causa", &cd1), ("v:enunciado", "Otra"), ("v:tipo", "nueva"), ("v:decision", "pendiente"), ("puntaje:Efectividad", "7")]), ORIGIN, s).await;
    assert!(r.location.contains("error=puntaje"), "{}", r.location);

    add(&app, s, 6, &[("tipo", "lineamiento"), ("padre", &op1), ("v:enunciado", "Fortalecer la inspección"), ("v:alternativa", &id_of(&store, "ALT1").await)], "L1.1").await;
    add(&app, s, 7, &[("tipo", "servicio"), ("padre", &id_of(&store, "L1.1").await), ("v:nombre", "Inspección especializada"), ("v:receptor", "Trabajadores"), ("v:proveedor", "SUNAFIL"), ("v:nivel", "nacional")], "S1.1.1").await;

    // The chain so far: the service has neither a standard nor an activity yet.
    let matrix = get(&app, "/politicas/pnmpetf/matriz-de-consistencia", s).await;
    assert_eq!(matrix.status, StatusCode::OK);
    for needle in ["CD1. Débil fiscalización laboral", "OP1. Reducir el trabajo forzoso", "IOP1.1. Tasa de trabajo forzoso", "L1.1. Fortalecer la inspección", "S1.1.1. Inspección especializada", "servicio sin estándar"] {
        assert!(matrix.body.contains(needle), "{needle}");
    }
    assert!(matrix.body.contains("class=\"gap\""), "gaps are marked");

    let s111 = id_of(&store, "S1.1.1").await;
    add(&app, s, 7, &[("tipo", "estandar"), ("padre", &s111), ("v:atributo", "oportunidad"), ("v:descripcion", "Atención en 30 días"), ("v:indicador", "% de casos en plazo")], "E1.1.1.1").await;
    add(&app, s, 8, &[("tipo", "actividad"), ("padre", &s111), ("v:nombre", "Operativos"), ("v:unidad", "Operativo"), ("v:meta_anual", "1 200"), ("v:responsable", "Intendencia de SUNAFIL")], "A1.1.1.1").await;

    let xlsx = get(&app, "/politicas/pnmpetf/matriz-de-consistencia.xlsx", s).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.bytes)).expect("a valid XLSX");
    let sheet = book.worksheet_range("Matriz de consistencia").unwrap();
    let cells: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(cells[2][1], "Causa");
    assert_eq!(cells.len(), 4, "title, blank, header and the one chain: {cells:?}");
    assert_eq!(&cells[3][1..9], ["CD1. Débil fiscalización laboral", "OP1. Reducir el trabajo forzoso", "IOP1.1. Tasa de trabajo forzoso", "L1.1. Fortalecer la inspección", "S1.1.1. Inspección especializada", "E1.1.1.1 Atención en 30 días", "A1.1.1.1. Operativos", "Intendencia de SUNAFIL"]);
    assert_eq!(cells[3][9], "", "a whole chain has no gaps");

    // Links cannot dangle: the cause is cited.
    let r = post_form(&app, &page(2), &form(&[("accion", "eliminar"), ("id", &cd1)]), ORIGIN, s).await;
    let refused = get(&app, &r.location, s).await;
    assert!(refused.body.contains("No se puede eliminar: lo citan ALT1, CI1.1, OP1."), "{}", r.location);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn structure_is_versioned_printed_and_commentable() {
    let (app, store) = app().await;
    let token = sign_in(&app, "equipo@pasos.demo").await;
    let s = Some(token.as_str());
    add(&app, s, 2, &[("tipo", "causa_directa"), ("v:enunciado", "Pobreza monetaria")], "CD1").await;
    add(&app, s, 2, &[("tipo", "causa_directa"), ("v:enunciado", "Tolerancia social")], "CD2").await;

    // A structure change is a revision of the step; an editor opened before it still saves.
    let history = get(&app, "/politicas/pnmpetf/pasos/2/historial", s).await;
    assert!(history.body.contains("Estructura: Agrega CD2"));
    let base = store.step_revision(POLICY, 2).await.unwrap().unwrap() - 2;
    let r = post_form(&app, "/politicas/pnmpetf/pasos/2/editar", &form(&[("base", &base.to_string()), ("texto", "Texto del paso 2"), ("accion", "guardar")]), ORIGIN, s).await;
    assert!(r.location.contains("guardado="), "only the structure changed since: no conflict ({})", r.location);

    let r = post_form(&app, "/politicas/pnmpetf/entregables/1/versiones", "nota=Con+causas", ORIGIN, s).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let cd2 = id_of(&store, "CD2").await;
    add(&app, s, 2, &[("tipo", "causa_directa"), ("id", &cd2), ("v:enunciado", "Tolerancia social al trabajo forzoso")], "CD2").await;

    // The frozen version keeps the structure it froze; the working text has the new one.
    let versions = store.versions(POLICY, 1).await.unwrap();
    let v = versions.first().unwrap().number;
    let frozen = get(&app, &format!("/politicas/pnmpetf/entregables/1/documento?version={v}"), s).await;
    assert!(frozen.body.contains("<td>Tolerancia social</td>") && !frozen.body.contains("Tolerancia social al trabajo forzoso"), "frozen");
    let working = get(&app, "/politicas/pnmpetf/entregables/1/documento", s).await;
    assert!(working.body.contains("Tolerancia social al trabajo forzoso"));
    let diff = get(&app, &format!("/politicas/pnmpetf/entregables/1?desde={v}&hasta=0"), s).await;
    assert!(diff.body.contains("<ins>al trabajo forzoso"), "the version diff includes the structure");
    let docx = get(&app, &format!("/politicas/pnmpetf/entregables/1/documento.docx?version={v}"), s).await;
    let doc = docx_rs::read_docx(&docx.bytes).expect("a valid DOCX");
    let xml = serde_json::to_string(&doc.document).unwrap();
    assert!(xml.contains("Causas directas") && xml.contains("Pobreza monetaria"), "the DOCX has the tables");

    // Deleting CD1 does not renumber CD2; renumbering is explicit and leaves frozen versions alone.
    let r = post_form(&app, &page(2), &form(&[("accion", "eliminar"), ("id", &id_of(&store, "CD1").await)]), ORIGIN, s).await;
    assert!(r.location.contains("eliminado=1"), "{}", r.location);
    add(&app, s, 2, &[("tipo", "causa_directa"), ("v:enunciado", "Informalidad")], "CD3").await;
    let r = post_form(&app, &page(2), "accion=renumerar", ORIGIN, s).await;
    assert!(r.location.contains("renumerados=2"), "{}", r.location);
    let codes: Vec<String> = store.items(POLICY).await.unwrap().into_iter().map(|i| i.code).collect();
    assert_eq!(codes.iter().filter(|c| c.starts_with("CD")).count(), 2);
    assert!(codes.contains(&"CD1".to_string()) && codes.contains(&"CD2".to_string()), "{codes:?}");
    let frozen = get(&app, &format!("/politicas/pnmpetf/entregables/1/documento?version={v}"), s).await;
    assert!(frozen.body.contains("<td>CD1</td><td>Pobreza monetaria</td>"), "the frozen version keeps its codes");

    // A round on that version: a contribution anchors to an item and quotes it.
    let (opens, closes) = (lima(-chrono::Duration::hours(1)), lima(chrono::Duration::days(14)));
    let vs = v.to_string();
    let fields = [("tipo", "revision_interna"), ("titulo", "Revisión de causas"), ("version_ronda", vs.as_str()), ("pasos", "2"), ("abre", &opens), ("cierra", &closes)];
    let r = post_form(&app, "/politicas/pnmpetf/entregables/1/rondas", &form(&fields), ORIGIN, s).await;
    let round = r.location.strip_prefix("/rondas/").unwrap_or_else(|| panic!("{}", r.location)).to_string();
    let text = get(&app, &r.location, s).await;
    assert!(text.body.contains("id=\"i-CD2\"") && text.body.contains("Comentar este elemento (CD2)"), "items are anchors");
    let r = post_form(&app, &format!("/rondas/{round}/aportes"), &form(&[("paso", "2"), ("parrafo", "i-CD2"), ("texto", "Precisar la causa")]), ORIGIN, s).await;
    assert!(r.location.contains("enviado="), "{}", r.location);
    let c = store.contributions(&round).await.unwrap().pop().unwrap();
    assert_eq!(c.anchor.as_deref(), Some("i-CD2"));
    assert!(c.passage.unwrap().starts_with("Causa directa CD2: Tolerancia social"));
    let r = post_form(&app, &format!("/rondas/{round}/aportes"), &form(&[("paso", "2"), ("parrafo", "i-CD9"), ("texto", "x")]), ORIGIN, s).await;
    assert!(r.location.contains("error="), "an anchor that is not in the version is refused");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_and_bad_input_answer_in_spanish() {
    let (app, store) = app().await;
    let token = sign_in(&app, "equipo@pasos.demo").await;
    let s = Some(token.as_str());
    let r = post_form(&app, &page(5), "accion=horizonte&horizonte=dos+mil", ORIGIN, s).await;
    assert!(get(&app, &r.location, s).await.body.contains("Indique el año del horizonte con cuatro cifras"));
    let r = post_form(&app, &page(5), "accion=horizonte&horizonte=2035", ORIGIN, s).await;
    assert!(r.location.contains("ajuste=1"));
    assert_eq!(store.structure_settings(POLICY).await.unwrap().0, 2035);
    let r = post_form(&app, &page(4), &form(&[("accion", "criterios"), ("criterios", "Costo\nImpacto\n")]), ORIGIN, s).await;
    assert!(r.location.contains("ajuste=1"));
    assert!(get(&app, &page(4), s).await.body.contains("Impacto (1–5)"), "the alternatives' form scores on the new criteria");
    let r = post_form(&app, &page(4), "accion=criterios&criterios=", ORIGIN, s).await;
    assert!(get(&app, &r.location, s).await.body.contains("Indique de 1 a 8 criterios"));
    // An objective for a kind of another step, an unknown action, a missing required field.
    let r = post_form(&app, &page(2), "accion=guardar&tipo=objetivo&v%3Aenunciado=X", ORIGIN, s).await;
    assert!(r.location.contains("error=opcion"), "{}", r.location);
    assert_eq!(post_form(&app, &page(2), "accion=borrar-todo", ORIGIN, s).await.status, StatusCode::BAD_REQUEST);
    let r = post_form(&app, &page(5), "accion=guardar&tipo=objetivo&v%3Aenunciado=Reducir", ORIGIN, s).await;
    let back = get(&app, &r.location, s).await;
    assert!(back.body.contains("Complete el campo «Causa directa que atiende»."));
    assert!(back.body.contains(">Reducir</textarea>"), "what was typed comes back");
    assert_eq!(get(&app, "/politicas/pnmpetf/pasos/12/estructura", s).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_values_stay_text_everywhere_they_are_shown() {
    let (app, store) = app().await;
    let token = sign_in(&app, "equipo@pasos.demo").await;
    let s = Some(token.as_str());
    let payload = "<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)> | </textarea><b>";
    add(&app, s, 2, &[("tipo", "causa_directa"), ("v:enunciado", payload), ("v:evidencia", payload)], "CD1").await;
    add(&app, s, 2, &[("tipo", "causa_directa"), ("v:enunciado", payload)], "CD2").await;
    let last = store.step_revision(POLICY, 2).await.unwrap().unwrap();
    add(&app, s, 5, &[("tipo", "objetivo"), ("v:enunciado", payload), ("v:causa", &id_of(&store, "CD1").await), ("v:responsable", "MTPE")], "OP1").await;
    for uri in [
        page(2),
        format!("{}?editar={}", page(2), id_of(&store, "CD1").await),
        "/politicas/pnmpetf/matriz-de-consistencia".to_string(),
        "/politicas/pnmpetf/entregables/1/documento".to_string(),
        format!("/politicas/pnmpetf/pasos/2/historial?desde={}&hasta={last}", last - 1),
    ] {
        let body = get(&app, &uri, s).await.body;
        assert!(body.contains("alert(1)"), "{uri} shows the value");
        // As text the payload is harmless; as markup it would run.
        for live in ["<script>alert", "href=\"javascript:", "<img", "<b>"] {
            assert!(!body.contains(live), "{uri} lets {live} through");
        }
    }
}
