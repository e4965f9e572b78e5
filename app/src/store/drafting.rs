//! Drafting: step revisions (saved only on the revision they were based on), drafts that keep
//! unsaved text, and frozen deliverable versions.
use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::ids::{policy_id, step_id};
use super::{Store, StoreError};
use crate::domain::Author;
use crate::domain::structure::snapshot;
use crate::domain::{Draft, FreezeRefusal, RevisionInfo, StepBody, VersionInfo};

/// Revisions per page of a step's history.
pub const HISTORY_PAGE_SIZE: usize = 50;

/// How many frozen versions' texts a server keeps in memory before it starts afresh.
pub(super) const KEPT_VERSIONS: usize = 256;

fn revision_id(code: &str, step: u8, number: u32) -> RecordId {
    RecordId::new("revision", format!("{code}-{step}-{number}"))
}
fn version_id(code: &str, deliverable: u8, number: u32) -> RecordId {
    RecordId::new("version", format!("{code}-{deliverable}-{number}"))
}


#[derive(Debug, Clone, SurrealValue)]
pub(super) struct RevisionRow {
    pub id: RecordId,
    pub policy: RecordId,
    pub step: i64,
    pub number: i64,
    pub body: String,
    pub summary: Option<String>,
    pub author: Option<RecordId>,
    pub author_name: String,
    pub created_at: DateTime<Utc>,
    /// Set only by structure changes (see `structure_revision`).
    pub structure: Option<String>,
}

#[derive(Debug, Clone, SurrealValue)]
struct RevisionInfoRow {
    number: i64,
    author_name: String,
    created_at: DateTime<Utc>,
    #[surreal(default)]
    summary: Option<String>,
    size: i64,
    /// Only when the query asks for the text too.
    #[surreal(default)]
    body: Option<String>,
}

impl From<RevisionInfoRow> for RevisionInfo {
    fn from(r: RevisionInfoRow) -> Self {
        RevisionInfo {
            number: r.number as u32,
            author: r.author_name,
            at: r.created_at,
            summary: r.summary,
            size: r.size.max(0) as usize,
        }
    }
}

const REVISION_INFO: &str = "number, author_name, created_at, summary, string::len(body) AS size";

#[derive(Debug, Clone, SurrealValue)]
struct DraftRow {
    user: RecordId,
    policy: String,
    step: i64,
    base: i64,
    body: String,
    summary: String,
    created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, SurrealValue)]
struct VersionRow {
    policy: RecordId,
    deliverable: i64,
    number: i64,
    note: String,
    guide: Option<String>,
    author: Option<RecordId>,
    author_name: String,
    created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, SurrealValue)]
struct VersionStepRow {
    version: RecordId,
    step: i64,
    revision: Option<RecordId>,
}

#[derive(Debug, Clone, SurrealValue)]
struct VersionReadRow {
    number: i64,
    note: String,
    #[surreal(default)]
    guide: Option<String>,
    author_name: String,
    created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, SurrealValue)]
struct VersionStepReadRow {
    version: i64,
    step: i64,
    #[surreal(default)]
    revision: Option<i64>,
    #[surreal(default)]
    body: Option<String>,
    #[surreal(default)]
    updated_at: Option<DateTime<Utc>>,
    #[surreal(default)]
    updated_by: Option<String>,
}

#[derive(Debug, Clone, SurrealValue)]
struct WorkingRow {
    number: i64,
    revision: i64,
    body: String,
    #[surreal(default)]
    updated_at: Option<DateTime<Utc>>,
    #[surreal(default)]
    updated_by: Option<String>,
}

impl Store {
    /// Saves a new revision of a step, only if the step is still at revision `base`; otherwise
    /// nothing is written and the answer is the conflict with the current revision.
    pub async fn save_step(
        &self,
        code: &str,
        step: u8,
        base: u32,
        body: &str,
        summary: Option<&str>,
        by: &Author,
    ) -> Result<Result<u32, u32>, StoreError> {
        let mut base = base;
        loop {
            match self.save_on(code, step, base, body, summary, by).await? {
                // Revisions since the base that only changed the structure (same text) are no
                // conflict for the text: save on the newest one.
                Err(current) if current > base && self.only_structure_since(code, step, base, current).await? => base = current,
                other => return Ok(other),
            }
        }
    }

    /// Whether every revision after `base` up to `current` is a structure change (which carries
    /// the text over unchanged).
    async fn only_structure_since(&self, code: &str, step: u8, base: u32, current: u32) -> Result<bool, StoreError> {
        let mut res = self
            .db
            .query("SELECT count() FROM revision WHERE policy = $pid AND step = $step AND number > $base AND number <= $current AND structure = NONE GROUP ALL")
            .bind(("pid", policy_id(code)))
            .bind(("step", i64::from(step)))
            .bind(("base", i64::from(base)))
            .bind(("current", i64::from(current)))
            .await?
            .check()?;
        let text_changes: Option<i64> = res.take((0, "count"))?;
        Ok(text_changes.unwrap_or(0) == 0)
    }

    async fn save_on(
        &self,
        code: &str,
        step: u8,
        base: u32,
        body: &str,
        summary: Option<&str>,
        by: &Author,
    ) -> Result<Result<u32, u32>, StoreError> {
        let next = base + 1;
        let (author, author_name) = (super::accounts::author_record(by), by.name());
        let row = RevisionRow {
            id: revision_id(code, step, next),
            policy: policy_id(code),
            step: step.into(),
            number: next.into(),
            body: body.to_string(),
            summary: summary.map(str::to_string),
            author,
            author_name: author_name.clone(),
            created_at: Utc::now(),
            structure: None,
        };
        // The revision id is unique per step and number, so of two saves on the same base only
        // one can create it; the check of `revision` makes a stale base fail even when alone.
        let result = super::retrying(|| {
            self.db
                .query(
                    "BEGIN TRANSACTION;
                     IF (SELECT VALUE revision FROM ONLY $sid) != $base { THROW 'conflicto' };
                     CREATE revision CONTENT $row;
                     UPDATE $sid SET body = $body, revision = $next, updated_at = $at, updated_by = $name;
                     COMMIT TRANSACTION;",
                )
                .bind(("sid", step_id(code, step)))
                .bind(("base", i64::from(base)))
                .bind(("body", row.body.clone()))
                .bind(("next", i64::from(next)))
                .bind(("at", row.created_at))
                .bind(("name", author_name.clone()))
                .bind(("row", row.clone()))
        })
        .await;
        match result {
            Ok(_) => {
                let what = crate::i18n::t().audit_step_saved(step, next);
                self.audit(by, Some(code), "paso", &what).await?;
                Ok(Ok(next))
            }
            Err(e) => match self.step_revision(code, step).await? {
                Some(current) if current != base => Ok(Err(current)),
                _ => Err(e.into()),
            },
        }
    }

    /// The current revision number of a step (0: never saved), or none for an unknown step.
    pub async fn step_revision(&self, code: &str, step: u8) -> Result<Option<u32>, StoreError> {
        let mut res = self.db.query("SELECT VALUE revision FROM ONLY $sid").bind(("sid", step_id(code, step))).await?.check()?;
        let n: Option<i64> = res.take(0)?;
        Ok(n.map(|n| n as u32))
    }

    /// One page (1-based) of a step's revisions, newest first, and how many there are.
    pub async fn revisions(&self, code: &str, step: u8, page: usize) -> Result<(Vec<RevisionInfo>, usize), StoreError> {
        let page = page.max(1);
        let mut res = self
            .db
            .query(format!(
                "SELECT {REVISION_INFO} FROM revision WHERE policy = $pid AND step = $step ORDER BY number DESC LIMIT $limit START $start"
            ))
            .query("SELECT count() FROM revision WHERE policy = $pid AND step = $step GROUP ALL")
            .bind(("pid", policy_id(code)))
            .bind(("step", i64::from(step)))
            .bind(("limit", HISTORY_PAGE_SIZE as i64))
            .bind(("start", ((page - 1) * HISTORY_PAGE_SIZE) as i64))
            .await?
            .check()?;
        let rows: Vec<RevisionInfoRow> = res.take(0)?;
        let total: Option<i64> = res.take((1, "count"))?;
        Ok((rows.into_iter().map(Into::into).collect(), total.unwrap_or(0) as usize))
    }

    /// One revision's description and text.
    pub async fn revision(&self, code: &str, step: u8, number: u32) -> Result<Option<(RevisionInfo, String)>, StoreError> {
        let mut res = self
            .db
            .query(format!("SELECT {REVISION_INFO}, body FROM ONLY $rid"))
            .bind(("rid", revision_id(code, step, number)))
            .await?
            .check()?;
        let row: Option<RevisionInfoRow> = res.take(0)?;
        Ok(row.map(|mut r| {
            let body = r.body.take().unwrap_or_default();
            (r.into(), body)
        }))
    }

    /// A revision's text followed by the tables of the structure it carries, as history diffs
    /// compare them.
    pub async fn revision_content(&self, code: &str, step: u8, number: u32) -> Result<Option<String>, StoreError> {
        let Some((_, body)) = self.revision(code, step, number).await? else { return Ok(None) };
        let structure = self.structure_at(code, step, number).await?;
        Ok(Some(StepBody::content_of(&body, &structure)))
    }

    /// Keeps text a user submitted but did not save, in place of their earlier draft of the step;
    /// returns the draft's id.
    pub async fn put_draft(&self, user_id: &str, draft: Draft) -> Result<String, StoreError> {
        let row = DraftRow {
            user: RecordId::new("user", user_id),
            policy: draft.policy,
            step: draft.step.into(),
            base: draft.base.into(),
            body: draft.body,
            summary: draft.summary,
            created_at: Utc::now(),
        };
        // The newest draft supersedes the author's earlier ones of the same step.
        let mut res = self
            .db
            .query("BEGIN TRANSACTION; DELETE draft WHERE user = $row.user AND policy = $row.policy AND step = $row.step;")
            .query("CREATE draft CONTENT $row RETURN VALUE record::id(id); COMMIT TRANSACTION;")
            .bind(("row", row))
            .await?
            .check()?;
        let id: Option<String> = res.take(2)?;
        id.ok_or_else(|| StoreError::Corrupt("borrador sin id".into()))
    }

    /// A user's own draft (nobody else's).
    pub async fn draft(&self, user_id: &str, id: &str) -> Result<Option<Draft>, StoreError> {
        let mut res = self
            .db
            .query("SELECT * OMIT id FROM ONLY $did WHERE user = $uid")
            .bind(("did", RecordId::new("draft", id)))
            .bind(("uid", RecordId::new("user", user_id)))
            .await?
            .check()?;
        let row: Option<DraftRow> = res.take(0)?;
        Ok(row.map(|r| Draft {
            policy: r.policy,
            step: r.step as u8,
            base: r.base as u32,
            body: r.body,
            summary: r.summary,
        }))
    }

    /// Forgets a user's drafts of a step (after a successful save).
    pub async fn drop_drafts(&self, user_id: &str, code: &str, step: u8) -> Result<(), StoreError> {
        self.db
            .query("DELETE draft WHERE user = $uid AND policy = $code AND step = $step")
            .bind(("uid", RecordId::new("user", user_id)))
            .bind(("code", code.to_string()))
            .bind(("step", i64::from(step)))
            .await?
            .check()?;
        Ok(())
    }

    /// The working text of a deliverable's steps, with their current revisions.
    pub async fn working_text(&self, code: &str, deliverable: u8) -> Result<Vec<StepBody>, StoreError> {
        let mut res = self
            .db
            .query("SELECT number, revision, body, updated_at, updated_by FROM step WHERE policy = $pid AND deliverable = $did ORDER BY number")
            .bind(("pid", policy_id(code)))
            .bind(("did", super::ids::deliverable_id(code, deliverable)))
            .await?
            .check()?;
        let rows: Vec<WorkingRow> = res.take(0)?;
        let items = self.items(code).await?;
        Ok(rows
            .into_iter()
            .map(|r| StepBody {
                step: r.number as u8,
                revision: (r.revision > 0).then_some(r.revision as u32),
                body: r.body,
                structure: snapshot(r.number as u8, &items),
                updated_at: r.updated_at,
                updated_by: r.updated_by,
            })
            .collect())
    }

    /// Freezes the current revision of each of the deliverable's steps as its next version.
    pub async fn freeze_version(
        &self,
        code: &str,
        deliverable: u8,
        note: &str,
        guide: Option<&str>,
        by: &Author,
    ) -> Result<Result<u32, FreezeRefusal>, StoreError> {
        let working = self.working_text(code, deliverable).await?;
        if working.iter().all(|s| s.revision.is_none()) {
            return Ok(Err(FreezeRefusal::Empty));
        }
        let versions = self.versions(code, deliverable).await?;
        if let Some(last) = versions.first() {
            let now: Vec<(u8, Option<u32>)> = working.iter().map(|s| (s.step, s.revision)).collect();
            if now == last.revisions {
                return Ok(Err(FreezeRefusal::Unchanged(last.number)));
            }
        }
        let number = versions.first().map_or(1, |v| v.number + 1);
        let vid = version_id(code, deliverable, number);
        let (author, author_name) = (super::accounts::author_record(by), by.name());
        let row = VersionRow {
            policy: policy_id(code),
            deliverable: deliverable.into(),
            number: number.into(),
            note: note.to_string(),
            guide: guide.map(str::to_string),
            author,
            author_name,
            created_at: Utc::now(),
        };
        let steps: Vec<VersionStepRow> = working
            .iter()
            .map(|s| VersionStepRow {
                version: vid.clone(),
                step: s.step.into(),
                revision: s.revision.map(|r| revision_id(code, s.step, r)),
            })
            .collect();
        // Two people freezing at once: the version id is taken by the first, the second fails.
        self.db
            .query("BEGIN TRANSACTION; CREATE $vid CONTENT $row; INSERT INTO version_step $steps; COMMIT TRANSACTION;")
            .bind(("vid", vid))
            .bind(("row", row))
            .bind(("steps", steps))
            .await?
            .check()?;
        let what = crate::i18n::t().audit_version_frozen(number, deliverable);
        self.audit(by, Some(code), "version", &what).await?;
        Ok(Ok(number))
    }

    /// A deliverable's frozen versions, newest first, with the revision each froze per step.
    pub async fn versions(&self, code: &str, deliverable: u8) -> Result<Vec<VersionInfo>, StoreError> {
        let mut res = self
            .db
            .query(
                "SELECT number, note, guide, author_name, created_at FROM version \
                 WHERE policy = $pid AND deliverable = $d ORDER BY number DESC",
            )
            .query(
                "SELECT version.number AS version, step, revision.number AS revision FROM version_step \
                 WHERE version.policy = $pid AND version.deliverable = $d",
            )
            .bind(("pid", policy_id(code)))
            .bind(("d", i64::from(deliverable)))
            .await?
            .check()?;
        let rows: Vec<VersionReadRow> = res.take(0)?;
        let steps: Vec<VersionStepReadRow> = res.take(1)?;
        Ok(rows
            .into_iter()
            .map(|v| {
                let mut revisions: Vec<(u8, Option<u32>)> = steps
                    .iter()
                    .filter(|s| s.version == v.number)
                    .map(|s| (s.step as u8, s.revision.map(|r| r as u32)))
                    .collect();
                revisions.sort();
                VersionInfo {
                    number: v.number as u32,
                    note: v.note,
                    guide: v.guide,
                    author: v.author_name,
                    at: v.created_at,
                    revisions,
                }
            })
            .collect())
    }

    /// The text of each step as a frozen version holds it; none for an unknown version. A frozen
    /// version never changes, so once read it is kept in memory (every view of a round shows it).
    pub async fn version_text(&self, code: &str, deliverable: u8, number: u32) -> Result<Option<Vec<StepBody>>, StoreError> {
        let key = format!("{code}-{deliverable}-{number}");
        // An unknown version is not kept: it may be frozen later under this number.
        let found = self
            .frozen
            .current_or_load(&key, |_| true, |_| async {
                match self.read_version_text(code, deliverable, number).await? {
                    Some(steps) => Ok((0, std::sync::Arc::new(steps))),
                    None => Err(None),
                }
            })
            .await;
        match found {
            Ok(steps) => Ok(Some(steps.as_ref().clone())),
            Err(None) => Ok(None),
            Err(Some(e)) => Err(e),
        }
    }

    async fn read_version_text(&self, code: &str, deliverable: u8, number: u32) -> Result<Option<Vec<StepBody>>, StoreError> {
        let mut res = self
            .db
            .query("SELECT VALUE number FROM ONLY $vid")
            .query(
                "SELECT version.number AS version, step, revision.number AS revision, revision.body AS body, \
                 revision.created_at AS updated_at, revision.author_name AS updated_by FROM version_step WHERE version = $vid ORDER BY step",
            )
            .bind(("vid", version_id(code, deliverable, number)))
            .await?
            .check()?;
        let exists: Option<i64> = res.take(0)?;
        if exists.is_none() {
            return Ok(None);
        }
        let rows: Vec<VersionStepReadRow> = res.take(1)?;
        let mut steps = Vec::with_capacity(rows.len());
        for r in rows {
            let revision = r.revision.map(|n| n as u32);
            let structure = match revision {
                Some(n) => self.structure_at(code, r.step as u8, n).await?,
                None => Vec::new(),
            };
            steps.push(StepBody {
                step: r.step as u8,
                revision,
                body: r.body.unwrap_or_default(),
                structure,
                updated_at: r.updated_at,
                updated_by: r.updated_by,
            });
        }
        Ok(Some(steps))
    }

    /// The text of a deliverable as a version holds it (`None`: the working text).
    pub async fn deliverable_text(
        &self,
        code: &str,
        deliverable: u8,
        version: Option<u32>,
    ) -> Result<Option<Vec<StepBody>>, StoreError> {
        match version {
            Some(n) => self.version_text(code, deliverable, n).await,
            None => Ok(Some(self.working_text(code, deliverable).await?)),
        }
    }
}

/// Revision 1 of each non-empty step text a new policy starts with.
pub(super) fn first_revisions(code: &str, bodies: &[(u8, String)], by: &Author) -> Vec<RevisionRow> {
    let (author, author_name) = (super::accounts::author_record(by), by.name());
    bodies
        .iter()
        .filter(|(_, body)| !body.trim().is_empty())
        .map(|(n, body)| RevisionRow {
            id: revision_id(code, *n, 1),
            policy: policy_id(code),
            step: (*n).into(),
            number: 1,
            body: body.clone(),
            summary: Some("Texto inicial".into()),
            author: author.clone(),
            author_name: author_name.clone(),
            created_at: Utc::now(),
            structure: None,
        })
        .collect()
}
