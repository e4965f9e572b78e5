//! The scale seed writes what it says, and the same seed writes the same data.

use pasos_app::store::{DbConfig, Store, Workload};

const SMALL: Workload = Workload { policies: 2, revisions: 4, rounds: 3, contributions: 60, big_round: 30, users: 12 };

async fn seeded(seed: u64) -> (Store, pasos_app::store::ScaleReport) {
    let store = Store::open(&DbConfig::scratch()).await.unwrap();
    let mut phases = Vec::new();
    let report = store.seed_scale(SMALL, seed, "pasos-demo", |phase, done, total| phases.push((phase.to_string(), done, total))).await.unwrap();
    assert!(phases.iter().any(|(p, d, t)| p == "aportes" && d == t && *t == 60), "progress reaches the end: {phases:?}");
    (store, report)
}

#[tokio::test]
async fn the_scale_seed_is_complete_and_deterministic() {
    let (a, report) = seeded(7).await;
    assert_eq!((report.policies, report.revisions, report.rounds, report.contributions, report.users), (2, 72, 3, 60, 12));
    let big = a.contributions(&report.big_round).await.unwrap();
    assert_eq!(big.len(), 30);
    assert!(big.iter().all(|c| c.answer.is_some()), "every contribution is answered");
    let step = a.step_text("ESC0001", 5).await.unwrap().unwrap();
    assert_eq!(step.revision, 4);
    assert_eq!(a.revisions("ESC0001", 5, 1).await.unwrap().1, 4);
    assert!(a.user_by_email("participante11@escala.pasos.pe").await.unwrap().is_some());

    let (b, again) = seeded(7).await;
    let shape = |cs: &[pasos_app::domain::ContributionInfo]| cs.iter().map(|c| (c.number, c.jurisdiction.clone(), c.author.clone(), c.answer.as_ref().map(|a| a.state), c.body.clone())).collect::<Vec<_>>();
    assert_eq!(shape(&b.contributions(&again.big_round).await.unwrap()), shape(&big), "same seed, same data");
    assert_eq!(b.step_text("ESC0001", 5).await.unwrap().unwrap().body, step.body);
    let (c, other) = seeded(8).await;
    assert_ne!(shape(&c.contributions(&other.big_round).await.unwrap()), shape(&big), "another seed, other data");
}
