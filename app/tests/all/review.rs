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

/// The work plan's versions, on the real database: each kept in order with its reason; two people
/// re-planning from the same version write one version, and the other is told.
#[tokio::test]
async fn plan_versions_are_kept_and_written_once() {
    use pasos_app::domain::plan::{PlanEntry, PlanTarget};
    let store = Store::open(&DbConfig::scratch()).await.unwrap();
    store.seed_demo("pasos-demo").await.unwrap();
    let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    let first = vec![PlanEntry { target: PlanTarget::Deliverable(3), start: d(1, 5), end: d(2, 27) }];
    assert!(store.add_work_plan("PNMPETI", 1, &first, None, &team()).await.unwrap());
    let moved = vec![
        PlanEntry { target: PlanTarget::Deliverable(3), start: d(1, 5), end: d(3, 31) },
        PlanEntry { target: PlanTarget::Milestone(pasos_app::domain::Milestone::Aprobacion), start: d(9, 1), end: d(12, 15) },
    ];
    let ana = team();
    let (a, b) = tokio::join!(
        store.add_work_plan("PNMPETI", 2, &moved, Some("El CEPLAN pidió ampliar el paso 5."), &ana),
        store.add_work_plan("PNMPETI", 2, &first, Some("Otra replanificación"), &ana),
    );
    assert_eq!([a.unwrap(), b.unwrap()].iter().filter(|w| **w).count(), 1, "one of two writes of version 2 lands");
    let plans = store.work_plans("PNMPETI").await.unwrap();
    assert_eq!(plans.iter().map(|p| p.number).collect::<Vec<_>>(), vec![1, 2]);
    assert_eq!((plans[0].entries.clone(), plans[0].reason.clone(), plans[0].author.as_str()), (first, None, "Ana"));
    assert!(plans[1].reason.is_some());
    let all = store.all_work_plans().await.unwrap();
    assert_eq!(all.get("PNMPETI").map(Vec::len), Some(2));
    assert!(!all.contains_key("PNMPETF"));
}
