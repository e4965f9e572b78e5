//! The one place that talks to SurrealDB. Embedded (`surrealkv://`, `mem://`) or a server
//! (`ws://`) through the same code: only the URL changes.
mod accounts;
mod admin;
mod drafting;
mod expediente;
mod followup;
mod forms;
mod ids;
mod kept;
mod mail;
mod migrations;
mod plan;
mod policies;
mod review;
mod rounds;
mod backup;
mod counters;
pub mod credentials;
pub mod demo;
mod scale;
mod structure;
mod workshops;
mod seed;

pub use admin::AUDIT_PAGE_SIZE;
pub use backup::RestoreRefusal;
pub use counters::Counters;
pub use scale::{ScaleReport, Workload};
pub use drafting::HISTORY_PAGE_SIZE;
pub use expediente::StoredFile;
pub use followup::FollowUpFile;
pub use mail::{MailQueue, OutgoingMail};
pub use forms::{HeldForm, KeyTurn, HELD_FIELDS, HELD_FOR_DAYS, HELD_PER_ACCOUNT};
pub use migrations::{latest as latest_migration, MIGRATIONS};
pub use seed::SeedReport;
pub use structure::NewItem;

use std::sync::Arc;

use kept::{Kept, Turns};

use surrealdb::engine::any::{connect, Any};
use surrealdb::opt::auth::Root;
use surrealdb::Surreal;

pub const NAMESPACE: &str = "pasos";
pub const DATABASE: &str = "pasos";

/// Why the store could not do what it was asked. Said in Spanish through the catalogue
/// (`Catalog::store_*`): the command line prints it.
#[derive(Debug)]
pub enum StoreError {
    Connect { url: String, cause: String },
    /// The database was written by a newer Pasos.
    NewerSchema { found: i64, known: i64 },
    Migration { version: i64, statement: usize, cause: String },
    /// An embedded database another process holds.
    InUse(String),
    DuplicatePolicy(String),
    DuplicateEmail(String),
    /// The change would leave no active administrator.
    LastAdmin,
    /// A record that does not read as Pasos wrote it (the detail goes to the log).
    Corrupt(String),
    /// `pasos backup` against a SurrealDB server (the endpoint to give `surreal export`).
    BackupOnServer(String),
    Db(surrealdb::Error),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = crate::i18n::t();
        match self {
            StoreError::Connect { url, cause } => f.write_str(&t.store_connect(url, cause)),
            StoreError::NewerSchema { found, known } => f.write_str(&t.store_newer_schema(*found, *known)),
            StoreError::Migration { version, statement, cause } => f.write_str(&t.store_migration(*version, *statement, cause)),
            StoreError::InUse(url) => f.write_str(&t.store_in_use(url)),
            StoreError::DuplicatePolicy(code) => f.write_str(&t.store_duplicate_policy(code)),
            StoreError::DuplicateEmail(email) => f.write_str(&t.store_duplicate_email(email)),
            StoreError::LastAdmin => f.write_str(t.store_last_admin()),
            StoreError::Corrupt(what) => f.write_str(&t.store_corrupt(what)),
            StoreError::BackupOnServer(endpoint) => f.write_str(&t.store_backup_on_server(endpoint)),
            StoreError::Db(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Db(e) => Some(e),
            _ => None,
        }
    }
}

impl From<surrealdb::Error> for StoreError {
    fn from(e: surrealdb::Error) -> Self {
        StoreError::Db(e)
    }
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
    retrying_also(&[], query).await
}

/// As `retrying`, and also when a failure names one of `also` (such as a unique index that another
/// instance's write took the value of first).
pub(crate) async fn retrying_also<Q>(also: &[&str], query: impl Fn() -> Q) -> Result<surrealdb::IndexedResults, surrealdb::Error>
where
    Q: std::future::IntoFuture<Output = Result<surrealdb::IndexedResults, surrealdb::Error>>,
{
    let retried = |e: &surrealdb::Error| {
        let text = e.to_string();
        text.contains("can be retried") || also.iter().any(|a| text.contains(a))
    };
    let mut attempt = 0;
    loop {
        let mut res = query().await?;
        let mut errors: Vec<(usize, surrealdb::Error)> = res.take_errors().into_iter().collect();
        if errors.is_empty() {
            return Ok(res);
        }
        if errors.iter().any(|(_, e)| retried(e)) && attempt + 1 < RETRIES {
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

/// A handle on the Pasos database; cheap to clone and shared by every request.
#[derive(Clone)]
pub struct Store {
    /// Shared, not cloned: over ws:// each clone of a `Surreal` handle attaches a new server
    /// session (at most 256 per connection), and every request clones the store.
    db: Arc<Surreal<Any>>,
    /// Where it was opened.
    config: DbConfig,
    /// What this instance keeps of what it read (see `kept` for why each copy is current).
    contributions: Kept<Arc<Vec<crate::domain::ContributionInfo>>>,
    figures: Kept<(usize, usize)>,
    policies: Kept<Arc<policies::PolicyParts>>,
    overview: Kept<Arc<Vec<crate::domain::PolicyDetail>>>,
    frozen: Kept<Arc<Vec<crate::domain::StepBody>>>,
    sessions: Kept<accounts::KeptSession>,
    /// The contributions waiting to be numbered, by round; see `add_contribution`.
    numbering: rounds::Numbering,
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
        Ok(Self::over(Arc::new(db), config.clone()))
    }

    /// A store on an open connection, with nothing kept yet.
    fn over(db: Arc<Surreal<Any>>, config: DbConfig) -> Store {
        Store {
            db,
            config,
            contributions: Kept::new(rounds::KEPT_ROUNDS),
            figures: Kept::new(rounds::KEPT_FIGURES),
            policies: Kept::new(policies::KEPT_POLICIES),
            overview: Kept::new(1),
            frozen: Kept::new(drafting::KEPT_VERSIONS),
            sessions: Kept::new(accounts::KEPT_SESSIONS),
            numbering: Default::default(),
            attempts: Turns::default(),
        }
    }

    /// The same database as another instance of Pasos would see it: the connection is shared, but
    /// nothing this instance keeps (copies, locks taken in turns) is. For tests of what several
    /// instances behind a balancer do at once.
    #[doc(hidden)]
    pub fn as_another_instance(&self) -> Store {
        Store::over(Arc::clone(&self.db), self.config.clone())
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
