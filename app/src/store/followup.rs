//! The follow-up of approved policies: reporting periods, the values obtained (every change a new
//! record), their supporting files, and the analyses of the objectives with their reviews.
use chrono::{DateTime, NaiveDate, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::ids::policy_id;
use super::policies::corrupt;
use super::{Store, StoreError};
use crate::domain::expediente::{CheckedFile, FileKind};
use crate::domain::followup::{Analysis, NewValue, Period, Thresholds, ValueRecord};
use crate::domain::Author;

#[derive(Debug, Clone, SurrealValue)]
struct PeriodRow {
    policy: RecordId,
    year: i64,
    green: i64,
    amber: i64,
    opened_by: String,
    opened_at: DateTime<Utc>,
}

#[derive(Debug, Clone, SurrealValue)]
struct PeriodReadRow {
    code: String,
    year: i64,
    green: i64,
    amber: i64,
    opened_by: String,
    opened_at: DateTime<Utc>,
    #[surreal(default)]
    closed_by: Option<String>,
    #[surreal(default)]
    closed_at: Option<DateTime<Utc>>,
}

impl PeriodReadRow {
    fn into_period(self) -> (String, Period) {
        let period = Period {
            year: self.year as u16,
            thresholds: Thresholds { green: self.green as u16, amber: self.amber as u16 },
            opened_by: self.opened_by,
            opened_at: self.opened_at,
            closed: self.closed_by.zip(self.closed_at),
        };
        (self.code, period)
    }
}

#[derive(Debug, Clone, SurrealValue)]
struct ValueRow {
    policy: RecordId,
    year: i64,
    indicator: String,
    value: String,
    source: String,
    data_date: String,
    explanation: String,
    provisional: bool,
    file: Option<String>,
    file_name: Option<String>,
    author_name: String,
    created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, SurrealValue)]
struct ValueReadRow {
    id: String,
    year: i64,
    indicator: String,
    value: String,
    source: String,
    data_date: String,
    explanation: String,
    provisional: bool,
    #[surreal(default)]
    file: Option<String>,
    #[surreal(default)]
    file_name: Option<String>,
    author_name: String,
    created_at: DateTime<Utc>,
}

impl ValueReadRow {
    fn into_record(self) -> Result<ValueRecord, StoreError> {
        Ok(ValueRecord {
            data_date: NaiveDate::parse_from_str(&self.data_date, "%Y-%m-%d").map_err(|_| corrupt(&self.data_date))?,
            id: self.id,
            indicator: self.indicator,
            year: self.year as u16,
            value: self.value,
            source: self.source,
            explanation: self.explanation,
            provisional: self.provisional,
            author: self.author_name,
            at: self.created_at,
            file: self.file.zip(self.file_name),
        })
    }
}

#[derive(Debug, Clone, SurrealValue)]
struct FileRow {
    policy: RecordId,
    year: i64,
    name: String,
    kind: String,
    content: surrealdb::types::Bytes,
}

#[derive(Debug, Clone, SurrealValue)]
struct FileReadRow {
    code: String,
    year: i64,
    name: String,
    kind: String,
    content: surrealdb::types::Bytes,
}

/// A supporting file as it is served: its policy and year (who may read it is decided there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpFile {
    pub policy_code: String,
    pub year: u16,
    pub name: String,
    pub kind: FileKind,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, SurrealValue)]
struct AnalysisRow {
    policy: RecordId,
    year: i64,
    objective: String,
    text: String,
    version: i64,
    author_name: String,
    created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, SurrealValue)]
struct AnalysisReadRow {
    objective: String,
    text: String,
    version: i64,
    author_name: String,
    created_at: DateTime<Utc>,
    #[surreal(default)]
    reviewed_by: Option<String>,
    #[surreal(default)]
    reviewed_at: Option<DateTime<Utc>>,
}

const PERIOD_FIELDS: &str = "record::id(policy) AS code, year, green, amber, opened_by, opened_at, closed_by, closed_at";
const VALUE_FIELDS: &str = "record::id(id) AS id, year, indicator, value, source, data_date, explanation, provisional, file, file_name, author_name, created_at";

fn period_id(code: &str, year: u16) -> RecordId {
    RecordId::new("followup_period", format!("{code}-{year}"))
}

fn analysis_id(code: &str, year: u16, objective: &str, version: u32) -> RecordId {
    RecordId::new("followup_analysis", format!("{code}-{year}-{objective}-{version}"))
}

/// Whether a failed write failed because a record with that id exists already.
fn taken(e: &surrealdb::Error) -> bool {
    let s = e.to_string();
    s.contains("already exists") || s.contains("already contains")
}

impl Store {
    /// A policy's reporting periods, by year.
    pub async fn periods(&self, code: &str) -> Result<Vec<Period>, StoreError> {
        let rows: Vec<PeriodReadRow> = self
            .db
            .query(format!("SELECT {PERIOD_FIELDS} FROM followup_period WHERE policy = $pid ORDER BY year"))
            .bind(("pid", policy_id(code)))
            .await?
            .take(0)?;
        Ok(rows.into_iter().map(|r| r.into_period().1).collect())
    }

    /// Every policy's reporting periods, by policy code (for the dashboard: one query).
    pub async fn all_periods(&self) -> Result<std::collections::HashMap<String, Vec<Period>>, StoreError> {
        let rows: Vec<PeriodReadRow> = self.db.query(format!("SELECT {PERIOD_FIELDS} FROM followup_period ORDER BY year")).await?.take(0)?;
        let mut out: std::collections::HashMap<String, Vec<Period>> = std::collections::HashMap::new();
        for (code, p) in rows.into_iter().map(PeriodReadRow::into_period) {
            out.entry(code).or_default().push(p);
        }
        Ok(out)
    }

    pub async fn period(&self, code: &str, year: u16) -> Result<Option<Period>, StoreError> {
        let row: Option<PeriodReadRow> = self.db.query(format!("SELECT {PERIOD_FIELDS} FROM ONLY $id")).bind(("id", period_id(code, year))).await?.take(0)?;
        Ok(row.map(|r| r.into_period().1))
    }

    /// Opens a period. `Ok(false)`: it was open already (the form sent twice) and nothing was written.
    pub async fn open_period(&self, code: &str, year: u16, thresholds: Thresholds, by: &Author) -> Result<bool, StoreError> {
        let row = PeriodRow {
            policy: policy_id(code),
            year: year.into(),
            green: thresholds.green.into(),
            amber: thresholds.amber.into(),
            opened_by: by.name(),
            opened_at: Utc::now(),
        };
        match self.db.query("CREATE $id CONTENT $row").bind(("id", period_id(code, year))).bind(("row", row)).await?.check() {
            Ok(_) => {}
            Err(e) if taken(&e) => return Ok(false),
            Err(e) => return Err(e.into()),
        }
        self.audit(by, Some(code), "seguimiento", &crate::i18n::t().audit_period_opened(year)).await?;
        Ok(true)
    }

    /// Sets the thresholds of an open period. `Ok(false)`: the period is closed (or gone).
    pub async fn set_thresholds(&self, code: &str, year: u16, thresholds: Thresholds, by: &Author) -> Result<bool, StoreError> {
        self.db
            .query("UPDATE $id SET green = $green, amber = $amber WHERE closed_at = NONE RETURN NONE")
            .bind(("id", period_id(code, year)))
            .bind(("green", i64::from(thresholds.green)))
            .bind(("amber", i64::from(thresholds.amber)))
            .await?
            .check()?;
        let open = self.period(code, year).await?.is_some_and(|p| p.is_open() && p.thresholds == thresholds);
        if open {
            self.audit(by, Some(code), "seguimiento", &crate::i18n::t().audit_thresholds(year, thresholds)).await?;
        }
        Ok(open)
    }

    /// Closes a period. `Ok(false)`: it was closed already.
    pub async fn close_period(&self, code: &str, year: u16, by: &Author) -> Result<bool, StoreError> {
        let closed: Vec<i64> = self
            .db
            .query("UPDATE $id SET closed_by = $name, closed_at = time::now() WHERE closed_at = NONE RETURN VALUE year")
            .bind(("id", period_id(code, year)))
            .bind(("name", by.name()))
            .await?
            .check()?
            .take(0)?;
        if closed.is_empty() {
            return Ok(false);
        }
        self.audit(by, Some(code), "seguimiento", &crate::i18n::t().audit_period_closed(year)).await?;
        Ok(true)
    }

    /// The values recorded in a policy's period, every change, oldest first.
    pub async fn followup_values(&self, code: &str, year: Option<u16>) -> Result<Vec<ValueRecord>, StoreError> {
        let filter = if year.is_some() { "AND year = $year" } else { "" };
        let rows: Vec<ValueReadRow> = self
            .db
            .query(format!("SELECT {VALUE_FIELDS} FROM followup_value WHERE policy = $pid {filter} ORDER BY created_at"))
            .bind(("pid", policy_id(code)))
            .bind(("year", year.map(i64::from)))
            .await?
            .take(0)?;
        rows.into_iter().map(ValueReadRow::into_record).collect()
    }

    /// Records a value obtained (and its supporting file) in an open period, in one transaction.
    /// `Ok(false)`: the period was closed meanwhile and nothing was written.
    pub async fn record_value(&self, code: &str, year: u16, indicator: &str, value: &NewValue, file: Option<CheckedFile>, by: &Author) -> Result<bool, StoreError> {
        let file_id = file.as_ref().map(|_| super::credentials::new_key());
        let row = ValueRow {
            policy: policy_id(code),
            year: year.into(),
            indicator: indicator.to_string(),
            value: value.value.clone(),
            source: value.source.clone(),
            data_date: value.data_date.to_string(),
            explanation: value.explanation.clone(),
            provisional: value.provisional,
            file: file_id.clone(),
            file_name: file.as_ref().map(|f| f.name.clone()),
            author_name: by.name(),
            created_at: Utc::now(),
        };
        let file_row = file.map(|f| FileRow { policy: policy_id(code), year: year.into(), name: f.name, kind: f.kind.key().to_string(), content: f.bytes.into() });
        let result = super::retrying(|| {
            self.db
                .query(
                    "BEGIN TRANSACTION;
                     IF (SELECT VALUE closed_at FROM ONLY $period) != NONE OR (SELECT VALUE year FROM ONLY $period) = NONE { THROW 'periodo cerrado' };
                     IF $file != NONE { CREATE $fid CONTENT $file };
                     CREATE followup_value CONTENT $row;
                     COMMIT TRANSACTION;",
                )
                .bind(("period", period_id(code, year)))
                .bind(("fid", RecordId::new("followup_file", file_id.clone().unwrap_or_default())))
                .bind(("file", file_row.clone()))
                .bind(("row", row.clone()))
        })
        .await;
        match result {
            Ok(_) => {}
            Err(e) if e.to_string().contains("periodo cerrado") => return Ok(false),
            Err(e) => return Err(e.into()),
        }
        self.audit(by, Some(code), "seguimiento", &crate::i18n::t().audit_value(year, &value.value, value.provisional)).await?;
        Ok(true)
    }

    /// A supporting file with its bytes, its policy and year.
    pub async fn followup_file(&self, id: &str) -> Result<Option<FollowUpFile>, StoreError> {
        let row: Option<FileReadRow> = self
            .db
            .query("SELECT record::id(policy) AS code, year, name, kind, content FROM ONLY $id")
            .bind(("id", RecordId::new("followup_file", id)))
            .await?
            .take(0)?;
        row.map(|r| {
            Ok(FollowUpFile { kind: FileKind::from_key(&r.kind).ok_or_else(|| corrupt(&r.kind))?, policy_code: r.code, year: r.year as u16, name: r.name, bytes: r.content.into_inner().to_vec() })
        })
        .transpose()
    }

    /// The analyses in force of a period: each objective's latest version.
    pub async fn analyses(&self, code: &str, year: u16) -> Result<Vec<Analysis>, StoreError> {
        let rows: Vec<AnalysisReadRow> = self
            .db
            .query("SELECT objective, text, version, author_name, created_at, reviewed_by, reviewed_at FROM followup_analysis WHERE policy = $pid AND year = $year ORDER BY version")
            .bind(("pid", policy_id(code)))
            .bind(("year", i64::from(year)))
            .await?
            .take(0)?;
        let mut latest: Vec<Analysis> = Vec::new();
        for r in rows {
            let a = Analysis { objective: r.objective, text: r.text, version: r.version as u32, author: r.author_name, at: r.created_at, reviewed: r.reviewed_by.zip(r.reviewed_at) };
            match latest.iter_mut().find(|l| l.objective == a.objective) {
                Some(l) => *l = a,
                None => latest.push(a),
            }
        }
        Ok(latest)
    }

    /// Saves version `base + 1` of an objective's analysis in an open period. `Ok(false)`: another
    /// save took that version first, or the period was closed; nothing was written.
    pub async fn save_analysis(&self, code: &str, year: u16, objective: &str, text: &str, base: u32, by: &Author) -> Result<bool, StoreError> {
        let version = base + 1;
        let row = AnalysisRow {
            policy: policy_id(code),
            year: year.into(),
            objective: objective.to_string(),
            text: text.to_string(),
            version: version.into(),
            author_name: by.name(),
            created_at: Utc::now(),
        };
        let result = self
            .db
            .query(
                "BEGIN TRANSACTION;
                 IF (SELECT VALUE closed_at FROM ONLY $period) != NONE { THROW 'periodo cerrado' };
                 CREATE $id CONTENT $row;
                 COMMIT TRANSACTION;",
            )
            .bind(("period", period_id(code, year)))
            .bind(("id", analysis_id(code, year, objective, version)))
            .bind(("row", row))
            .await?
            .check();
        match result {
            Ok(_) => {}
            Err(e) if taken(&e) || e.to_string().contains("periodo cerrado") => return Ok(false),
            Err(e) => return Err(e.into()),
        }
        self.audit(by, Some(code), "seguimiento", &crate::i18n::t().audit_analysis(year, version)).await?;
        Ok(true)
    }

    /// Marks version `version` of an objective's analysis as reviewed. `Ok(false)`: that version
    /// is not the one in force any more (or was reviewed already).
    pub async fn review_analysis(&self, code: &str, year: u16, objective: &str, version: u32, by: &Author) -> Result<bool, StoreError> {
        let next = self.db.query("SELECT VALUE version FROM ONLY $id").bind(("id", analysis_id(code, year, objective, version + 1))).await?.take::<Option<i64>>(0)?;
        if next.is_some() {
            return Ok(false);
        }
        let done: Vec<i64> = self
            .db
            .query("UPDATE $id SET reviewed_by = $name, reviewed_at = time::now() WHERE reviewed_at = NONE RETURN VALUE version")
            .bind(("id", analysis_id(code, year, objective, version)))
            .bind(("name", by.name()))
            .await?
            .check()?
            .take(0)?;
        if done.is_empty() {
            return Ok(false);
        }
        self.audit(by, Some(code), "seguimiento", &crate::i18n::t().audit_analysis_reviewed(year, version)).await?;
        Ok(true)
    }
}
