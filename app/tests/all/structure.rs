//! Structured items against a real SurrealDB: stable codes, links that cannot dangle, tombstones.

use std::collections::BTreeMap;

use pasos_app::domain::structure::{check_values, ItemKind};
use pasos_app::domain::structure::ItemRefusal;
use pasos_app::domain::Author;
use pasos_app::store::{DbConfig, NewItem, Store};

fn team() -> Author {
    Author::User { id: "ana".into(), name: "Ana".into() }
}

fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

async fn store(config: &DbConfig) -> Store {
    let store = Store::open(config).await.unwrap();
    store.seed_demo("pasos-demo").await.unwrap();
    store
}

async fn items_keep_their_codes_and_links(store: &Store) {
    let cause = store.add_item("PNMPETF", NewItem::new(ItemKind::DirectCause, None, &values(&[("enunciado", "Débil fiscalización")])), &team()).await.unwrap().unwrap();
    assert_eq!(cause.code, "CD1");
    let indirect = store.add_item("PNMPETF", NewItem::new(ItemKind::IndirectCause, Some(&cause.id), &values(&[("enunciado", "Pocos inspectores")])), &team()).await.unwrap().unwrap();
    assert_eq!(indirect.code, "CI1.1");
    let op = |text: &str| values(&[("enunciado", text), ("causa", cause.id.as_str()), ("responsable", "MTPE")]);
    let op1 = store.add_item("PNMPETF", NewItem::new(ItemKind::Objective, None, &op("Reducir")), &team()).await.unwrap().unwrap();
    let op2 = store.add_item("PNMPETF", NewItem::new(ItemKind::Objective, None, &op("Atender")), &team()).await.unwrap().unwrap();
    assert_eq!((op1.code.as_str(), op2.code.as_str()), ("OP1", "OP2"));
    store.delete_item("PNMPETF", &op2.id, &team()).await.unwrap().unwrap();
    let op3 = store.add_item("PNMPETF", NewItem::new(ItemKind::Objective, None, &op("Prevenir")), &team()).await.unwrap().unwrap();
    assert_eq!(op3.code, "OP3", "a deleted code is never given again");
    // The cause is pointed to by its indirect cause and two objectives: deleting it is refused, naming them.
    assert_eq!(
        store.delete_item("PNMPETF", &cause.id, &team()).await.unwrap(),
        Err(ItemRefusal::Referenced(vec!["CI1.1".into(), "OP1".into(), "OP3".into()]))
    );
    // An indicator needs an objective to hang from.
    let indicator = values(&[("nombre", "Tasa")]);
    assert_eq!(store.add_item("PNMPETF", NewItem::new(ItemKind::Indicator, Some(&op2.id), &indicator), &team()).await.unwrap(), Err(ItemRefusal::NoParent));
    let ind = store.add_item("PNMPETF", NewItem::new(ItemKind::Indicator, Some(&op3.id), &indicator).targets(&BTreeMap::from([(2025, "10".into())])), &team()).await.unwrap().unwrap();
    assert_eq!(ind.code, "IOP3.1");
    let changed = op("Reducir el trabajo forzoso");
    assert_eq!(store.update_item("PNMPETF", &op1.id, NewItem::new(ItemKind::Objective, None, &changed), &team()).await.unwrap(), Ok(Some("OP1".to_string())));
    let items = store.items("PNMPETF").await.unwrap();
    assert_eq!(items.len(), 5);
    assert_eq!(items.iter().find(|i| i.code == "OP1").unwrap().value("enunciado"), "Reducir el trabajo forzoso");
    assert_eq!(items.iter().find(|i| i.code == "IOP3.1").unwrap().targets.get(&2025).map(String::as_str), Some("10"));
    // The links the catalogue checks are the stored ones.
    let exists = |k: ItemKind, id: &str| items.iter().any(|i| i.kind == k && i.id == id);
    assert!(check_values(ItemKind::Objective, &op("x"), exists, &[]).is_ok());
}

#[tokio::test]
async fn items_keep_their_codes_and_links_in_memory() {
    items_keep_their_codes_and_links(&store(&DbConfig::scratch()).await).await;
}

#[tokio::test]
async fn items_keep_their_codes_and_links_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("surrealkv://{}", dir.path().join("pasos.db").display());
    items_keep_their_codes_and_links(&store(&DbConfig::url(&url)).await).await;
}

#[tokio::test]
async fn concurrent_additions_get_distinct_codes() {
    let store = store(&DbConfig::scratch()).await;
    let mut tasks = Vec::new();
    for i in 0..6 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let v = values(&[("enunciado", &format!("Causa {i}"))]);
            store.add_item("PNMPETI", NewItem::new(ItemKind::DirectCause, None, &v), &team()).await.unwrap().unwrap().code
        }));
    }
    let mut codes = Vec::new();
    for t in tasks {
        codes.push(t.await.unwrap());
    }
    codes.sort();
    assert_eq!(codes, vec!["CD1", "CD2", "CD3", "CD4", "CD5", "CD6"]);
}

/// Each change of a step's items is a revision of the step that carries its snapshot; frozen
/// versions keep the snapshot they froze, across a restart and an explicit renumbering.
async fn structure_travels_with_revisions(config: DbConfig, restart: bool) {
    let mut store = store(&config).await;
    let before = store.step_revision("PNMPETI", 2).await.unwrap().unwrap();
    let c1 = store.add_item("PNMPETI", NewItem::new(ItemKind::DirectCause, None, &values(&[("enunciado", "Pobreza")])), &team()).await.unwrap().unwrap();
    store.add_item("PNMPETI", NewItem::new(ItemKind::DirectCause, None, &values(&[("enunciado", "Tolerancia")])), &team()).await.unwrap().unwrap();
    assert_eq!(store.step_revision("PNMPETI", 2).await.unwrap(), Some(before + 2));
    let at = |n: u32| {
        let store = store.clone();
        async move { store.structure_at("PNMPETI", 2, n).await.unwrap().into_iter().map(|i| format!("{} {}", i.code, i.value("enunciado"))).collect::<Vec<_>>() }
    };
    assert_eq!(at(before + 1).await, vec!["CD1 Pobreza"]);
    let version = store.freeze_version("PNMPETI", 1, "Con causas", None, &team()).await.unwrap().unwrap();
    store.delete_item("PNMPETI", &c1.id, &team()).await.unwrap().unwrap();
    assert_eq!(store.renumber("PNMPETI", &team()).await.unwrap(), 1);
    if restart {
        drop(store);
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        store = Store::open(&config).await.unwrap();
    }
    let frozen = store.version_text("PNMPETI", 1, version).await.unwrap().unwrap();
    let step2 = frozen.iter().find(|s| s.step == 2).unwrap();
    assert_eq!(step2.structure.iter().map(|i| i.code.as_str()).collect::<Vec<_>>(), vec!["CD1", "CD2"]);
    assert!(step2.content().contains("| CD2 | Tolerancia |"), "{}", step2.content());
    let working = store.working_text("PNMPETI", 1).await.unwrap();
    let now: Vec<String> = working.iter().find(|s| s.step == 2).unwrap().structure.iter().map(|i| format!("{} {}", i.code, i.value("enunciado"))).collect();
    assert_eq!(now, vec!["CD1 Tolerancia"], "renumbered after the deletion");
}

#[tokio::test]
async fn structure_travels_with_revisions_in_memory() {
    structure_travels_with_revisions(DbConfig::scratch(), false).await;
}

#[tokio::test]
async fn structure_travels_with_revisions_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    structure_travels_with_revisions(DbConfig::url(format!("surrealkv://{}", dir.path().join("pasos.db").display())), true).await;
}

/// A database as the Pasos before migration 0014 left it — an indicator whose free-text
/// "parámetro" was a percentage, a standard whose attribute was stored by its key, an activity
/// with one yearly target, and a revision that froze them — reads with the same meaning after the
/// upgrade: the live items and the frozen snapshot alike, printed as they were.
#[tokio::test]
async fn the_upgrade_to_ceplan_formats_keeps_the_meaning_of_existing_items() {
    use pasos_app::domain::structure::Item;
    use pasos_app::domain::StepBody;
    let store = Store::connect(&DbConfig::scratch()).await.unwrap();
    assert_eq!(store.migrate_to(13).await.unwrap(), (1..=13).collect::<Vec<_>>());
    // The policy as that Pasos created it (today's demo seed writes what later schemas define).
    store.create_policy(crate::fixtures::policy("PNMPETI")).await.unwrap();
    let indicator = r#"{"formula":"A/B","fuente":"ENAHO","limitaciones":"Muestra pequeña; supone reporte veraz","linea_base_anio":"2019","linea_base_valor":"26,1","nombre":"Tasa de trabajo infantil","responsable":"MTPE","sentido":"descendente","unidad":"Porcentaje"}"#;
    let standard = r#"{"atributo":"pertinencia_cultural","descripcion":"Atención en lengua materna","indicador":"% de atenciones"}"#;
    let activity = r#"{"meta_anual":"1 200","nombre":"Operativos","responsable":"SUNAFIL","unidad":"Operativo"}"#;
    let old = format!(
        "CREATE item:i1 CONTENT {{ policy: policy:PNMPETI, step: 5, kind: 'indicador', code: 'IOP1.1', parent: 'op1', data: '{indicator}', targets: '{{\"2030\":\"12\"}}', created_by: 'Ana', updated_at: time::now() }};
         CREATE item:e1 CONTENT {{ policy: policy:PNMPETI, step: 7, kind: 'estandar', code: 'E1.1.1.1', parent: 's1', data: '{standard}', targets: '{{}}', created_by: 'Ana', updated_at: time::now() }};
         CREATE item:a1 CONTENT {{ policy: policy:PNMPETI, step: 8, kind: 'actividad', code: 'A1.1.1.1', parent: 's1', data: '{activity}', targets: '{{}}', created_by: 'Ana', updated_at: time::now() }};"
    );
    store.raw().query(old).await.unwrap().check().unwrap();
    let snapshot = format!(
        r#"[{{"id":"IOP1.1","kind":"indicator","code":"IOP1.1","parent":"OP1","values":{indicator},"targets":{{"2030":"12"}}}}]"#
    );
    store
        .raw()
        .query("CREATE revision:frozen CONTENT { policy: policy:PNMPETI, step: 5, number: 99, body: 'Texto del paso 5', author_name: 'Ana', created_at: time::now(), structure: $s }")
        .bind(("s", snapshot))
        .await
        .unwrap()
        .check()
        .unwrap();

    assert_eq!(store.migrate().await.unwrap(), (14..=pasos_app::store::latest_migration()).collect::<Vec<_>>());
    let items = store.items("PNMPETI").await.unwrap();
    let find = |code: &str| items.iter().find(|i| i.code == code).cloned().unwrap_or_else(|| panic!("{code}"));
    let ind = find("IOP1.1");
    assert_eq!((ind.value("parametro"), ind.value("linea_base_estado"), ind.value("unidad")), ("porcentaje", "con_valor", ""), "{ind:?}");
    assert_eq!(ind.value("limitaciones"), "Muestra pequeña; supone reporte veraz", "the text stays where it was");
    assert_eq!(ind.targets.get(&2030).map(String::as_str), Some("12"), "its targets are its expected achievements");
    assert!(ind.observed.is_empty());
    assert_eq!(find("E1.1.1.1").value("atributo"), "Pertinencia cultural");
    let act = find("A1.1.1.1");
    assert_eq!(act.value("meta_anual"), "1 200", "the single target is kept, shown as a target without a year");

    let frozen: Vec<Item> = store.structure_at("PNMPETI", 5, 99).await.unwrap();
    assert_eq!(frozen[0].value("parametro"), "porcentaje", "a frozen snapshot reads with the same meaning");
    let printed = StepBody { step: 5, revision: Some(99), body: "Texto del paso 5".into(), structure: frozen, updated_at: None, updated_by: None }.full_content();
    for said in ["| Parámetro de medición | Porcentaje |", "| Línea de base: valor | 26,1 |", "| Logros esperados | 2030: 12 |"] {
        assert!(printed.contains(said), "{said}: {printed}");
    }
    let activities = pasos_app::domain::annexes::activities_matrix(&items).unwrap();
    assert!(activities.contains("1 200 (sin año indicado)"), "{activities}");
}

/// Two people saving at once cannot give two items one code (typed with other case or signs) nor
/// a policy two statements of its problem: the database's unique key on codes decides.
#[tokio::test]
async fn concurrent_saves_keep_codes_and_single_items_unique() {
    let store = store(&DbConfig::scratch()).await;
    store.set_scheme("PNMPETI", pasos_app::domain::structure::CodeScheme::Own, &team()).await.unwrap();
    let cause = values(&[("enunciado", "Pobreza")]);
    let typed = ["CASE0", "case0", "Case0", "cAse0"].map(|c| pasos_app::domain::structure::check_code(c, &[]).unwrap());
    let adds = typed.iter().map(|c| {
        let store = store.clone();
        let (cause, c) = (cause.clone(), c.clone());
        tokio::spawn(async move {
            let mut new = NewItem::new(ItemKind::DirectCause, None, &cause);
            new.typed_code = Some(&c);
            store.add_item("PNMPETI", new, &team()).await.unwrap()
        })
    });
    let done: Vec<_> = futures::future::join_all(adds).await.into_iter().map(Result::unwrap).collect();
    let saved = done.iter().filter(|r| r.is_ok()).count();
    let codes: Vec<String> = store.items("PNMPETI").await.unwrap().into_iter().map(|i| i.code).collect();
    assert!(saved <= 1 && codes.len() <= 1, "one code, however it is typed: {codes:?}");

    let problem = values(&[("enunciado", "Trabajo infantil")]);
    let adds = ["PP A", "PP B"].map(|c| {
        let (store, problem) = (store.clone(), problem.clone());
        tokio::spawn(async move {
            let mut new = NewItem::new(ItemKind::ProblemStatement, None, &problem);
            new.typed_code = Some(c);
            store.add_item("PNMPETI", new, &team()).await.unwrap()
        })
    });
    let done: Vec<_> = futures::future::join_all(adds).await.into_iter().map(Result::unwrap).collect();
    assert_eq!(done.iter().filter(|r| r.is_ok()).count(), 1, "{done:?}");
    let statements = store.items("PNMPETI").await.unwrap().into_iter().filter(|i| i.kind == ItemKind::ProblemStatement).count();
    assert_eq!(statements, 1);
    // Deleted, its place is free again.
    let id = store.items("PNMPETI").await.unwrap().into_iter().find(|i| i.kind == ItemKind::ProblemStatement).unwrap().id;
    store.delete_item("PNMPETI", &id, &team()).await.unwrap().unwrap();
    let mut again = NewItem::new(ItemKind::ProblemStatement, None, &problem);
    again.typed_code = Some("PP C");
    assert!(store.add_item("PNMPETI", again, &team()).await.unwrap().is_ok());
}
