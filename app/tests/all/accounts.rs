//! Accounts and sessions against a real (in-memory) SurrealDB.

use chrono::{Duration, Utc};
use pasos_app::store::credentials::{hash_password, new_session_token, verify_password};
use pasos_app::domain::{NewUser, Role};
use pasos_app::domain::Author;
use pasos_app::store::{DbConfig, Store, StoreError};

const SYSTEM: Author = Author::System("prueba");

async fn store_with_user() -> (Store, pasos_app::domain::User) {
    let store = Store::open(&DbConfig::scratch()).await.unwrap();
    let user = NewUser {
        email: "Ana@Trabajo.gob.pe".into(),
        name: "Ana".into(),
        organisation: Some("MTPE".into()),
        jurisdiction: None,
        roles: vec![Role::Equipo],
        policies: vec!["PNMPETF".into()],
    }
    .validate()
    .unwrap();
    let user = store.create_user(user, hash_password("una clave larga").unwrap(), &SYSTEM).await.unwrap();
    (store, user)
}

#[tokio::test]
async fn e_mails_are_unique_whatever_their_case() {
    let (store, user) = store_with_user().await;
    assert_eq!(user.email, "ana@trabajo.gob.pe");
    let again = NewUser { email: "ANA@trabajo.gob.pe".into(), name: "Otra".into(), organisation: None, jurisdiction: None, roles: vec![Role::Admin], policies: vec![] }
        .validate()
        .unwrap();
    let err = store.create_user(again, hash_password("otra clave larga").unwrap(), &SYSTEM).await.unwrap_err();
    assert!(matches!(err, StoreError::DuplicateEmail(_)), "{err:?}");
    let (found, hash) = store.user_with_hash("ANA@TRABAJO.GOB.PE").await.unwrap().unwrap();
    assert_eq!(found.id, user.id);
    assert!(verify_password("una clave larga", &hash));
    assert_eq!(store.count("audit").await.unwrap(), 1, "the creation is in the audit log");
}

/// Many requests of one session at the moment its `last_seen` is due: each is answered, though
/// only one refresh is needed and the others' writes meet it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_session_refreshed_by_many_requests_at_once_answers_them_all() {
    let (store, user) = store_with_user().await;
    let signed_in = Utc::now();
    for round in 0..5 {
        let (_, digest) = new_session_token();
        store.create_session(&user, &digest, signed_in).await.unwrap();
        let now = signed_in + Duration::minutes(2);
        let requests: Vec<_> = (0..16)
            .map(|_| {
                let (store, digest) = (store.clone(), digest.clone());
                tokio::spawn(async move { store.session_user(&digest, now).await.map(|s| s.map(|s| s.user.id)) })
            })
            .collect();
        for r in requests {
            assert_eq!(r.await.unwrap().expect("answered, not refused").as_deref(), Some(user.id.as_str()), "round {round}");
        }
    }
}

#[tokio::test]
async fn a_session_lives_until_it_ends_or_expires() {
    let (store, user) = store_with_user().await;
    let now = Utc::now();
    let (_, digest) = new_session_token();
    store.create_session(&user, &digest, now).await.unwrap();
    assert_eq!(store.session_user(&digest, now + Duration::hours(1)).await.unwrap().map(|s| s.user.id), Some(user.id.clone()));
    // Each request moves the idle limit; a week after sign-in the session ends regardless.
    assert!(store.session_user(&digest, now + Duration::hours(8)).await.unwrap().is_some());
    assert!(store.session_user(&digest, now + Duration::days(7)).await.unwrap().is_none());
    assert_eq!(store.sessions_of(&user).await.unwrap(), 0, "an expired session is removed");

    let (_, digest) = new_session_token();
    store.create_session(&user, &digest, now).await.unwrap();
    assert!(store.session_user(&digest, now + Duration::hours(9)).await.unwrap().is_none(), "idle for 9 hours");

    let (_, digest) = new_session_token();
    store.create_session(&user, &digest, now).await.unwrap();
    store.end_session(&digest).await.unwrap();
    assert!(store.session_user(&digest, now).await.unwrap().is_none(), "signed out");
    assert!(store.session_user("no-such-digest", now).await.unwrap().is_none());
}

#[tokio::test]
async fn a_password_change_ends_every_session() {
    let (store, user) = store_with_user().await;
    let now = Utc::now();
    for _ in 0..3 {
        store.create_session(&user, &new_session_token().1, now).await.unwrap();
    }
    assert_eq!(store.sessions_of(&user).await.unwrap(), 3);
    store.set_password(&user, hash_password("una clave nueva").unwrap(), &SYSTEM).await.unwrap();
    assert_eq!(store.sessions_of(&user).await.unwrap(), 0);
    let (_, hash) = store.user_with_hash(&user.email).await.unwrap().unwrap();
    assert!(verify_password("una clave nueva", &hash));
}

#[tokio::test]
async fn attempts_are_counted_per_account_and_address_within_the_window() {
    use pasos_app::domain::account::{attempt_counts, MAX_ATTEMPTS_PER_ACCOUNT};
    let (store, _) = store_with_user().await;
    let now = Utc::now();
    let counts = attempt_counts("ana@trabajo.gob.pe", "10.0.0.1", None, now);
    for _ in 0..MAX_ATTEMPTS_PER_ACCOUNT {
        assert!(store.count_sign_in_attempt(&counts).await.unwrap());
    }
    assert!(!store.count_sign_in_attempt(&counts).await.unwrap(), "the account is at its limit");
    let other = attempt_counts("otro@x.pe", "10.0.0.1", None, now);
    assert!(store.count_sign_in_attempt(&other).await.unwrap(), "another account from the same address");
    store.uncount_sign_in_attempt(&counts, now).await.unwrap();
    assert!(store.count_sign_in_attempt(&counts).await.unwrap(), "a successful sign-in is taken back");
    let later = attempt_counts("ana@trabajo.gob.pe", "10.0.0.1", None, now + Duration::minutes(16));
    assert!(store.count_sign_in_attempt(&later).await.unwrap(), "the next window starts afresh");
    let owner = attempt_counts("ana@trabajo.gob.pe", "10.0.0.1", Some("navegador-de-ana"), now);
    assert!(store.count_sign_in_attempt(&owner).await.unwrap(), "the owner's browser has a count of its own");
}

/// Two hundred guesses at once: the check and the count are one step, so exactly the limit pass.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_attempts_never_pass_the_limit() {
    use pasos_app::domain::account::{attempt_counts, MAX_ATTEMPTS_PER_ACCOUNT};
    let (store, _) = store_with_user().await;
    let now = Utc::now();
    // Four instances behind a balancer: within one, attempts take turns; between them, only the
    // database's transaction stands between the guesses.
    let instances: Vec<Store> = (0..4).map(|_| store.as_another_instance()).collect();
    let guesses = (0..200).map(|i| {
        let store = instances[i % 4].clone();
        // From many addresses, as a botnet would: only the account's count can stop them.
        let counts = attempt_counts("ana@trabajo.gob.pe", &format!("10.0.{}.{}", i / 250, i % 250), None, now);
        tokio::spawn(async move { store.count_sign_in_attempt(&counts).await.unwrap() })
    });
    let passed = futures::future::join_all(guesses).await.into_iter().filter(|r| *r.as_ref().unwrap()).count();
    assert_eq!(passed, MAX_ATTEMPTS_PER_ACCOUNT as usize);
}

#[tokio::test]
async fn browsers_are_known_to_the_account_they_signed_in_as() {
    let (store, _) = store_with_user().await;
    let now = Utc::now();
    assert!(!store.known_device("d1", "ana@trabajo.gob.pe", now).await.unwrap());
    store.remember_device("d1", "ana@trabajo.gob.pe", now).await.unwrap();
    assert!(store.known_device("d1", "ana@trabajo.gob.pe", now).await.unwrap());
    assert!(!store.known_device("d1", "otro@x.pe", now).await.unwrap(), "known to one account only");
    assert!(!store.known_device("d1", "ana@trabajo.gob.pe", now + Duration::days(366)).await.unwrap(), "a year later it is a stranger");
}

#[tokio::test]
async fn changing_ones_own_password_keeps_only_the_current_session() {
    let (store, user) = store_with_user().await;
    let now = Utc::now();
    let (_, current) = new_session_token();
    store.create_session(&user, &current, now).await.unwrap();
    let (_, other) = new_session_token();
    store.create_session(&user, &other, now).await.unwrap();
    store.change_password(&user, hash_password("otra clave larga").unwrap(), Some(&current), &SYSTEM).await.unwrap();
    assert!(store.session_user(&current, now).await.unwrap().is_some());
    assert!(store.session_user(&other, now).await.unwrap().is_none());
}

#[tokio::test]
async fn a_one_time_message_is_taken_once_and_only_by_its_session() {
    let (store, _) = store_with_user().await;
    store.put_flash("sesion-a", "Cuenta creada", Some("secreto".into())).await.unwrap();
    assert!(store.take_flash("sesion-b").await.unwrap().is_empty());
    assert_eq!(store.take_flash("sesion-a").await.unwrap(), vec![("Cuenta creada".to_string(), Some("secreto".to_string()))]);
    assert!(store.take_flash("sesion-a").await.unwrap().is_empty(), "shown once");
}

/// A held form is its account's and its page's, keeps at most `HELD_FIELDS` fields, and an account
/// holds at most `HELD_PER_ACCOUNT` (the oldest go): no one fills the database through it.
#[tokio::test]
async fn held_forms_are_bounded_and_kept_for_their_account_and_page() {
    use pasos_app::store::{HeldForm, HELD_FIELDS, HELD_PER_ACCOUNT};
    let (store, user) = store_with_user().await;
    let fields: Vec<(String, String)> = (0..HELD_FIELDS + 100).map(|i| (format!("campo{i}"), "x".repeat(10))).collect();
    let form = HeldForm { page: "/rondas/r1?pagina=2".into(), anchor: "comentar".into(), error: "no_abierta".into(), fields };
    let mut ids = Vec::new();
    for _ in 0..HELD_PER_ACCOUNT + 5 {
        ids.push(store.hold_form(&user.id, &form).await.unwrap());
    }
    let newest = store.held_form(ids.last().unwrap(), &user.id, "/rondas/r1").await.unwrap().expect("the account's own");
    assert_eq!(newest.fields.len(), HELD_FIELDS);
    assert!(store.held_form(ids.last().unwrap(), &user.id, "/rondas/r2").await.unwrap().is_none(), "another page finds nothing");
    assert!(store.held_form(ids.last().unwrap(), "otro", "/rondas/r1").await.unwrap().is_none(), "another account finds nothing");
    let kept = futures::future::join_all(ids.iter().map(|id| store.held_form(id, &user.id, "/rondas/r1"))).await;
    assert_eq!(kept.iter().filter(|k| matches!(k, Ok(Some(_)))).count(), HELD_PER_ACCOUNT, "the oldest went");
    assert!(matches!(kept[0], Ok(None)));
    store.drop_held_form(ids.last().unwrap(), &user.id).await.unwrap();
    assert!(store.held_form(ids.last().unwrap(), &user.id, "/rondas/r1").await.unwrap().is_none(), "a held form sent is forgotten");
}

/// A session that ended (signed out, or found expired) is remembered as its account's for as long
/// as a form sent with it is held; one never opened names no one.
#[tokio::test]
async fn an_ended_session_names_its_account() {
    let (store, user) = store_with_user().await;
    let (_, digest) = new_session_token();
    store.create_session(&user, &digest, Utc::now()).await.unwrap();
    assert_eq!(store.ended_session_user(&digest).await.unwrap(), None, "still alive");
    store.end_session(&digest).await.unwrap();
    assert_eq!(store.ended_session_user(&digest).await.unwrap(), Some(user.id.clone()));
    let (_, expiring) = new_session_token();
    store.create_session(&user, &expiring, Utc::now()).await.unwrap();
    assert!(store.session_user(&expiring, Utc::now() + Duration::days(9)).await.unwrap().is_none());
    assert_eq!(store.ended_session_user(&expiring).await.unwrap(), Some(user.id.clone()), "found expired");
    assert_eq!(store.ended_session_user("nunca").await.unwrap(), None);
}

/// Forms of one account refused at the same moment are each held: their writes meet on the
/// account's held forms and the losers go again, which must not find their own first write and
/// fail (a participant sending several refused contributions at once was answered 503).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn forms_refused_at_once_are_each_held() {
    use pasos_app::store::{HeldForm, HELD_PER_ACCOUNT};
    let (store, user) = store_with_user().await;
    // An account that already holds its most: each new hold also lets the oldest go.
    let old = HeldForm { page: "/rondas/r0".into(), anchor: "comentar".into(), error: "paso".into(), fields: vec![("texto".into(), "antes".into())] };
    for _ in 0..HELD_PER_ACCOUNT {
        store.hold_form(&user.id, &old).await.unwrap();
    }
    let holds = (0..HELD_PER_ACCOUNT / 2).map(|i| {
        let (store, user) = (store.clone(), user.clone());
        tokio::spawn(async move {
            let form = HeldForm { page: "/rondas/r1".into(), anchor: "comentar".into(), error: "paso".into(), fields: vec![("texto".into(), format!("Aporte {i}"))] };
            store.hold_form(&user.id, &form).await
        })
    });
    for (i, held) in futures::future::join_all(holds).await.into_iter().enumerate() {
        let id = held.unwrap().unwrap_or_else(|e| panic!("form {i} not held: {e}"));
        let form = store.held_form(&id, &user.id, "/rondas/r1").await.unwrap().expect("held");
        assert_eq!(form.fields, vec![("texto".to_string(), format!("Aporte {i}"))]);
    }
}
