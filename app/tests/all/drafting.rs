//! Step revisions, conflicts, drafts and frozen versions against a real SurrealDB.

use pasos_app::domain::{Author, Draft, FreezeRefusal};
use crate::fixtures::policy;
use pasos_app::store::{DbConfig, Store, MIGRATIONS};

fn ana() -> Author {
    Author::User { id: "ana".into(), name: "Ana".into() }
}
fn luis() -> Author {
    Author::User { id: "luis".into(), name: "Luis".into() }
}


async fn store_at(config: &DbConfig) -> Store {
    let store = Store::open(config).await.unwrap();
    store.create_policy(policy("PNX")).await.unwrap();
    store
}

#[tokio::test]
async fn every_save_is_a_revision_and_a_stale_base_stores_nothing() {
    let store = store_at(&DbConfig::scratch()).await;
    assert_eq!(store.save_step("PNX", 1, 0, "Primer texto", None, &ana()).await.unwrap(), Ok(1));
    assert_eq!(store.save_step("PNX", 1, 1, "Segundo texto", Some("Corrige"), &luis()).await.unwrap(), Ok(2));
    // Ana still has revision 1 open: her save is refused with the current revision, and nothing changes.
    assert_eq!(store.save_step("PNX", 1, 1, "Texto de Ana", None, &ana()).await.unwrap(), Err(2));
    let step = store.step_text("PNX", 1).await.unwrap().unwrap();
    assert_eq!((step.body.as_str(), step.revision, step.updated_by.as_deref()), ("Segundo texto", 2, Some("Luis")));
    let (revisions, total) = store.revisions("PNX", 1, 1).await.unwrap();
    assert_eq!(total, 2);
    let seen: Vec<_> = revisions.iter().map(|r| (r.number, r.author.as_str(), r.summary.as_deref())).collect();
    assert_eq!(seen, vec![(2, "Luis", Some("Corrige")), (1, "Ana", None)]);
    assert_eq!(store.revision("PNX", 1, 1).await.unwrap().map(|r| r.1), Some("Primer texto".into()));
    assert!(store.revision("PNX", 1, 3).await.unwrap().is_none());
    // Revisions are immutable even for a query that tries.
    let res = store.raw().query("UPDATE revision:⟨PNX-1-1⟩ SET body = 'cambiado'").await.unwrap().check();
    assert!(res.is_err(), "a revision's body is read-only");
    assert_eq!(store.revision("PNX", 1, 1).await.unwrap().map(|r| r.1), Some("Primer texto".into()));
    assert_eq!(store.count("audit").await.unwrap(), 2, "each save is in the audit log");
}

#[tokio::test]
async fn of_two_concurrent_saves_on_one_base_exactly_one_wins() {
    let store = store_at(&DbConfig::scratch()).await;
    for round in 0..10u32 {
        let (a, b) = (store.clone(), store.clone());
        let (ra, rb) = tokio::join!(
            tokio::spawn(async move { a.save_step("PNX", 3, round, "de Ana", None, &ana()).await.unwrap() }),
            tokio::spawn(async move { b.save_step("PNX", 3, round, "de Luis", None, &luis()).await.unwrap() }),
        );
        let results = [ra.unwrap(), rb.unwrap()];
        assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "round {round}: {results:?}");
        assert!(results.contains(&Err(round + 1)), "round {round}: {results:?}");
    }
    assert_eq!(store.revisions("PNX", 3, 1).await.unwrap().1, 10);
}

#[tokio::test]
async fn drafts_belong_to_their_author() {
    let store = store_at(&DbConfig::scratch()).await;
    let draft = Draft { policy: "PNX".into(), step: 1, base: 0, body: "sin guardar".into(), summary: "r".into() };
    let id = store.put_draft("ana", draft.clone()).await.unwrap();
    assert_eq!(store.draft("ana", &id).await.unwrap(), Some(draft));
    assert_eq!(store.draft("luis", &id).await.unwrap(), None);
    assert_eq!(store.draft("ana", "nada").await.unwrap(), None);
    let newer = Draft { body: "más reciente".into(), ..store.draft("ana", &id).await.unwrap().unwrap() };
    let newer_id = store.put_draft("ana", newer.clone()).await.unwrap();
    assert_eq!(store.draft("ana", &id).await.unwrap(), None, "superseded");
    assert_eq!(store.draft("ana", &newer_id).await.unwrap(), Some(newer));
    assert_eq!(store.count("draft").await.unwrap(), 1);
    store.drop_drafts("ana", "PNX", 1).await.unwrap();
    assert_eq!(store.count("draft").await.unwrap(), 0);
}

async fn frozen_versions_never_change(store: Store) {
    assert_eq!(store.freeze_version("PNX", 1, "vacía", None, &ana()).await.unwrap(), Err(FreezeRefusal::Empty));
    store.save_step("PNX", 1, 0, "Paso 1, primera", None, &ana()).await.unwrap().unwrap();
    assert_eq!(store.freeze_version("PNX", 1, "Para OGPP", None, &ana()).await.unwrap(), Ok(1));
    assert_eq!(store.freeze_version("PNX", 1, "otra vez", None, &ana()).await.unwrap(), Err(FreezeRefusal::Unchanged(1)));
    let v1 = store.version_text("PNX", 1, 1).await.unwrap().unwrap();
    store.save_step("PNX", 1, 1, "Paso 1, segunda", None, &luis()).await.unwrap().unwrap();
    store.save_step("PNX", 2, 0, "Paso 2", None, &luis()).await.unwrap().unwrap();
    assert_eq!(store.version_text("PNX", 1, 1).await.unwrap().unwrap(), v1, "version 1 is as frozen");
    assert_eq!(v1.iter().map(|s| (s.step, s.revision, s.body.as_str())).collect::<Vec<_>>(), vec![
        (1, Some(1), "Paso 1, primera"),
        (2, None, "")
    ]);
    assert_eq!(store.freeze_version("PNX", 1, "Para CEPLAN", None, &luis()).await.unwrap(), Ok(2));
    let versions = store.versions("PNX", 1).await.unwrap();
    let seen: Vec<_> = versions.iter().map(|v| (v.number, v.note.as_str(), v.revisions.clone())).collect();
    assert_eq!(seen, vec![
        (2, "Para CEPLAN", vec![(1, Some(2)), (2, Some(1))]),
        (1, "Para OGPP", vec![(1, Some(1)), (2, None)]),
    ]);
    assert!(store.version_text("PNX", 1, 3).await.unwrap().is_none());
    assert!(store.raw().query("UPDATE version:⟨PNX-1-1⟩ SET note = 'x'").await.unwrap().check().is_err());
}

#[tokio::test]
async fn frozen_versions_never_change_in_memory() {
    frozen_versions_never_change(store_at(&DbConfig::scratch()).await).await;
}

#[tokio::test]
async fn frozen_versions_survive_a_restart_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("surrealkv://{}", dir.path().join("pasos.db").display());
    frozen_versions_never_change(store_at(&DbConfig::url(&url)).await).await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let store = Store::open(&DbConfig::url(&url)).await.unwrap();
    assert_eq!(store.versions("PNX", 1).await.unwrap().len(), 2);
    assert_eq!(store.version_text("PNX", 1, 1).await.unwrap().unwrap()[0].body, "Paso 1, primera");
    assert_eq!(store.step_text("PNX", 1).await.unwrap().unwrap().revision, 2);
}

/// A database written before revisions existed: its step texts become revision 1.
#[tokio::test]
async fn the_migration_turns_existing_texts_into_first_revisions() {
    let store = Store::connect(&DbConfig::scratch()).await.unwrap();
    for (version, name, sql) in MIGRATIONS.iter().filter(|m| m.0 < 4) {
        store.raw().query(*sql).await.unwrap().check().unwrap();
        store
            .raw()
            .query("DEFINE TABLE IF NOT EXISTS schema_migration; CREATE schema_migration SET version = $v, name = $n, applied_at = time::now()")
            .bind(("v", *version))
            .bind(("n", name.to_string()))
            .await
            .unwrap()
            .check()
            .unwrap();
    }
    store
        .raw()
        .query(
            "CREATE policy:PNX SET code = 'PNX', name = 'P', topic = 't', rector_sector = 's';
             CREATE deliverable:⟨PNX-1⟩ SET policy = policy:PNX, number = 1, state = 'en_elaboracion';
             CREATE step:⟨PNX-1⟩ SET policy = policy:PNX, deliverable = deliverable:⟨PNX-1⟩, number = 1, body = 'Texto antiguo', updated_at = time::now();
             CREATE step:⟨PNX-2⟩ SET policy = policy:PNX, deliverable = deliverable:⟨PNX-1⟩, number = 2, body = '';",
        )
        .await
        .unwrap()
        .check()
        .unwrap();
    assert_eq!(store.migrate().await.unwrap(), (4..=pasos_app::store::latest_migration()).collect::<Vec<_>>());
    let step = store.step_text("PNX", 1).await.unwrap().unwrap();
    assert_eq!((step.revision, step.updated_by.as_deref()), (1, Some("Pasos")));
    assert_eq!(store.revision("PNX", 1, 1).await.unwrap().map(|r| r.1), Some("Texto antiguo".into()));
    assert_eq!(store.step_text("PNX", 2).await.unwrap().unwrap().revision, 0);
    // And the saved history goes on from there.
    assert_eq!(store.save_step("PNX", 1, 1, "Texto nuevo", None, &ana()).await.unwrap(), Ok(2));
}

/// The first text of a step counts up its policy's `changes` and the count of every policy
/// (migration 0010), so first saves of different steps, of one policy or of two, meet on those
/// counters: each must still be saved (the engine's "can be retried" is retried), none refused.
#[tokio::test]
async fn first_texts_of_many_steps_at_once_are_all_saved() {
    let dir = tempfile::tempdir().unwrap();
    first_texts_at_once(&DbConfig::scratch()).await;
    first_texts_at_once(&DbConfig::url(format!("surrealkv://{}", dir.path().join("pasos.db").display()))).await;
}

async fn first_texts_at_once(config: &DbConfig) {
    let store = store_at(config).await;
    store.create_policy(policy("PNY")).await.unwrap();
    let mut tasks = Vec::new();
    for code in ["PNX", "PNY"] {
        for step in 1..=9u8 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                store.save_step(code, step, 0, &format!("Primer texto del paso {step}"), None, &ana()).await
            }));
        }
    }
    for task in tasks {
        assert_eq!(task.await.unwrap().expect("saved, not an error"), Ok(1));
    }
    for code in ["PNX", "PNY"] {
        let detail = store.policy_detail(code).await.unwrap().unwrap();
        let with_text = detail.overview.deliverables.iter().flat_map(|d| &d.steps).filter(|s| s.state != pasos_app::domain::StepState::NoIniciado).count();
        assert_eq!(with_text, 9, "{code}: every step shows its text");
    }
}
