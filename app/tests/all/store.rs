//! The store against a real SurrealDB: in memory and on disk (surrealkv).

use pasos_app::domain::{DeliverableState, StepState};
use crate::fixtures::policy;
use pasos_app::store::{latest_migration, DbConfig, Store, StoreError};

async fn mem() -> Store {
    Store::open(&DbConfig::scratch()).await.expect("a fresh store opens (in memory, or on the test server)")
}


/// Everything a user can see, to compare two states of the database.
async fn snapshot(store: &Store) -> String {
    let mut out = format!("{:?}\n{:?}\n", store.overview().await.unwrap(), store.jurisdictions().await.unwrap());
    for p in store.overview().await.unwrap() {
        out.push_str(&format!("{:?}\n", store.policy_detail(&p.policy.code).await.unwrap()));
    }
    out.push_str(&format!("{:?}\n", store.users().await.unwrap()));
    for table in ["policy", "deliverable", "step", "event", "jurisdiction", "schema_migration", "user", "audit"] {
        out.push_str(&format!("{table}={}\n", store.count(table).await.unwrap()));
    }
    out
}

#[tokio::test]
async fn migrations_run_once() {
    let store = mem().await;
    assert_eq!(store.applied_migrations().await.unwrap(), (1..=latest_migration()).collect::<Vec<_>>());
    assert!(store.migrate().await.unwrap().is_empty(), "a second start applies nothing");
    assert_eq!(store.count("schema_migration").await.unwrap() as i64, latest_migration());
}

#[tokio::test]
async fn creating_a_policy_creates_its_deliverables_and_steps() {
    let store = mem().await;
    store.create_policy(policy("PNX")).await.unwrap();
    let detail = store.policy_detail("PNX").await.unwrap().expect("the policy exists");
    assert_eq!(detail.overview.deliverables.len(), 5);
    let steps: Vec<u8> = detail.overview.deliverables.iter().flat_map(|d| d.steps.iter().map(|s| s.number)).collect();
    assert_eq!(steps, (1..=9).collect::<Vec<_>>());
    assert!(detail.overview.deliverables.iter().all(|d| d.state == DeliverableState::NoIniciado));
    assert!(detail.overview.deliverables.iter().flat_map(|d| &d.steps).all(|s| s.state == StepState::NoIniciado));
    assert_eq!((store.count("deliverable").await.unwrap(), store.count("step").await.unwrap()), (5, 9));
}

#[tokio::test]
async fn a_duplicate_code_is_refused_and_leaves_nothing_behind() {
    let store = mem().await;
    store.create_policy(policy("PNX")).await.unwrap();
    let err = store.create_policy(policy("PNX")).await.unwrap_err();
    assert!(matches!(err, StoreError::DuplicatePolicy(ref c) if c == "PNX"), "{err:?}");
    assert_eq!((store.count("policy").await.unwrap(), store.count("step").await.unwrap()), (1, 9));
}

#[tokio::test]
async fn a_failing_creation_is_all_or_nothing() {
    let store = mem().await;
    // The schema refuses a lower-case code (the domain normalises, the database checks):
    // the transaction must leave no deliverable or step behind.
    let err = store.create_policy(policy("pnx")).await;
    assert!(err.is_err());
    assert_eq!(
        (store.count("policy").await.unwrap(), store.count("deliverable").await.unwrap(), store.count("step").await.unwrap()),
        (0, 0, 0)
    );
}

#[tokio::test]
async fn the_demo_matches_the_report() {
    let store = mem().await;
    assert!(store.is_empty().await.unwrap());
    let report = store.seed_demo("pasos-demo").await.unwrap();
    assert_eq!((report.policies_created, report.jurisdictions_created, report.accounts_created), (3, 26, 8));

    let f = store.policy_detail("PNMPETF").await.unwrap().unwrap();
    assert_eq!(f.overview.policy.start_resolution.as_deref(), Some("Resolución Ministerial N° 293-2022-TR"));
    let states: Vec<_> = f.overview.deliverables.iter().map(|d| d.state).collect();
    use DeliverableState::*;
    assert_eq!(states, vec![EnLevantamiento, NoIniciado, NoIniciado, NoIniciado, NoIniciado]);
    // Each date comes back as precisely as the source gives it: day, year, a stretch of months, *as of*.
    let dates: Vec<String> = f.events.iter().map(|e| e.date.text()).collect();
    assert_eq!(
        dates,
        vec![
            "18/09/2019",
            "2022",
            "09/11/2022",
            "entre abril y mayo de 2023",
            "de mayo a diciembre de 2023",
            "junio de 2023",
            "julio de 2023",
            "de octubre a diciembre de 2023",
            "20/12/2023",
            "al 31/12/2023 (fecha no registrada)",
        ]
    );
    assert_eq!(f.overview.last_event.as_ref().map(|e| e.date.text()), Some("al 31/12/2023 (fecha no registrada)".into()));
    let answered = f.events.iter().find(|e| e.state_to == Some(ObservadoCeplan)).unwrap();
    assert_eq!(answered.answer, Some(pasos_app::domain::CeplanAnswer::ComentariosRecomendaciones));
    assert_eq!(f.events.iter().find(|e| e.state_to == Some(EnRevisionInterna)).unwrap().state_from, None, "imported history");

    let i = store.policy_detail("PNMPETI").await.unwrap().unwrap();
    let states: Vec<_> = i.overview.deliverables.iter().map(|d| d.state).collect();
    assert_eq!(states, vec![RemitidoCeplan, EnElaboracion, NoIniciado, NoIniciado, NoIniciado]);

    let t = store.policy_detail("PNTP").await.unwrap().unwrap();
    assert!(t.overview.deliverables.iter().all(|d| d.state == Conforme));
    assert_eq!(t.events.first().and_then(|e| e.date.iso()), Some("2021-07-27".into()));
    assert_eq!(t.events.first().and_then(|e| e.document.clone()), Some("Decreto Supremo N° 009-2021-IN".into()));
    assert!(t.events.iter().any(|e| e.detail.contains("42 servicios") && e.source.as_deref().is_some_and(|s| s.ends_with("líneas 1338, 1367–1369"))));
    // Its follow-up: the one figure of the report, with its source and what it covers; every
    // indicator an example, and said so.
    let values = store.followup_values("PNTP", None).await.unwrap();
    assert_eq!(values.len(), 1);
    assert_eq!((values[0].year, values[0].value.as_str()), (2023, "2\u{a0}163"));
    assert!(values[0].source.ends_with("líneas 1100–1110") && values[0].explanation.contains("de mayo a diciembre de 2023"));
    let items = store.items("PNTP").await.unwrap();
    assert!(items.iter().filter(|i| i.kind.is_indicator()).all(|i| i.headline().starts_with(pasos_app::domain::followup::ILLUSTRATIVE)));
    assert!(items.iter().filter(|i| i.kind.is_indicator()).all(|i| i.observed.is_empty()), "no value obtained invented in a ficha");
    assert!(store.period("PNTP", 2023).await.unwrap().is_some_and(|p| p.is_open()));

    let s1 = store.step_text("PNMPETF", 1).await.unwrap().unwrap();
    assert_eq!(s1.deliverable_state, EnLevantamiento);
    assert!(s1.body.contains("Protocolo 29"), "{}", s1.body);
    assert!(s1.updated_at.is_some());
    assert_eq!(s1.revision, 1, "the seeded text is the first revision");
    let s2 = store.step_text("PNMPETF", 2).await.unwrap().unwrap();
    assert!(s2.body.is_empty() && s2.updated_at.is_none() && s2.revision == 0, "the report gives no text for Paso 2");
    assert!(store.step_text("PNMPETF", 10).await.unwrap().is_none());
    assert!(store.step_text("NADA", 1).await.unwrap().is_none());

    let regions = store.jurisdictions().await.unwrap();
    assert_eq!(regions.len(), 26);
    assert_eq!(regions.iter().find(|j| j.ubigeo == "1501").map(|j| j.name.as_str()), Some("Lima Metropolitana"));
}

#[tokio::test]
async fn seeding_twice_changes_nothing() {
    let store = mem().await;
    store.seed_demo("pasos-demo").await.unwrap();
    let before = snapshot(&store).await;
    let again = store.seed_demo("pasos-demo").await.unwrap();
    assert_eq!((again.policies_created, again.jurisdictions_created, again.accounts_created), (0, 0, 0));
    assert_eq!(snapshot(&store).await, before);
}

#[tokio::test]
async fn what_is_written_to_disk_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let config = DbConfig::url(format!("surrealkv://{}", dir.path().join("pasos.db").display()));
    let before = {
        let store = Store::open(&config).await.unwrap();
        store.seed_demo("pasos-demo").await.unwrap();
        store.create_policy(policy("PNX")).await.unwrap();
        snapshot(&store).await
    };
    // The engine releases its files a moment after the last handle is dropped (longer on a busy
    // machine): the restart waits for them, up to ten seconds.
    let mut opened = Store::open(&config).await;
    for _ in 0..50 {
        if opened.is_ok() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        opened = Store::open(&config).await;
    }
    let store = opened.unwrap();
    assert_eq!(snapshot(&store).await, before);
    assert_eq!(store.count("schema_migration").await.unwrap() as i64, latest_migration(), "migrations ran once");
}

/// A database as the Pasos before migration 0012 left it keeps the meaning of its history after
/// the upgrade (dates, states, milestones, kinds read back the same), and then takes the new
/// records that schema refused: a date *as of* a day, a stretch of months, CEPLAN's kind of
/// answer, a validation, the Consejo de Ministros' vote, a milestone left out.
#[tokio::test]
async fn the_upgrade_of_the_review_record_keeps_the_meaning_of_existing_history() {
    use pasos_app::domain::{DatePrecision, EventKind, Milestone};
    let store = Store::connect(&DbConfig::scratch()).await.unwrap();
    assert_eq!(store.migrate_to(11).await.unwrap(), (1..=11).collect::<Vec<_>>());
    store.create_policy(policy("PNX")).await.unwrap();
    let old = "CREATE event CONTENT { policy: policy:PNX, seq: 0, date: <datetime>'2023-06-01T00:00:00Z', precision: 'mes', \
               kind: 'transicion', deliverable: 1, state_from: 'en_revision_interna', state_to: 'remitido_ceplan', \
               title: 'Entregable 1 remitido al CEPLAN', detail: '' };
               CREATE event CONTENT { policy: policy:PNX, seq: 1, date: <datetime>'2021-07-27T00:00:00Z', precision: 'dia', \
               kind: 'hito', milestone: 'aprobacion', title: 'Aprobación', detail: '', document: 'D.S. N° 1-2021' };";
    store.raw().query(old).await.unwrap().check().unwrap();
    let new = "CREATE event CONTENT { policy: policy:PNX, seq: 2, date: <datetime>'2023-12-31T00:00:00Z', precision: 'al', \
               until: NONE, kind: 'validacion', deliverable: 1, answer: 'comentarios_recomendaciones', \
               milestone: 'consejo_ministros', skipped: true, title: 'Nuevo', detail: '' };";
    assert!(store.raw().query(new).await.unwrap().check().is_err(), "the schema before 0012 refuses the new values");
    let before = store.policy_detail("PNX").await.unwrap().unwrap().events;

    assert_eq!(store.migrate().await.unwrap(), (12..=latest_migration()).collect::<Vec<_>>());
    let after = store.policy_detail("PNX").await.unwrap().unwrap().events;
    assert_eq!(after, before, "every existing event reads back the same");
    // In date order: the 2021 approval, then the 2023 sending.
    assert_eq!((after[0].kind, after[0].milestone, after[0].skipped), (EventKind::Milestone, Some(Milestone::Aprobacion), false));
    assert_eq!((after[1].date.precision, after[1].state_to, after[1].answer), (DatePrecision::Month, Some(DeliverableState::RemitidoCeplan), None));

    store.raw().query(new).await.unwrap().check().unwrap();
    let added = store.policy_detail("PNX").await.unwrap().unwrap().events.pop().unwrap();
    assert_eq!((added.date.precision, added.kind, added.milestone, added.skipped), (DatePrecision::AsOf, EventKind::Validation, Some(Milestone::ConsejoMinistros), true));
}

#[tokio::test]
async fn a_database_from_a_newer_pasos_is_refused_untouched() {
    let store = mem().await;
    store.seed_demo("pasos-demo").await.unwrap();
    store
        .raw()
        .query("CREATE schema_migration CONTENT { version: 999, name: 'futura' }")
        .await
        .unwrap()
        .check()
        .unwrap();
    let before = snapshot(&store).await;
    let err = store.migrate().await.unwrap_err();
    assert!(matches!(err, StoreError::NewerSchema { found: 999, .. }), "{err:?}");
    assert!(err.to_string().contains("más nuevo"), "{err}");
    assert_eq!(snapshot(&store).await, before);
}

/// Every request clones the store. Over ws:// a cloned SDK handle attaches a new server session
/// (at most 256 per connection), so clones must share one handle: a thousand clones still answer.
#[tokio::test]
async fn a_thousand_clones_of_the_store_keep_answering() {
    let store = mem().await;
    for i in 0..1000 {
        let clone = store.clone();
        clone.ping().await.unwrap_or_else(|e| panic!("clone {i}: {e}"));
    }
}

/// Servers keep each policy's deliverables and history in memory while the policy's `changes`
/// counter stands still; the database counts it up itself (events of migration 0010), so a
/// write by another instance — here, straight to the database behind this store's back — shows
/// on the very next read.
#[tokio::test]
async fn what_another_instance_writes_shows_at_once() {
    let store = mem().await;
    store.create_policy(policy("PNX")).await.unwrap();
    let changes = || async {
        let mut res = store.raw().query("SELECT VALUE changes FROM ONLY policy:PNX").await.unwrap();
        res.take::<Option<i64>>(0).unwrap().unwrap()
    };
    let state_of = |d: &pasos_app::domain::PolicyDetail, n: usize| d.overview.deliverables[n - 1].state;
    let step_of = |d: &pasos_app::domain::PolicyDetail, n: u8| {
        d.overview.deliverables.iter().flat_map(|x| &x.steps).find(|s| s.number == n).unwrap().state
    };
    let first = store.policy_detail("PNX").await.unwrap().unwrap();
    assert_eq!(state_of(&first, 1), DeliverableState::NoIniciado);
    assert_eq!(step_of(&store.details().await.unwrap()[0], 2), StepState::NoIniciado);
    let start = changes().await;

    store.raw().query("UPDATE deliverable:⟨PNX-1⟩ SET state = 'en_elaboracion'").await.unwrap().check().unwrap();
    assert_eq!(state_of(&store.policy_detail("PNX").await.unwrap().unwrap(), 1), DeliverableState::EnElaboracion);
    assert_eq!(state_of(&store.details().await.unwrap()[0], 1), DeliverableState::EnElaboracion);

    store.raw().query("UPDATE step:⟨PNX-2⟩ SET body = 'Árbol de problemas'").await.unwrap().check().unwrap();
    assert_ne!(step_of(&store.details().await.unwrap()[0], 2), StepState::NoIniciado, "the step has text now");
    let with_text = changes().await;
    // More text in a step that had some changes nothing the overviews show: no count, no re-read.
    store.raw().query("UPDATE step:⟨PNX-2⟩ SET body = 'Árbol de problemas y de causas'").await.unwrap().check().unwrap();
    assert_eq!(changes().await, with_text);
    store.raw().query("UPDATE step:⟨PNX-2⟩ SET body = '  '").await.unwrap().check().unwrap();
    assert_eq!(step_of(&store.policy_detail("PNX").await.unwrap().unwrap(), 2), StepState::NoIniciado, "blank again");

    store
        .raw()
        .query("CREATE event CONTENT { policy: policy:PNX, seq: 0, date: d'2025-03-04', precision: 'dia', title: 'Reunión con CEPLAN' }")
        .await
        .unwrap()
        .check()
        .unwrap();
    let detail = store.policy_detail("PNX").await.unwrap().unwrap();
    assert_eq!(detail.events.iter().map(|e| e.title.as_str()).collect::<Vec<_>>(), ["Reunión con CEPLAN"]);
    assert_eq!(store.details().await.unwrap()[0].events.len(), 1);
    assert!(changes().await > with_text);
    assert!(with_text > start);

    // The dashboard's list of every policy is kept whole while nothing in any policy changes.
    let kept = store.details().await.unwrap();
    assert!(std::sync::Arc::ptr_eq(&kept, &store.details().await.unwrap()), "kept while nothing changed");
    store.raw().query("UPDATE policy:PNX SET name = 'Política renombrada'").await.unwrap().check().unwrap();
    assert_eq!(store.details().await.unwrap()[0].overview.policy.name, "Política renombrada");
    store.create_policy(policy("PNA")).await.unwrap();
    let codes: Vec<String> = store.details().await.unwrap().iter().map(|d| d.overview.policy.code.clone()).collect();
    assert_eq!(codes, ["PNA", "PNX"]);
}

/// A deployment's database from before migration 0010, with unread and read notices and a policy:
/// the upgrade counts each user's unread notices once and starts every policy's counter, and the
/// pages read them as if they had always been kept.
#[tokio::test]
async fn upgrading_to_the_kept_counters_counts_what_is_there() {
    let store = Store::connect(&DbConfig::scratch()).await.unwrap();
    store.raw().query("DEFINE TABLE IF NOT EXISTS schema_migration SCHEMAFULL; DEFINE FIELD IF NOT EXISTS version ON schema_migration TYPE int; DEFINE FIELD IF NOT EXISTS name ON schema_migration TYPE string; DEFINE FIELD IF NOT EXISTS applied_at ON schema_migration TYPE datetime DEFAULT time::now();").await.unwrap().check().unwrap();
    for (version, name, sql) in pasos_app::store::MIGRATIONS.iter().filter(|m| m.0 < 10) {
        let script = format!("BEGIN TRANSACTION;\n{sql}\nCREATE schema_migration CONTENT {{ version: {version}, name: '{name}' }};\nCOMMIT TRANSACTION;");
        store.raw().query(script).await.unwrap().check().unwrap();
    }
    store
        .raw()
        .query(
            "CREATE user:ana CONTENT { email: 'ana@pasos.pe', name: 'Ana', password_hash: '$argon2id$x', roles: ['equipo'] };
             CREATE notification CONTENT { user: user:ana, kind: 'ronda_abierta', subject: 'r1', message: 'm', link: '/rondas/r1', created_at: time::now() };
             CREATE notification CONTENT { user: user:ana, kind: 'ronda_abierta', subject: 'r2', message: 'm', link: '/rondas/r2', created_at: time::now() };
             CREATE notification CONTENT { user: user:ana, kind: 'ronda_abierta', subject: 'r3', message: 'm', link: '/rondas/r3', created_at: time::now(), read_at: time::now() };
             CREATE policy:PNX CONTENT { code: 'PNX', name: 'Política de prueba', topic: 'Prueba', rector_sector: 'Trabajo' };
             CREATE deliverable:⟨PNX-1⟩ CONTENT { policy: policy:PNX, number: 1, state: 'en_elaboracion' };
             CREATE step:⟨PNX-1⟩ CONTENT { policy: policy:PNX, deliverable: deliverable:⟨PNX-1⟩, number: 1, body: 'Diagnóstico' };",
        )
        .await
        .unwrap()
        .check()
        .unwrap();
    assert_eq!(store.migrate().await.unwrap(), (10..=pasos_app::store::latest_migration()).collect::<Vec<_>>());
    assert_eq!(store.unread_notifications("ana").await.unwrap(), 2);
    let detail = store.policy_detail("PNX").await.unwrap().unwrap();
    assert_eq!(detail.overview.deliverables[0].state, DeliverableState::EnElaboracion);
    assert_ne!(detail.overview.deliverables[0].steps[0].state, StepState::NoIniciado, "step 1 has its text");
    // From now on the database keeps them: a notice read, a step emptied.
    store.mark_notifications_read("ana").await.unwrap();
    assert_eq!(store.unread_notifications("ana").await.unwrap(), 0);
    store.raw().query("UPDATE step:⟨PNX-1⟩ SET body = ''").await.unwrap().check().unwrap();
    assert_eq!(store.details().await.unwrap()[0].overview.deliverables[0].steps[0].state, StepState::NoIniciado);
}
