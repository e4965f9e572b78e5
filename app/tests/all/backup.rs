//! Backups round-trip: every table comes back with every record, the restored database opens as a
//! Pasos database, and a restore never lands on top of existing data.

use std::collections::BTreeMap;

use pasos_app::domain::structure::ItemKind;
use pasos_app::domain::Author;
use pasos_app::store::{DbConfig, RestoreRefusal, Store};

#[tokio::test]
async fn a_backup_restores_every_record() {
    // Backups are the embedded engine's (the default deployment); a server has `surreal export`.
    let source = Store::open(&DbConfig::url("mem://")).await.unwrap();
    source.seed_demo("pasos-demo").await.unwrap();
    let by = Author::User { id: "ana".into(), name: "Ana".into() };
    let values = BTreeMap::from([("enunciado".to_string(), "Pobreza «rural» — 'comillas' y ñ".to_string())]);
    source.add_item("PNMPETI", pasos_app::store::NewItem::new(ItemKind::DirectCause, None, &values), &by).await.unwrap().unwrap();
    let before = source.tables().await.unwrap();
    let seeded = pasos_app::store::demo::pntp_followup().0.len() as u64;
    assert!(before.iter().any(|(t, n)| t == "item" && *n == 1 + seeded), "{before:?}");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pasos.surql");
    let mut seen = Vec::new();
    let bytes = source.backup(&file, |n| seen.push(n)).await.unwrap();
    assert_eq!(std::fs::metadata(&file).unwrap().len(), bytes);
    assert!(!seen.is_empty() && seen.windows(2).all(|w| w[0] < w[1]) && *seen.last().unwrap() == bytes, "progress grows to the total");

    // Onto an empty embedded database on disk.
    let url = format!("surrealkv://{}", dir.path().join("restored.db").display());
    let target = Store::connect(&DbConfig::url(&url)).await.unwrap();
    assert_eq!(target.restore(&file).await.unwrap(), Ok(()));
    assert_eq!(target.tables().await.unwrap(), before, "every table, every record");
    drop(target);
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let reopened = Store::open(&DbConfig::url(&url)).await.unwrap();
    let items = reopened.items("PNMPETI").await.unwrap();
    assert_eq!(items[0].value("enunciado"), "Pobreza «rural» — 'comillas' y ñ");
    assert!(reopened.user_by_email("equipo@pasos.demo").await.unwrap().is_some(), "accounts come back");
    assert_eq!(reopened.policy_detail("PNMPETF").await.unwrap().unwrap().events.len(), source.policy_detail("PNMPETF").await.unwrap().unwrap().events.len());

    // Never on top of data.
    assert_eq!(reopened.restore(&file).await.unwrap(), Err(RestoreRefusal::NotEmpty));
}

/// Against a SurrealDB server (the ws:// run of `scripts/test.sh`) both commands say, in Spanish,
/// to use the server's own export and import, and write nothing.
#[tokio::test]
async fn on_a_server_backups_point_to_surreal_export() {
    let store = Store::open(&DbConfig::scratch()).await.unwrap();
    if store.is_embedded() {
        return; // the embedded run: covered by the round trip above
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("copia.surql");
    let refusal = store.backup(&file, |_| {}).await.unwrap_err().to_string();
    assert!(refusal.contains("surreal export --endpoint http://") && refusal.contains("surreal import"), "{refusal}");
    assert!(!file.exists() && !file.with_extension("parcial").exists());
    std::fs::write(&file, "").unwrap();
    assert!(store.restore(&file).await.unwrap_err().to_string().contains("surreal import"));
}

/// `pasos backup` while `pasos serve` holds the embedded database: a Spanish sentence saying to
/// stop the server first, not the engine's English lock error.
#[tokio::test]
async fn a_database_in_use_says_so_in_spanish() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("surrealkv://{}", dir.path().join("pasos.db").display());
    let _serving = Store::open(&DbConfig::url(&url)).await.unwrap();
    let Err(refusal) = Store::open(&DbConfig::url(&url)).await else { panic!("a second process opened the database") };
    assert!(matches!(refusal, pasos_app::store::StoreError::InUse(_)), "{refusal:?}");
    let message = refusal.to_string();
    assert!(message.contains("deténgalo") && !message.contains("locked"), "{message}");
}
