//! Recording the review against a real SurrealDB on disk: transitions move the state, an
//! annulment moves it back and stays recorded, and all of it survives a restart.

use chrono::NaiveDate;
use pasos_app::domain::review::{check_transition, RecordForm};
use pasos_app::domain::{DeliverableState, EventKind, VersionChoice};
use pasos_app::domain::Author;
use pasos_app::store::{DbConfig, Store};

fn team() -> Author {
    Author::User { id: "ana".into(), name: "Ana".into() }
}

#[tokio::test]
async fn transitions_and_annulments_are_recorded_and_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("surrealkv://{}", dir.path().join("pasos.db").display());
    let today = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
    {
        let store = Store::open(&DbConfig::url(&url)).await.unwrap();
        store.seed_demo("pasos-demo").await.unwrap();
        let facts = store.deliverable_facts("PNMPETF", 1).await.unwrap().unwrap();
        assert_eq!(facts.state, DeliverableState::EnLevantamiento);
        assert_eq!(facts.last_event, NaiveDate::from_ymd_opt(2023, 10, 1), "the seeded reformulation");
        store.save_step("PNMPETF", 2, 0, "Árbol de problemas.", None, &team()).await.unwrap().unwrap();
        let version = store.freeze_version("PNMPETF", 1, "Para reingreso", None, &team()).await.unwrap().unwrap();
        let facts = store.deliverable_facts("PNMPETF", 1).await.unwrap().unwrap();
        assert_eq!(facts.versions, vec![version]);
        let form = RecordForm { date: "2024-02-01".into(), document: "Oficio N° 7".into(), note: String::new(), ..RecordForm::default() };
        let t = check_transition(&facts, DeliverableState::ReingresadoCeplan, &form, Some(VersionChoice::Existing(version)), today).unwrap();
        assert!(store.record_transition("PNMPETF", 1, &t, Some(version), "Reingreso".into(), &team()).await.unwrap());
        // The same check, now stale: the deliverable already moved, so nothing is written.
        assert!(!store.record_transition("PNMPETF", 1, &t, Some(version), "Otra vez".into(), &team()).await.unwrap());
        assert_eq!(store.sent_versions("PNMPETF", 1).await.unwrap(), vec![version]);

        let events = store.policy_detail("PNMPETF").await.unwrap().unwrap().events;
        let last = events.last().unwrap();
        assert_eq!((last.kind, last.state_from, last.version), (EventKind::Transition, Some(DeliverableState::EnLevantamiento), Some(version)));
        assert_eq!(events.iter().filter(|e| e.title == "Otra vez").count(), 0);
        store.annul_event("PNMPETF", &last.id, "Fecha equivocada", &team()).await.unwrap().unwrap();
        assert!(store.sent_versions("PNMPETF", 1).await.unwrap().is_empty(), "an annulled sending sent nothing");
    }
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let store = Store::open(&DbConfig::url(&url)).await.unwrap();
    assert_eq!(store.deliverable_facts("PNMPETF", 1).await.unwrap().unwrap().state, DeliverableState::EnLevantamiento);
    let events = store.policy_detail("PNMPETF").await.unwrap().unwrap().events;
    let annulled = events.last().unwrap().annulled.clone().expect("kept, marked as annulled");
    assert_eq!((annulled.reason.as_str(), annulled.by.as_str()), ("Fecha equivocada", "Ana"));
}
