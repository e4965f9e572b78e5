//! Backups: the whole database (schema and records) as SurrealQL, written and read back through
//! the SDK's export and import, so a backup taken from the embedded database restores onto a
//! SurrealDB server and back.
use std::path::Path;

use futures::StreamExt;
use tokio::io::AsyncWriteExt;

use super::{Store, StoreError};

/// Why a restore was refused before anything was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreRefusal {
    /// The target already holds data: restoring on top of it would mix two databases.
    NotEmpty,
}

impl Store {
    /// Writes a backup to `path`, telling `progress` how many bytes are written so far; returns
    /// the total. The file is written beside and renamed into place, so a failed backup never
    /// leaves a truncated file under the name asked for.
    pub async fn backup(&self, path: &Path, mut progress: impl FnMut(u64)) -> Result<u64, StoreError> {
        // The SDK exports only from an embedded engine (over ws:// it answers "not supported").
        if !self.is_embedded() {
            return Err(StoreError::BackupOnServer(self.config.url.replacen("ws", "http", 1)));
        }
        let io = |e: std::io::Error| StoreError::Corrupt(format!("no se pudo escribir la copia: {e}"));
        let partial = path.with_extension("parcial");
        let mut file = tokio::fs::File::create(&partial).await.map_err(io)?;
        let mut stream = self.db.export(()).await?;
        let mut written = 0u64;
        while let Some(chunk) = stream.next().await {
            let bytes = chunk?;
            file.write_all(&bytes).await.map_err(io)?;
            written += bytes.len() as u64;
            progress(written);
        }
        file.sync_all().await.map_err(io)?;
        tokio::fs::rename(&partial, path).await.map_err(io)?;
        Ok(written)
    }

    /// Restores a backup into this database, which must be empty (no table defined yet): open it
    /// with `Store::connect`, not `Store::open`, which would create the schema first.
    pub async fn restore(&self, path: &Path) -> Result<Result<(), RestoreRefusal>, StoreError> {
        if !self.is_embedded() {
            return Err(StoreError::BackupOnServer(self.config.url.replacen("ws", "http", 1)));
        }
        if !self.tables().await?.is_empty() {
            return Ok(Err(RestoreRefusal::NotEmpty));
        }
        self.db.import(path).await?;
        Ok(Ok(()))
    }

    /// The tables of the database, each with its number of records, by name.
    pub async fn tables(&self) -> Result<Vec<(String, u64)>, StoreError> {
        let mut res = self.db.query("INFO FOR DB").await?.check()?;
        let info: Option<serde_json::Value> = res.take::<Option<surrealdb::types::Value>>(0)?.map(|v| v.into_json_value());
        let mut names: Vec<String> = info
            .as_ref()
            .and_then(|i| i.get("tables"))
            .and_then(|t| t.as_object())
            .map(|t| t.keys().cloned().collect())
            .unwrap_or_default();
        names.sort();
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            // The names come from the database itself; bound, not spliced, all the same.
            let mut res = self.db.query("SELECT count() FROM type::table($t) GROUP ALL").bind(("t", name.clone())).await?.check()?;
            let n: Option<i64> = res.take((0, "count"))?;
            out.push((name, n.unwrap_or(0) as u64));
        }
        Ok(out)
    }
}
