//! The schema as history: numbered SurrealQL migrations, each applied once and recorded. A
//! migration, once released, is never edited; a change is a new file.
use surrealdb::types::SurrealValue;

use super::{Store, StoreError};

/// Every migration this build knows, in order.
pub const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "initial", include_str!("../../migrations/0001_initial.surql")),
    (2, "accounts", include_str!("../../migrations/0002_accounts.surql")),
    (3, "flash", include_str!("../../migrations/0003_flash.surql")),
    (4, "drafting", include_str!("../../migrations/0004_drafting.surql")),
    (5, "review", include_str!("../../migrations/0005_review.surql")),
    (6, "rounds", include_str!("../../migrations/0006_rounds.surql")),
    (7, "structure", include_str!("../../migrations/0007_structure.surql")),
    (8, "structure_versions", include_str!("../../migrations/0008_structure_versions.surql")),
    (9, "round_changes", include_str!("../../migrations/0009_round_changes.surql")),
    (10, "read_counters", include_str!("../../migrations/0010_read_counters.surql")),
    (11, "sign_in_counts", include_str!("../../migrations/0011_sign_in_counts.surql")),
    (12, "review_record", include_str!("../../migrations/0012_review_record.surql")),
    (13, "held_forms", include_str!("../../migrations/0013_held_forms.surql")),
    (14, "structure_formats", include_str!("../../migrations/0014_structure_formats.surql")),
    (15, "observations_matrix", include_str!("../../migrations/0015_observations_matrix.surql")),
    (16, "work_plan", include_str!("../../migrations/0016_work_plan.surql")),
    (17, "expediente", include_str!("../../migrations/0017_expediente.surql")),
    (18, "workshops", include_str!("../../migrations/0018_workshops.surql")),
    (19, "followup", include_str!("../../migrations/0019_followup.surql")),
    (20, "mail", include_str!("../../migrations/0020_mail.surql")),
    (21, "contribution_changes", include_str!("../../migrations/0021_contribution_changes.surql")),
    (22, "request_counters", include_str!("../../migrations/0022_request_counters.surql")),
];

pub fn latest() -> i64 {
    MIGRATIONS.last().map(|m| m.0).unwrap_or(0)
}

const BOOTSTRAP: &str = "
DEFINE TABLE IF NOT EXISTS schema_migration SCHEMAFULL;
DEFINE FIELD IF NOT EXISTS version ON schema_migration TYPE int;
DEFINE FIELD IF NOT EXISTS name ON schema_migration TYPE string;
DEFINE FIELD IF NOT EXISTS applied_at ON schema_migration TYPE datetime DEFAULT time::now();
DEFINE INDEX IF NOT EXISTS schema_migration_version ON schema_migration FIELDS version UNIQUE;
";

#[derive(SurrealValue)]
struct Applied {
    version: i64,
    name: String,
}

impl Store {
    /// The schema versions recorded in the database, in order.
    pub async fn applied_migrations(&self) -> Result<Vec<i64>, StoreError> {
        let mut res = self.db.query("SELECT VALUE version FROM schema_migration ORDER BY version").await?.check()?;
        Ok(res.take(0)?)
    }

    /// Applies the pending migrations. Refuses, touching nothing, a database whose schema is newer
    /// than this build knows (it was written by a newer Pasos).
    pub async fn migrate(&self) -> Result<Vec<i64>, StoreError> {
        self.migrate_to(latest()).await
    }

    /// Applies the pending migrations up to `target` (a database as an older Pasos left it, for
    /// the tests of an upgrade); the versions applied, in order.
    pub async fn migrate_to(&self, target: i64) -> Result<Vec<i64>, StoreError> {
        self.db.query(BOOTSTRAP).await?.check()?;
        let applied = self.applied_migrations().await?;
        let current = applied.last().copied().unwrap_or(0);
        if current > latest() {
            return Err(StoreError::NewerSchema { found: current, known: latest() });
        }
        let mut done = Vec::new();
        for &(version, name, sql) in MIGRATIONS.iter().filter(|m| m.0 > current && m.0 <= target) {
            // The schema change and its record commit together, so a crash leaves neither.
            let script = format!(
                "BEGIN TRANSACTION;\n{sql}\nCREATE schema_migration CONTENT $applied;\nCOMMIT TRANSACTION;"
            );
            let mut res =
                self.db.query(script).bind(("applied", Applied { version, name: name.to_string() })).await?;
            // A failed transaction marks every statement as failed; report the one that caused it.
            let mut errors: Vec<_> = res.take_errors().into_iter().collect();
            errors.sort_by_key(|(i, _)| *i);
            if let Some((i, e)) = errors.iter().find(|(_, e)| !e.to_string().contains("not executed")).or(errors.first()) {
                return Err(StoreError::Migration { version, statement: *i, cause: e.to_string() });
            }
            tracing::info!(version, name, "migración aplicada");
            done.push(version);
        }
        Ok(done)
    }
}
