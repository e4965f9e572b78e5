//! Rounds against a real SurrealDB: numbering under concurrency, answers, publication and notices.

use chrono::{Duration, Utc};
use pasos_app::domain::rounds::{Answer, AnswerState, Channel, NewRound};
use pasos_app::domain::RoundKind;
use pasos_app::domain::{Author, NewContribution};
use pasos_app::store::{DbConfig, Store};

fn team() -> Author {
    Author::User { id: "equipo".into(), name: "Equipo".into() }
}

async fn seeded() -> Store {
    let store = Store::open(&DbConfig::scratch()).await.unwrap();
    store.seed_demo("pasos-demo").await.unwrap();
    store
}

/// A consultation of PNMPETI's E2 on step 3, open for Cusco for two more days.
async fn open_consultation(store: &Store) -> String {
    let round = NewRound {
        kind: RoundKind::ConsultaRegional,
        title: "Consulta de prueba".into(),
        version: 1,
        steps: vec![3],
        opens: Utc::now() - Duration::hours(1),
        closes: Utc::now() + Duration::days(2),
        jurisdictions: vec!["08".into()],
        organisations: vec![],
        users: vec![],
    };
    store.create_round("PNMPETI", 2, &round, &team(), false).await.unwrap()
}

fn contribution(author: &pasos_app::domain::User, body: &str) -> NewContribution {
    NewContribution {
        parent: None,
        author: author.author(),
        author_name: author.name.clone(),
        organisation: author.organisation.clone(),
        jurisdiction: author.jurisdiction.clone(),
        channel: Channel::Plataforma,
        step: 3,
        anchor: Some("p3-1".into()),
        passage: Some("Situación futura".into()),
        body: body.into(),
        received_on: None,
        source_document: None,
        recorded_by: None,
        illustrative: false,
        workshop: None,
    }
}

#[tokio::test]
async fn a_round_numbers_answers_publishes_and_notifies() {
    let store = seeded().await;
    let id = open_consultation(&store).await;
    let cusco = store.user_by_email("cusco@pasos.demo").await.unwrap().unwrap();
    let loreto = store.user_by_email("loreto@pasos.demo").await.unwrap().unwrap();
    let notices = store.notifications(&cusco).await.unwrap();
    let kinds: Vec<&str> = notices.iter().map(|n| n.kind.as_str()).collect();
    assert!(kinds.contains(&"ronda_abierta") && kinds.contains(&"ronda_por_cerrar"), "{kinds:?}");
    assert!(store.notifications(&loreto).await.unwrap().is_empty(), "Loreto is not invited");
    assert_eq!(store.notifications(&cusco).await.unwrap().len(), 2, "each notice once");

    let mut tasks = Vec::new();
    for i in 0..8 {
        let (store, id, cusco) = (store.clone(), id.clone(), cusco.clone());
        tasks.push(tokio::spawn(async move { store.add_contribution(&id, contribution(&cusco, &format!("Aporte {i}"))).await.unwrap() }));
    }
    let mut numbers = Vec::new();
    for t in tasks {
        numbers.push(t.await.unwrap());
    }
    numbers.sort();
    assert_eq!(numbers, (1..=8).collect::<Vec<u32>>(), "every contribution gets its own number");

    // The figures of a list of rounds are counted in the database and kept under the round's
    // count: an answer counts it up, so the next list, reading the round again, counts again.
    let round = store.round(&id).await.unwrap().unwrap();
    assert_eq!(store.round_figures(&[&round]).await.unwrap().get(&id), Some(&(8, 8)));
    let all = store.contributions(&id).await.unwrap();
    let answer = Answer { state: AnswerState::NoAcogido, justification: Some("Fuera del alcance del paso 3".into()), revision: None, changed_step: None, place: None };
    store.answer_contribution(&all[0].id, &answer, &team()).await.unwrap();
    assert_eq!(store.round_figures(&[&round]).await.unwrap().get(&id), Some(&(8, 8)), "the round as read before the answer: its copy");
    let round = store.round(&id).await.unwrap().unwrap();
    assert_eq!(store.round_figures(&[&round]).await.unwrap().get(&id), Some(&(8, 7)), "read again: counted again");
    store.publish_answers(&round, &team()).await.unwrap();
    assert!(store.round(&id).await.unwrap().unwrap().published);
    let answered = store.notifications(&cusco).await.unwrap();
    assert!(answered.iter().any(|n| n.kind == "aporte_respondido" && n.link.ends_with("#aporte-1")), "{answered:?}");
    assert_eq!(store.unread_notifications(&cusco.id).await.unwrap(), 3);
    store.mark_notifications_read(&cusco.id).await.unwrap();
    assert_eq!(store.unread_notifications(&cusco.id).await.unwrap(), 0);
    let first = &store.contributions(&id).await.unwrap()[0];
    assert_eq!(first.answer.as_ref().map(|a| a.state.key()), Some("no_acogido"));

    // Contributions are kept in memory while the round's `changes` stands still; a new
    // contribution or an answer counts it up, so the next read of the round brings a fresh list.
    let round = store.round(&id).await.unwrap().unwrap();
    // The eight sent at once were written in one to eight transactions, each counting it up once.
    assert!((2..=9).contains(&round.changes), "eight contributions and one answer: {}", round.changes);
    let counted = round.changes;
    // Sixteen first views at once: one reads the list, the others get its copy.
    let views: Vec<_> = (0..16)
        .map(|_| {
            let (store, round) = (store.clone(), round.clone());
            tokio::spawn(async move { store.contributions_of(&round).await.unwrap() })
        })
        .collect();
    let mut lists = Vec::new();
    for view in views {
        lists.push(view.await.unwrap());
    }
    assert_eq!(lists[0].len(), 8);
    assert!(lists.iter().all(|l| std::sync::Arc::ptr_eq(l, &lists[0])), "one read, one copy for all");
    let kept = store.contributions_of(&round).await.unwrap();
    assert!(std::sync::Arc::ptr_eq(&kept, &store.contributions_of(&round).await.unwrap()), "kept while nothing changed");
    // An observation lifted by a revision of another step, with the place of the change: kept whole.
    let answer = Answer { state: AnswerState::Levantada, justification: None, revision: Some(3), changed_step: Some(4), place: Some("Paso 4, ficha del IOP1.1".into()) };
    store.answer_contribution(&kept[1].id, &answer, &team()).await.unwrap();
    let round = store.round(&id).await.unwrap().unwrap();
    assert_eq!(round.changes, counted + 1);
    assert_eq!(store.contributions_of(&round).await.unwrap()[1].answer.as_ref(), Some(&answer));
    store.add_contribution(&id, contribution(&cusco, "Uno más")).await.unwrap();
    let round = store.round(&id).await.unwrap().unwrap();
    assert_eq!(store.contributions_of(&round).await.unwrap().len(), 9);
}

/// A round's kept contributions are brought up to date with only what was written or answered
/// since (migration 0021): the list stays whole and in order, whether the write came through this
/// store or another instance (here, straight to the database behind its back), and contributions
/// from before the migration, which carry no stamp, stay in it.
#[tokio::test]
async fn a_kept_round_reads_only_what_changed_since() {
    let store = seeded().await;
    let id = open_consultation(&store).await;
    let cusco = store.user_by_email("cusco@pasos.demo").await.unwrap().unwrap();
    // Three contributions as a database before 0021 holds them: no stamp.
    for n in 1..=3 {
        store
            .raw()
            .query(
                "CREATE contribution CONTENT { round: type::record('round', $id), number: $n, author_name: 'Cusco', channel: 'plataforma', \
                 step: 3, body: 'Aporte anterior ' + <string>$n, created_at: time::now() }; UPDATE type::record('round', $id) SET changes += 1;",
            )
            .bind(("id", id.clone()))
            .bind(("n", n))
            .await
            .unwrap()
            .check()
            .unwrap();
    }
    let first = store.contributions(&id).await.unwrap();
    assert_eq!(first.iter().map(|c| c.number).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(store.add_contribution(&id, contribution(&cusco, "Después de la migración")).await.unwrap(), 4);
    assert_eq!(store.add_contribution(&id, contribution(&cusco, "Otro")).await.unwrap(), 5);
    // Another instance answers contribution 2 and adds number 6, each stamped with the count it reached.
    store
        .raw()
        .query(
            "LET $rid = type::record('round', $id);
             LET $c = (UPDATE ONLY $rid SET changes += 1 RETURN VALUE changes);
             UPDATE contribution SET answer = 'acogido', change = $c WHERE round = $rid AND number = 2;
             LET $c = (UPDATE ONLY $rid SET changes += 1 RETURN VALUE changes);
             CREATE contribution CONTENT { round: $rid, number: 6, author_name: 'Loreto', channel: 'plataforma', step: 3, \
               body: 'Desde la otra instancia', created_at: time::now(), change: $c };",
        )
        .bind(("id", id.clone()))
        .await
        .unwrap()
        .check()
        .unwrap();
    let now = store.contributions(&id).await.unwrap();
    assert_eq!(now.iter().map(|c| c.number).collect::<Vec<_>>(), [1, 2, 3, 4, 5, 6]);
    assert_eq!(now[1].answer.as_ref().map(|a| a.state), Some(AnswerState::Acogido));
    assert_eq!(now[5].body, "Desde la otra instancia");
    assert!(std::sync::Arc::ptr_eq(&now, &store.contributions(&id).await.unwrap()), "kept while nothing changed");
    assert_eq!(store.add_contribution(&id, contribution(&cusco, "Y el séptimo")).await.unwrap(), 7);
    let round = store.round(&id).await.unwrap().unwrap();
    assert_eq!(store.round_figures(&[&round]).await.unwrap().get(&id), Some(&(7, 6)), "counted from the kept list");
    assert_eq!(store.contributions_of(&round).await.unwrap().len(), 7);
}


/// Contributions sent to one round at once are written together, numbered in turn; one the
/// database refuses (here, an empty text, which the form never lets through) is refused alone, and
/// the others are numbered with no gap.
#[tokio::test]
async fn one_refused_contribution_does_not_take_the_others_with_it() {
    let store = seeded().await;
    let id = open_consultation(&store).await;
    let cusco = store.user_by_email("cusco@pasos.demo").await.unwrap().unwrap();
    let sent: Vec<_> = (0..12)
        .map(|i| {
            let (store, id, cusco) = (store.clone(), id.clone(), cusco.clone());
            let body = if i == 5 { String::new() } else { format!("Aporte {i}") };
            tokio::spawn(async move { store.add_contribution(&id, contribution(&cusco, &body)).await })
        })
        .collect();
    let mut numbers = Vec::new();
    let mut refused = 0;
    for s in sent {
        match s.await.unwrap() {
            Ok(n) => numbers.push(n),
            Err(_) => refused += 1,
        }
    }
    numbers.sort();
    assert_eq!((numbers, refused), ((1..=11).collect::<Vec<u32>>(), 1));
    let round = store.round(&id).await.unwrap().unwrap();
    assert!(round.changes < 12, "written together: {} transactions for 11 contributions", round.changes);
    assert_eq!(store.contributions(&id).await.unwrap().len(), 11);
}
