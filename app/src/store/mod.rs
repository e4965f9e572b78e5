//! The one place that talks to SurrealDB. Embedded (`surrealkv://`, `mem://`) or a server
//! (`ws://`) through the same code: only the URL changes.
mod accounts;
mod admin;
mod drafting;
mod migrations;
mod policies;
mod review;
mod rounds;
mod backup;
pub mod demo;
mod scale;
mod structure;
mod seed;

pub use admin::AUDIT_PAGE_SIZE;
pub use backup::RestoreRefusal;
pub use scale::{ScaleReport, Workload};
pub use drafting::HISTORY_PAGE_SIZE;
pub use migrations::{latest as latest_migration, MIGRATIONS};
pub use seed::SeedReport;

use std::sync::Arc;

use surrealdb::engine::any::{connect, Any};
use surrealdb::opt::auth::Root;
use surrealdb::Surreal;

pub const NAMESPACE: &str = "pasos";
pub const DATABASE: &str = "pasos";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no se pudo abrir la base de datos {url}: {cause}")]
    Connect { url: String, cause: String },
    #[error("la base de datos tiene el esquema {found}, más nuevo que el {known} que conoce esta versión de Pasos; actualice Pasos (la base de datos no se modificó)")]
    NewerSchema { found: i64, known: i64 },
    #[error("la migración {version} falló en la sentencia {statement}: {cause}")]
    Migration { version: i64, statement: usize, cause: String },
    #[error("la base de datos {0} está abierta por otro proceso (un `pasos serve` en marcha): deténgalo y vuelva a intentarlo; la base embebida solo admite un proceso a la vez. Para copias sin detener el servicio, use un servidor SurrealDB (ws://) y `surreal export`")]
    InUse(String),
    #[error("ya existe una política con el código {0}")]
    DuplicatePolicy(String),
    #[error("ya existe una cuenta con el correo {0}")]
    DuplicateEmail(String),
    #[error("el cambio dejaría a Pasos sin ninguna cuenta de administración activa")]
    LastAdmin,
    #[error("datos inválidos en la base de datos: {0}")]
    Corrupt(String),
    #[error("las copias de una base de datos en un servidor SurrealDB se hacen con las herramientas del servidor: `surreal export --endpoint {0} --namespace pasos --database NOMBRE ARCHIVO` (y `surreal import` para restaurar); el archivo es el mismo SurrealQL que escribe `pasos backup`")]
    BackupOnServer(String),
    #[error(transparent)]
    Db(#[from] surrealdb::Error),
}

/// Waits before retrying a write that lost a race (the engine's write conflict, or a unique number
/// taken meanwhile): a little longer each time, with jitter so that the losers do not meet again.
pub(crate) async fn backoff(attempt: u64) {
    if attempt > 0 {
        let jitter = u64::from(chrono::Utc::now().timestamp_subsec_micros() % 17);
        tokio::time::sleep(std::time::Duration::from_millis(3 * attempt + jitter)).await;
    }
}

/// How many times a write that lost a race is tried again.
pub(crate) const RETRIES: u64 = 30;

/// Runs a write built by `query`, again after a short wait while the engine answers that it lost a
/// race with another write ("… can be retried"). The database's own counters (migration 0010) make
/// writes meet that touch nothing else in common: two first texts of one policy's steps on its
/// `changes`, two transitions of different policies on `stamp:policies`. Any other failure is the
/// answer: in a transaction, the statement that caused it, not the ones "not executed" after it.
pub(crate) async fn retrying<Q>(query: impl Fn() -> Q) -> Result<surrealdb::IndexedResults, surrealdb::Error>
where
    Q: std::future::IntoFuture<Output = Result<surrealdb::IndexedResults, surrealdb::Error>>,
{
    let mut attempt = 0;
    loop {
        let mut res = query().await?;
        let mut errors: Vec<(usize, surrealdb::Error)> = res.take_errors().into_iter().collect();
        if errors.is_empty() {
            return Ok(res);
        }
        if errors.iter().any(|(_, e)| e.to_string().contains("can be retried")) && attempt + 1 < RETRIES {
            attempt += 1;
            backoff(attempt).await;
            continue;
        }
        errors.sort_by_key(|(i, _)| *i);
        let cause = errors.iter().position(|(_, e)| !e.to_string().contains("not executed")).unwrap_or(0);
        return Err(errors.swap_remove(cause).1);
    }
}

/// Where the database is and, for a server, who we are there and which database is ours (one
/// SurrealDB server or cluster can hold several Pasos deployments, or several test runs).
#[derive(Debug, Clone)]
pub struct DbConfig {
    pub url: String,
    pub user: Option<String>,
    pub pass: Option<String>,
    pub database: String,
}

impl DbConfig {
    pub fn url(url: impl Into<String>) -> Self {
        Self { url: url.into(), user: None, pass: None, database: DATABASE.to_string() }
    }

    /// A fresh, empty database for one test: in memory, or — when `PASOS_TEST_DB` names a
    /// SurrealDB server (`ws://127.0.0.1:8000`, as `scripts/test.sh` sets it) — a database of its
    /// own on that server, signed in as `PASOS_TEST_DB_USER` / `PASOS_TEST_DB_PASS` (root/root).
    #[doc(hidden)]
    pub fn scratch() -> Self {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(0);
        match std::env::var("PASOS_TEST_DB") {
            Ok(url) if !url.is_empty() => Self {
                url,
                user: Some(std::env::var("PASOS_TEST_DB_USER").unwrap_or_else(|_| "root".into())),
                pass: Some(std::env::var("PASOS_TEST_DB_PASS").unwrap_or_else(|_| "root".into())),
                database: format!(
                    "prueba_{}_{}_{}",
                    std::process::id(),
                    NEXT.fetch_add(1, Ordering::Relaxed),
                    chrono::Utc::now().timestamp_micros()
                ),
            },
            _ => Self::url("mem://"),
        }
    }

    /// The engine named by the URL (`surrealkv`, `mem`, `ws`…), for the health report.
    pub fn scheme(&self) -> &str {
        self.url.split_once("://").map_or(self.url.as_str(), |(s, _)| s)
    }
}

/// What a server keeps in memory of what it read, by key, shared by every clone of the store.
/// Each use says why its entries are current (a counter the database keeps, or a frozen text);
/// when `limit` entries are kept it starts again rather than track their use.
struct Kept<V> {
    entries: Arc<std::sync::Mutex<std::collections::HashMap<String, V>>>,
    limit: usize,
}

impl<V: Clone> Kept<V> {
    fn new(limit: usize) -> Self {
        Self { entries: Default::default(), limit }
    }

    fn get(&self, key: &str) -> Option<V> {
        self.entries.lock().ok()?.get(key).cloned()
    }

    fn keep(&self, key: String, value: V) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= self.limit {
                entries.clear();
            }
            entries.insert(key, value);
        }
    }
}

impl<V> Clone for Kept<V> {
    fn clone(&self) -> Self {
        Self { entries: Arc::clone(&self.entries), limit: self.limit }
    }
}

/// One lock per key for work that takes turns within this process (shared by every clone of the
/// store); locks nobody holds are dropped once there are many.
#[derive(Clone, Default)]
struct Turns(Arc<std::sync::Mutex<std::collections::HashMap<String, Arc<tokio::sync::Mutex<()>>>>>);

impl Turns {
    /// The lock of `key`, to be awaited.
    fn of(&self, key: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut locks = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if locks.len() > 1024 {
            locks.retain(|_, l| Arc::strong_count(l) > 1);
        }
        Arc::clone(locks.entry(key.to_string()).or_default())
    }
}

/// A handle on the Pasos database; cheap to clone and shared by every request.
#[derive(Clone)]
pub struct Store {
    /// Shared, not cloned: over ws:// each clone of a `Surreal` handle attaches a new server
    /// session (at most 256 per connection), and every request clones the store.
    db: Arc<Surreal<Any>>,
    /// Where it was opened.
    config: DbConfig,
    /// Round id → (the round's `changes`, its contributions); see `contributions_of`.
    contributions_cache: Kept<(i64, Arc<Vec<crate::domain::ContributionInfo>>)>,
    /// Policy code → (the policy's `changes`, its deliverables and history); see `policy_parts`.
    policy_cache: Kept<(i64, Arc<policies::PolicyParts>)>,
    /// Every policy's detail under the count of `stamp:policies` (one entry); see `details`.
    overview_cache: Kept<(i64, Arc<Vec<crate::domain::PolicyDetail>>)>,
    /// "code-deliverable-number" → the texts of that frozen version; see `version_text`.
    frozen_texts: Kept<Arc<Vec<crate::domain::StepBody>>>,
    /// Round id → a lock taken while numbering a contribution; see `add_contribution`.
    numbering: Turns,
    /// Round id → a lock taken while reading its contributions to keep them; see `contributions_of`.
    loading: Turns,
    /// Sign-in count key → a lock taken while counting an attempt; see `count_sign_in_attempt`.
    attempts: Turns,
}

impl Store {
    /// Connects, selects the `pasos` namespace and database and brings the schema up to date.
    pub async fn open(config: &DbConfig) -> Result<Self, StoreError> {
        let store = Self::connect(config).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Connects and selects namespace and database, without touching the schema.
    pub async fn connect(config: &DbConfig) -> Result<Self, StoreError> {
        let fail = |e: surrealdb::Error| {
            let cause = e.to_string();
            // The embedded engine locks its folder: a running `pasos serve` holds it.
            if config.url.starts_with("surrealkv://") && cause.contains("already locked") {
                StoreError::InUse(config.url.clone())
            } else {
                StoreError::Connect { url: config.url.clone(), cause }
            }
        };
        if let Some(dir) = config.url.strip_prefix("surrealkv://") {
            if let Some(parent) = std::path::Path::new(dir).parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(|e| StoreError::Connect {
                    url: config.url.clone(),
                    cause: e.to_string(),
                })?;
            }
        }
        let db = connect(config.url.as_str()).await.map_err(fail)?;
        if let (Some(username), Some(password)) = (&config.user, &config.pass) {
            db.signin(Root { username: username.clone(), password: password.clone() }).await.map_err(fail)?;
        }
        // Namespace and database may need defining on a fresh server; a user without that right
        // on an existing one is fine, so this step's error is not fatal.
        let _ = db
            .query(format!(
                "DEFINE NAMESPACE IF NOT EXISTS {NAMESPACE}; USE NS {NAMESPACE}; DEFINE DATABASE IF NOT EXISTS `{}`;",
                config.database.replace('`', "")
            ))
            .await;
        // Clones copy the namespace and database, so select them before sharing the handle.
        db.use_ns(NAMESPACE).use_db(config.database.as_str()).await.map_err(fail)?;
        Ok(Self {
            db: Arc::new(db),
            config: config.clone(),
            contributions_cache: Kept::new(rounds::KEPT_ROUNDS),
            policy_cache: Kept::new(policies::KEPT_POLICIES),
            overview_cache: Kept::new(1),
            frozen_texts: Kept::new(drafting::KEPT_VERSIONS),
            numbering: Turns::default(),
            loading: Turns::default(),
            attempts: Turns::default(),
        })
    }

    /// The same database as another instance of Pasos would see it: the connection is shared, but
    /// nothing this instance keeps (copies, locks taken in turns) is. For tests of what several
    /// instances behind a balancer do at once.
    #[doc(hidden)]
    pub fn as_another_instance(&self) -> Store {
        Store {
            db: Arc::clone(&self.db),
            config: self.config.clone(),
            contributions_cache: Kept::new(rounds::KEPT_ROUNDS),
            policy_cache: Kept::new(policies::KEPT_POLICIES),
            overview_cache: Kept::new(1),
            frozen_texts: Kept::new(drafting::KEPT_VERSIONS),
            numbering: Turns::default(),
            loading: Turns::default(),
            attempts: Turns::default(),
        }
    }

    /// The raw handle, for tests that must break or inspect the database behind the store's back.
    #[doc(hidden)]
    pub fn raw(&self) -> &Surreal<Any> {
        &self.db
    }

    pub fn scheme(&self) -> &str {
        self.config.scheme()
    }

    /// Whether the database lives in this process (`mem://`, `surrealkv://`) rather than on a server.
    pub fn is_embedded(&self) -> bool {
        matches!(self.scheme(), "mem" | "memory" | "surrealkv")
    }

    /// The database's name inside the `pasos` namespace.
    pub fn database(&self) -> &str {
        &self.config.database
    }

    /// Answers only if the database answers a query on the Pasos schema.
    pub async fn ping(&self) -> Result<(), StoreError> {
        self.db.query("INFO FOR DB").await?.check()?;
        Ok(())
    }
}
