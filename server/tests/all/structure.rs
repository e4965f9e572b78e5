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

/// A service's fields under guideline `parent`.
fn service<'a>(parent: &'a str, name: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("tipo", "servicio"),
        ("padre", parent),
        ("v:nombre", name),
        ("v:receptor", "Trabajadores"),
        ("v:poblacion", "Población ocupada en zonas de riesgo"),
        ("v:condicion", "mejora"),
        ("v:proveedor", "SUNAFIL"),
        ("v:nivel", "nacional"),
        ("v:nivel", "regional"),
    ]
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
    let indicator = |series: &[(&'static str, &'static str)]| {
        let mut v: Vec<(&str, &str)> = vec![
            ("tipo", "indicador"),
            ("padre", op1.as_str()),
            ("v:nombre", "Tasa de trabajo forzoso"),
            ("v:tipo", "resultado"),
            ("v:justificacion", "Mide directamente el problema público"),
            ("v:responsable", "MTPE"),
            ("v:formula", "Casos / población ocupada × 100"),
            ("v:variables", "Casos: personas en trabajo forzoso; población ocupada: ENAHO"),
            ("v:parametro", "porcentaje"),
            ("v:sentido", "descendente"),
            ("v:fuente", "ENAHO"),
            ("v:linea_base_estado", "con_valor"),
            ("v:linea_base_anio", "2019"),
            ("v:linea_base_valor", "2,5 %"),
        ];
        v.extend_from_slice(series);
        v
    };
    // Against the expected direction: refused, every field comes back as typed.
    let bad = indicator(&[("obtenido:2023", "2,4"), ("meta:2028", "2,3"), ("meta:2029", "2,6"), ("meta:2030", "2")]);
    let r = post_form(&app, &page(5), &form(&[&[("accion", "guardar")], bad.as_slice()].concat()), ORIGIN, s).await;
    assert!(r.location.contains("error=meta_sentido"), "{}", r.location);
    let back = get(&app, &r.location, s).await;
    assert!(back.body.contains("El logro esperado de 2029 va en contra del sentido esperado del indicador."));
    assert!(back.body.contains("value=\"2,6\"") && back.body.contains("value=\"2,4\"") && back.body.contains("Casos / población ocupada × 100"), "nothing typed is lost");
    assert!(store.items(POLICY).await.unwrap().iter().all(|i| i.kind != ItemKind::Indicator), "nothing stored");
    // The horizon's achievement missing, then a year past the horizon.
    let r = post_form(&app, &page(5), &form(&[&[("accion", "guardar")], indicator(&[("meta:2028", "2,4")]).as_slice()].concat()), ORIGIN, s).await;
    assert!(r.location.contains("error=meta_faltante"), "{}", r.location);
    assert!(get(&app, &r.location, s).await.body.contains("Falta el logro esperado de 2030"), "the page names the horizon");
    let r = post_form(&app, &page(5), &form(&[&[("accion", "guardar")], indicator(&[("meta:2030", "2"), ("meta:2031", "1")]).as_slice()].concat()), ORIGIN, s).await;
    assert!(r.location.contains("error=meta_fuera"), "{}", r.location);
    let good = indicator(&[("obtenido:2021", "2,6"), ("obtenido:2023", "2,4 %"), ("meta:2026", "como máximo 2,2 %"), ("meta:2030", "2")]);
    add(&app, s, 5, &good, "IOP1.1").await;
    let ficha = get(&app, &page(5), s).await;
    assert!(ficha.body.contains("Ficha técnica del indicador IOP1.1") && ficha.body.contains("Valor actual"), "the step shows the ficha");
    assert!(ficha.body.contains("como máximo 2,2\u{a0}%"), "a qualified achievement is kept as typed");
    assert!(ficha.body.contains("<svg") && ficha.body.contains("role=\"img\""), "and its chart");

    add(&app, s, 4, &[("tipo", "alternativa"), ("v:causa", &cd1), ("v:enunciado", "Inspección móvil"), ("v:tipo", "nueva"), ("v:decision", "seleccionada"), ("puntaje:Viabilidad política", "4"), ("puntaje:Efectividad", "5")], "ALT1").await;
    let alternatives = get(&app, &page(4), s).await;
    assert!(alternatives.body.contains("<strong>9</strong>"), "the total is computed");
    let r = post_form(&app, &page(4), &form(&[("accion", "guardar"), ("tipo", "alternativa"), ("v:causa", &cd1), ("v:enunciado", "Otra"), ("v:tipo", "nueva"), ("v:decision", "pendiente"), ("puntaje:Efectividad", "7")]), ORIGIN, s).await;
    assert!(r.location.contains("error=puntaje"), "{}", r.location);

    add(&app, s, 6, &[("tipo", "lineamiento"), ("padre", &op1), ("v:enunciado", "Fortalecer la inspección"), ("v:alternativa", &id_of(&store, "ALT1").await)], "L1.1").await;
    add(&app, s, 7, &service(&id_of(&store, "L1.1").await, "Inspección especializada"), "S1.1.1").await;

    // The chain so far: the service has neither a standard nor an activity yet.
    let matrix = get(&app, "/politicas/pnmpetf/matriz-de-consistencia", s).await;
    assert_eq!(matrix.status, StatusCode::OK);
    for needle in ["CD1. Débil fiscalización laboral", "OP1. Reducir el trabajo forzoso", "IOP1.1. Tasa de trabajo forzoso", "L1.1. Fortalecer la inspección", "S1.1.1. Inspección especializada", "servicio sin estándar"] {
        assert!(matrix.body.contains(needle), "{needle}");
    }
    assert!(matrix.body.contains("class=\"gap\""), "gaps are marked");

    let s111 = id_of(&store, "S1.1.1").await;
    add(&app, s, 7, &[("tipo", "estandar"), ("padre", &s111), ("v:atributo", "oportunidad"), ("v:descripcion", "Atención en 30 días"), ("v:indicador", "% de casos en plazo")], "E1.1.1.1").await;
    add(&app, s, 8, &[("tipo", "actividad"), ("padre", &s111), ("v:nombre", "Operativos"), ("v:unidad", "Operativo"), ("meta:2027", "1 200"), ("v:responsable", "Intendencia de SUNAFIL")], "A1.1.1.1").await;

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
    let c = store.contributions(&round).await.unwrap().last().cloned().unwrap();
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
    assert_eq!(store.structure_settings(POLICY).await.unwrap().horizon, 2035);
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

/// Posts an indicator's form (owned pairs) to the step its kind belongs to.
async fn send(app: &axum::Router, s: Option<&str>, v: Vec<(String, String)>) -> Reply {
    let kind = v.iter().find(|(k, _)| k == "tipo").map(|(_, x)| x.as_str()).unwrap_or_default();
    let step = ItemKind::from_key(kind).map(|k| k.step()).unwrap_or(5);
    let borrowed: Vec<(&str, &str)> = v.iter().map(|(k, x)| (k.as_str(), x.as_str())).collect();
    post_form(app, &page(step), &form(&borrowed), ORIGIN, s).await
}

/// Posts a structure form and returns where it leads and that page.
async fn refused(app: &axum::Router, s: Option<&str>, step: u8, pairs: &[(&str, &str)], error: &str) -> String {
    let r = post_form(app, &page(step), &form(pairs), ORIGIN, s).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location.contains(&format!("error={error}")), "{error}: {}", r.location);
    get(app, &r.location, s).await.body
}

/// What the real policies state fits the forms, without JavaScript: the problem's statement, the
/// desired future with its indicator, a forced-labour indicator whose baseline is still to be
/// built, the year fields that follow the baseline, a service indicator, sequential and the
/// policy's own codes, a discarded alternative's reason, structured horizontal alignment; each
/// refusal names the field in Spanish and keeps everything typed; Entregable 3's DOCX prints one
/// ficha per indicator (LibreOffice opens it) and the annexes' workbook has one sheet per matrix.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_indicators_services_and_codes_fit_the_forms() {
    let (app, store) = app().await;
    let token = sign_in(&app, "equipo@pasos.demo").await;
    let s = Some(token.as_str());

    // Paso 1 and Paso 3: one statement each.
    let problem = [("accion", "guardar"), ("tipo", "problema"), ("v:enunciado", "Persistencia del trabajo forzoso en el Perú")];
    add(&app, s, 1, &problem[1..], "PP1").await;
    let body = refused(&app, s, 1, &problem, "unico").await;
    assert!(body.contains("La política ya tiene su «Enunciado del problema público»"));
    let matrix = get(&app, "/politicas/pnmpetf/matriz-de-consistencia", s).await;
    assert!(matrix.body.contains("Persistencia del trabajo forzoso en el Perú"), "the matrix states the problem from Paso 1");
    add(&app, s, 3, &[("tipo", "situacion_futura"), ("v:enunciado", "Al 2030, el Perú reduce el trabajo forzoso")], "SFD1").await;
    let sfd = id_of(&store, "SFD1").await;
    let ficha = |kind: &'static str, parent: &str, extra: &[(&'static str, &'static str)]| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = [
            ("accion", "guardar"),
            ("tipo", kind),
            ("v:nombre", "Número de víctimas de trabajo forzoso identificadas"),
            ("v:tipo", "resultado"),
            ("v:justificacion", "Aproxima la magnitud del problema"),
            ("v:responsable", "MTPE – DGDFSST"),
            ("v:formula", "Suma de víctimas identificadas en el año"),
            ("v:variables", "Víctima identificada: persona rescatada por SUNAFIL o la PNP"),
            ("v:parametro", "numero"),
            ("v:sentido", "ascendente"),
            ("v:fuente", "Registros administrativos de SUNAFIL"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        v.push(("padre".into(), parent.into()));
        v.retain(|(k, _)| !extra.iter().any(|(e, _)| e == k));
        v.extend(extra.iter().map(|(k, x)| (k.to_string(), x.to_string())));
        v
    };
    let pairs = |v: &[(String, String)]| v.iter().map(|(k, x)| (k.clone(), x.clone())).collect::<Vec<_>>();
    let future = ficha("indicador_situacion_futura", &sfd, &[("v:linea_base_estado", "con_valor"), ("v:linea_base_anio", "2019"), ("v:linea_base_valor", "1 200"), ("meta:2030", "al menos 2 500")]);
    let r = send(&app, s, pairs(&future)).await;
    assert!(r.location.contains("guardado=ISFD1.1"), "{}", r.location);

    // PNMPETF has no national measurement yet: the baseline is to be built by 2027.
    add(&app, s, 2, &[("tipo", "causa_directa"), ("v:enunciado", "Débil detección")], "CD1").await;
    let cd1 = id_of(&store, "CD1").await;
    add(&app, s, 5, &[("tipo", "objetivo"), ("v:enunciado", "Reducir el trabajo forzoso"), ("v:causa", &cd1), ("v:responsable", "MTPE")], "OP1").await;
    let op1 = id_of(&store, "OP1").await;
    let pending = ficha("indicador", &op1, &[("v:linea_base_estado", "por_construir"), ("v:linea_base_anio", "2027"), ("v:linea_base_valor", "3"), ("v:supuestos", "La encuesta nacional se financia")]);
    let r = send(&app, s, pairs(&pending)).await;
    assert!(r.location.contains("error=no_corresponde"), "{}", r.location);
    let back = get(&app, &r.location, s).await.body;
    assert!(back.contains("«Línea de base: valor» debe quedar en blanco: la línea de base aún está por construir."), "the refusal names the field");
    assert!(back.contains("La encuesta nacional se financia") && back.contains("Registros administrativos de SUNAFIL"), "everything typed comes back");
    // A percentage on a count, a baseline after the horizon: refused, naming them.
    let r = send(&app, s, ficha("indicador", &op1, &[("v:linea_base_estado", "con_valor"), ("v:linea_base_anio", "2024"), ("v:linea_base_valor", "70 %"), ("meta:2030", "80")])).await;
    assert!(get(&app, &r.location, s).await.body.contains("«Línea de base: valor» lleva «%», pero el parámetro de medición no es porcentaje."), "{}", r.location);
    let r = send(&app, s, ficha("indicador", &op1, &[("v:linea_base_estado", "con_valor"), ("v:linea_base_anio", "2032"), ("v:linea_base_valor", "7")])).await;
    assert!(get(&app, &r.location, s).await.body.contains("La línea de base (2032) debe ser anterior al año del horizonte de la política."), "{}", r.location);
    let fixed: Vec<(String, String)> = pending.into_iter().filter(|(k, _)| k != "v:linea_base_valor").collect();
    let r = send(&app, s, fixed).await;
    assert!(r.location.contains("guardado=IOP1.1"), "{}", r.location);
    let step5 = get(&app, &page(5), s).await.body;
    assert!(step5.contains("Por construir"), "the ficha says the baseline is to be built");

    // The year fields follow the baseline typed, without a refusal and without saving.
    let mut typed = ficha("indicador", &op1, &[("v:linea_base_estado", "con_valor"), ("v:linea_base_anio", "2019"), ("v:linea_base_valor", "70 %"), ("obtenido:2022", "65 %"), ("anios", "1")]);
    typed.retain(|(k, _)| k != "v:parametro");
    typed.push(("v:parametro".into(), "porcentaje".into()));
    let r = send(&app, s, typed.clone()).await;
    assert!(r.location.contains("error=anios_actualizados"), "{}", r.location);
    let back = get(&app, &r.location, s).await.body;
    assert!(back.contains("Años actualizados según la línea de base y el horizonte"), "said as a notice");
    assert!(!back.contains("role=\"alert\""), "not as a refusal");
    assert!(back.contains("name=\"obtenido:2020\"") && back.contains("name=\"meta:2030\""), "2020 follows the 2019 baseline");
    assert!(back.contains("value=\"65 %\""), "the value typed stays");
    assert_eq!(store.items(POLICY).await.unwrap().iter().filter(|i| i.kind == ItemKind::Indicator).count(), 1, "nothing saved");
    // Observed 2019–2023, achievements to 2030 with "al menos" and "%": saved.
    typed.retain(|(k, _)| k != "anios" && k != "v:sentido");
    typed.extend([("v:sentido", "descendente"), ("obtenido:2020", "68,5 %"), ("obtenido:2021", "120 %"), ("obtenido:2023", "61 %"), ("meta:2026", "como máximo 50 %"), ("meta:2030", "como máximo 30 %")].map(|(k, v)| (k.to_string(), v.to_string())));
    let r = send(&app, s, typed.clone()).await;
    assert!(r.location.contains("error=rango"), "a percentage above 100 is refused: {}", r.location);
    assert!(get(&app, &r.location, s).await.body.contains("«Valor obtenido 2021» está fuera de rango"));
    typed.retain(|(k, _)| k != "obtenido:2021");
    typed.push(("obtenido:2021".into(), "66,2 %".into()));
    let r = send(&app, s, typed).await;
    assert!(r.location.contains("guardado=IOP1.2"), "{}", r.location);
    let saved = store.items(POLICY).await.unwrap().into_iter().find(|i| i.code == "IOP1.2").unwrap();
    assert_eq!(saved.current(), Some((2023, "61\u{a0}%")), "the latest value obtained is the valor actual");
    assert_eq!(saved.targets.keys().copied().collect::<Vec<_>>(), vec![2026, 2030], "only the years the policy sets");

    // A discarded alternative says why.
    let body = refused(&app, s, 4, &[("accion", "guardar"), ("tipo", "alternativa"), ("v:causa", &cd1), ("v:enunciado", "Campañas"), ("v:tipo", "nueva"), ("v:decision", "descartada")], "faltante").await;
    assert!(body.contains("Complete el campo «Motivo de la decisión»."));

    // Paso 7: a service with its population and levels, a service indicator.
    add(&app, s, 6, &[("tipo", "lineamiento"), ("padre", &op1), ("v:enunciado", "Fortalecer la inspección")], "L1.1").await;
    let l11 = id_of(&store, "L1.1").await;
    add(&app, s, 7, &service(&l11, "Inspección especializada"), "S1.1.1").await;
    let s111 = id_of(&store, "S1.1.1").await;
    let r = send(&app, s, ficha("indicador_servicio", &s111, &[("v:tipo", "producto"), ("v:linea_base_estado", "con_valor"), ("v:linea_base_anio", "2023"), ("v:linea_base_valor", "40"), ("meta:2030", "120")])).await;
    assert!(r.location.contains("guardado=IS1.1.1.1"), "{}", r.location);
    let step7 = get(&app, &page(7), s).await.body;
    assert!(step7.contains("Nacional, Regional") && step7.contains("Mejora"), "levels and condition are shown");

    // Sequential codes, as the PNTP numbers its services; then the policy's own codes.
    let r = post_form(&app, &page(7), "accion=esquema&esquema=correlativo", ORIGIN, s).await;
    assert_eq!(r.location, format!("{}?esquema=1#numeracion", page(7)));
    assert!(get(&app, &r.location, s).await.body.contains("los elementos nuevos la siguen; «Renumerar códigos» la aplica a los que ya existen"), "said beside the form");
    add(&app, s, 7, &service(&l11, "Atención a víctimas"), "S1").await;
    add(&app, s, 7, &service(&l11, "Reinserción laboral"), "S2").await;
    assert_eq!(post_form(&app, &page(7), "accion=esquema&esquema=propio", ORIGIN, s).await.status, StatusCode::SEE_OTHER);
    let objective = |code: &'static str| vec![("accion", "guardar"), ("tipo", "objetivo"), ("codigo", code), ("v:enunciado", "Atender a las víctimas"), ("v:causa", cd1.as_str()), ("v:responsable", "MTPE")];
    let body = refused(&app, s, 5, &objective(" "), "codigo").await;
    assert!(body.contains("Escriba el código en una línea") && body.contains("Atender a las víctimas"));
    let r = post_form(&app, &page(5), &form(&objective("OP 3")), ORIGIN, s).await;
    assert_eq!(r.location, format!("{}?guardado=OP+3#item-OP-3", page(5)), "the policy's own code is kept as typed");
    let body = refused(&app, s, 5, &objective("op 3"), "codigo_usado").await;
    assert!(body.contains("El código «op 3» ya lo tiene otro elemento de la política."));
    assert!(!get(&app, &page(5), s).await.body.contains("Renumerar códigos</button>"), "own codes are never renumbered");

    // Alignment: horizontal alignment names the policy, its decree, its objective and the relation.
    let op3 = id_of(&store, "OP 3").await;
    let align = |extra: &[(&'static str, &'static str)]| {
        let mut v = vec![("accion", "guardar"), ("tipo", "alineamiento"), ("padre", op3.as_str()), ("codigo", "AH1"), ("v:nivel", "politica_nacional"), ("v:politica", "Política Nacional Multisectorial de Derechos Humanos")];
        v.extend_from_slice(extra);
        v
    };
    let body = refused(&app, s, 9, &align(&[("v:objetivo_politica", "OP1")]), "faltante").await;
    assert!(body.contains("Complete el campo «Decreto supremo que la aprueba»."));
    let r = post_form(&app, &page(9), &form(&align(&[("v:decreto", "D.S. N° 010-2024-JUS"), ("v:objetivo_politica", "OP1"), ("v:relacion", "complementaria")])), ORIGIN, s).await;
    assert!(r.location.contains("guardado=AH1"), "{}", r.location);
    let r = post_form(&app, &page(9), &form(&[("accion", "guardar"), ("tipo", "alineamiento"), ("padre", &s111), ("codigo", "AV1"), ("v:nivel", "acuerdo_nacional"), ("v:referencia", "Política de Estado 14")]), ORIGIN, s).await;
    assert!(r.location.contains("guardado=AV1"), "a service aligns too: {}", r.location);

    // Entregable 3 as CEPLAN reads it: one ficha per indicator, opened by LibreOffice.
    let docx = get(&app, "/politicas/pnmpetf/entregables/3/documento.docx", s).await;
    assert_eq!(docx.status, StatusCode::OK);
    let doc = docx_rs::read_docx(&docx.bytes).expect("a valid DOCX");
    let json = serde_json::to_string(&doc.document).unwrap();
    for label in ["Anexo 1. Fichas técnicas de los indicadores de los objetivos prioritarios", "Ficha técnica del indicador IOP1.1", "Ficha técnica del indicador IOP1.2", "Parámetro de medición", "Por construir", "Valor actual"] {
        assert!(json.contains(label), "{label}");
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("e3.docx"), &docx.bytes).unwrap();
    let status = std::process::Command::new("soffice")
        .args(["--headless", "--norestore", "--convert-to", "txt:Text", "--outdir"])
        .arg(dir.path())
        .arg(dir.path().join("e3.docx"))
        .env("HOME", dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("LibreOffice (soffice) is installed: ./scripts/setup.sh --test installs it");
    assert!(status.success());
    let text = std::fs::read_to_string(dir.path().join("e3.txt")).expect("LibreOffice read the DOCX");
    assert_eq!(text.matches("Ficha técnica del indicador").count(), 2, "one ficha per indicator: {text}");
    let page3 = get(&app, "/politicas/pnmpetf/entregables/3/documento", s).await.body;
    assert!(page3.contains("Anexo 1. Fichas técnicas") && page3.contains("<svg"), "the page prints the annexes with their charts");

    // The annexes' workbooks: one sheet per matrix, the fichas as rows.
    use calamine::Reader;
    let sheets = |bytes: Vec<u8>| {
        let book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("a valid XLSX");
        book
    };
    let mut e3 = sheets(get(&app, "/politicas/pnmpetf/entregables/3/anexos.xlsx", s).await.bytes);
    assert_eq!(e3.sheet_names(), vec!["Fichas objetivos"]);
    let rows: Vec<Vec<String>> = e3.worksheet_range("Fichas objetivos").unwrap().rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(rows.len(), 5, "title, blank, header and one row per indicator: {rows:?}");
    assert!(rows[2].contains(&"Parámetro de medición".to_string()) && rows[2].contains(&"Logro esperado 2030".to_string()), "{:?}", rows[2]);
    assert!(rows[4].iter().any(|c| c == "61\u{a0}% (2023)"), "{:?}", rows[4]);
    let e5 = sheets(get(&app, "/politicas/pnmpetf/entregables/5/anexos.xlsx", s).await.bytes);
    assert_eq!(e5.sheet_names(), vec!["Alineamiento vertical", "Alineamiento horizontal", "Matriz de consistencia"]);
    let e4 = sheets(get(&app, "/politicas/pnmpetf/entregables/4/anexos.xlsx", s).await.bytes);
    assert_eq!(e4.sheet_names(), vec!["Fichas servicios", "Servicios y estándares"]);
}
