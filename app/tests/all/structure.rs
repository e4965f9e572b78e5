//! Structured items against a real SurrealDB: stable codes, links that cannot dangle, tombstones.

use std::collections::BTreeMap;

use pasos_app::domain::structure::{check_values, ItemKind};
use pasos_app::domain::structure::ItemRefusal;
use pasos_app::domain::Author;
use pasos_app::store::{DbConfig, Store};

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
    let none = BTreeMap::new();
    let cause = store.add_item("PNMPETF", ItemKind::DirectCause, None, &values(&[("enunciado", "Débil fiscalización")]), &none, &team()).await.unwrap().unwrap();
    assert_eq!(cause.code, "CD1");
    let indirect = store.add_item("PNMPETF", ItemKind::IndirectCause, Some(&cause.id), &values(&[("enunciado", "Pocos inspectores")]), &none, &team()).await.unwrap().unwrap();
    assert_eq!(indirect.code, "CI1.1");
    let op = |text: &str| values(&[("enunciado", text), ("causa", cause.id.as_str()), ("responsable", "MTPE")]);
    let op1 = store.add_item("PNMPETF", ItemKind::Objective, None, &op("Reducir"), &none, &team()).await.unwrap().unwrap();
    let op2 = store.add_item("PNMPETF", ItemKind::Objective, None, &op("Atender"), &none, &team()).await.unwrap().unwrap();
    assert_eq!((op1.code.as_str(), op2.code.as_str()), ("OP1", "OP2"));
    store.delete_item("PNMPETF", &op2.id, &team()).await.unwrap().unwrap();
    let op3 = store.add_item("PNMPETF", ItemKind::Objective, None, &op("Prevenir"), &none, &team()).await.unwrap().unwrap();
    assert_eq!(op3.code, "OP3", "a deleted code is never given again");
    // The cause is pointed to by its indirect cause and two objectives: deleting it is refused, naming them.
    assert_eq!(
        store.delete_item("PNMPETF", &cause.id, &team()).await.unwrap(),
        Err(ItemRefusal::Referenced(vec!["CI1.1".into(), "OP1".into(), "OP3".into()]))
    );
    // An indicator needs an objective to hang from.
    let indicator = values(&[("nombre", "Tasa")]);
    assert_eq!(store.add_item("PNMPETF", ItemKind::Indicator, Some(&op2.id), &indicator, &none, &team()).await.unwrap(), Err(ItemRefusal::NoParent));
    let ind = store.add_item("PNMPETF", ItemKind::Indicator, Some(&op3.id), &indicator, &BTreeMap::from([(2025, "10".into())]), &team()).await.unwrap().unwrap();
    assert_eq!(ind.code, "IOP3.1");
    assert!(store.update_item("PNMPETF", &op1.id, &op("Reducir el trabajo forzoso"), &none, &team()).await.unwrap());
    let items = store.items("PNMPETF").await.unwrap();
    assert_eq!(items.len(), 5);
    assert_eq!(items.iter().find(|i| i.code == "OP1").unwrap().value("enunciado"), "Reducir el trabajo forzoso");
    assert_eq!(items.iter().find(|i| i.code == "IOP3.1").unwrap().targets.get(&2025).map(String::as_str), Some("10"));
    // The links the catalogue checks are the stored ones.
    let exists = |k: ItemKind, id: &str| items.iter().any(|i| i.kind == k && i.id == id);
    assert!(check_values(ItemKind::Objective, &op("x"), exists).is_ok());
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
            store.add_item("PNMPETI", ItemKind::DirectCause, None, &v, &BTreeMap::new(), &team()).await.unwrap().unwrap().code
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
    let none = BTreeMap::new();
    let c1 = store.add_item("PNMPETI", ItemKind::DirectCause, None, &values(&[("enunciado", "Pobreza")]), &none, &team()).await.unwrap().unwrap();
    store.add_item("PNMPETI", ItemKind::DirectCause, None, &values(&[("enunciado", "Tolerancia")]), &none, &team()).await.unwrap().unwrap();
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
