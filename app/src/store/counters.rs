//! The two counters read before every signed-in request (migration 0022): whether a session this
//! instance kept is still what the database would answer, and whether a page it kept would be
//! written the same again.
use surrealdb::types::SurrealValue;

use super::{Store, StoreError};

/// `stamp:sessions` and `stamp:writes` as read together; `-1` when a database has neither (one
/// not yet migrated to 0022), which no kept copy is ever current at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counters {
    /// Counted up when a session ends or an account changes, in that write's transaction.
    pub sessions: i64,
    /// Counted up after every form a signed-in person sent and every scheduled run that wrote
    /// ([`Store::count_write`]).
    pub writes: i64,
}

#[derive(SurrealValue)]
struct CountersRow {
    #[surreal(default)]
    sessions: Option<i64>,
    #[surreal(default)]
    writes: Option<i64>,
}

impl Store {
    /// Both counters, in one query.
    pub async fn counters(&self) -> Result<Counters, StoreError> {
        let row: Option<CountersRow> = self
            .db
            .query(
                "RETURN { sessions: (SELECT VALUE changes FROM ONLY stamp:sessions), \
                 writes: (SELECT VALUE changes FROM ONLY stamp:writes) }",
            )
            .await?
            .check()?
            .take(0)?;
        let row = row.unwrap_or(CountersRow { sessions: None, writes: None });
        Ok(Counters { sessions: row.sessions.unwrap_or(-1), writes: row.writes.unwrap_or(-1) })
    }

    /// Counts a write: every page an instance kept before it is written again. Called after the
    /// write committed (so that what is read at the new count includes it), tried again while the
    /// engine answers that it met another count at the same moment.
    pub async fn count_write(&self) -> Result<(), StoreError> {
        super::retrying(|| self.db.query("UPSERT stamp:writes SET changes += 1")).await?;
        Ok(())
    }
}
