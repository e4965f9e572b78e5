//! Rounds, contributions with their answers, and in-app notifications.
use chrono::{DateTime, Duration, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::ids::policy_id;
use super::policies::corrupt;
use super::{Store, StoreError};
use crate::domain::Author;
use crate::domain::rounds::{Answer, AnswerState, Channel, NewRound, Notice};
use crate::domain::RoundKind;
use crate::domain::{ContributionInfo, NewContribution, RoundInfo, User};


#[derive(Debug, Clone, SurrealValue)]
struct RoundRow {
    policy: RecordId,
    deliverable: i64,
    version: Option<i64>,
    kind: String,
    title: String,
    steps: Vec<i64>,
    opens: DateTime<Utc>,
    closes: DateTime<Utc>,
    jurisdictions: Vec<String>,
    organisations: Vec<String>,
    users: Vec<String>,
    created_by: String,
    created_at: DateTime<Utc>,
    illustrative: bool,
}

#[derive(Debug, Clone, SurrealValue)]
struct RoundReadRow {
    id: String,
    policy_code: String,
    deliverable: i64,
    #[surreal(default)]
    version: Option<i64>,
    kind: String,
    title: String,
    steps: Vec<i64>,
    opens: DateTime<Utc>,
    closes: DateTime<Utc>,
    jurisdictions: Vec<String>,
    organisations: Vec<String>,
    users: Vec<String>,
    created_by: String,
    #[surreal(default)]
    closed_at: Option<DateTime<Utc>>,
    systematized: bool,
    #[surreal(default)]
    forced_reason: Option<String>,
    #[surreal(default)]
    published_at: Option<DateTime<Utc>>,
    illustrative: bool,
    #[surreal(default)]
    changes: Option<i64>,
}

const ROUND_FIELDS: &str = "record::id(id) AS id, record::id(policy) AS policy_code, deliverable, version, kind, title, \
    steps, opens, closes, jurisdictions, organisations, users, created_by, closed_at, systematized, forced_reason, \
    published_at, illustrative, changes";

impl RoundReadRow {
    fn into_info(self) -> Result<RoundInfo, StoreError> {
        Ok(RoundInfo {
            id: self.id,
            policy_code: self.policy_code,
            deliverable: u8::try_from(self.deliverable).map_err(corrupt)?,
            version: self.version.map(|v| v as u32),
            kind: RoundKind::from_key(&self.kind).ok_or_else(|| corrupt(&self.kind))?,
            title: self.title,
            steps: self.steps.into_iter().map(|s| s as u8).collect(),
            opens: self.opens,
            closes: self.closes,
            jurisdictions: self.jurisdictions,
            organisations: self.organisations,
            users: self.users,
            closed_at: self.closed_at,
            systematized: self.systematized,
            forced_reason: self.forced_reason,
            published: self.published_at.is_some(),
            created_by: self.created_by,
            illustrative: self.illustrative,
            changes: self.changes.unwrap_or(0),
            hidden_accounts: 0,
        })
    }
}

#[derive(Debug, Clone, SurrealValue)]
struct ContributionRow {
    round: RecordId,
    number: i64,
    parent: Option<RecordId>,
    author: Option<RecordId>,
    author_name: String,
    organisation: Option<String>,
    jurisdiction: Option<String>,
    channel: String,
    step: i64,
    anchor: Option<String>,
    passage: Option<String>,
    body: String,
    received_on: Option<DateTime<Utc>>,
    source_document: Option<String>,
    recorded_by: Option<String>,
    illustrative: bool,
    created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, SurrealValue)]
struct ContributionReadRow {
    /// The round's id, where a query names it.
    #[surreal(default)]
    round_of: Option<String>,
    id: String,
    number: i64,
    #[surreal(default)]
    parent: Option<String>,
    #[surreal(default)]
    author: Option<String>,
    author_name: String,
    #[surreal(default)]
    organisation: Option<String>,
    #[surreal(default)]
    jurisdiction: Option<String>,
    channel: String,
    step: i64,
    #[surreal(default)]
    anchor: Option<String>,
    #[surreal(default)]
    passage: Option<String>,
    body: String,
    #[surreal(default)]
    received_on: Option<DateTime<Utc>>,
    #[surreal(default)]
    source_document: Option<String>,
    #[surreal(default)]
    recorded_by: Option<String>,
    illustrative: bool,
    created_at: DateTime<Utc>,
    #[surreal(default)]
    answer: Option<String>,
    #[surreal(default)]
    justification: Option<String>,
    #[surreal(default)]
    answer_revision: Option<i64>,
    #[surreal(default)]
    answer_step: Option<i64>,
    #[surreal(default)]
    answer_place: Option<String>,
    #[surreal(default)]
    answered_by: Option<String>,
    #[surreal(default)]
    workshop: Option<String>,
}

const CONTRIBUTION_FIELDS: &str = "record::id(id) AS id, number, (IF parent { record::id(parent) }) AS parent, (IF author { record::id(author) }) AS author, \
    author_name, organisation, jurisdiction, channel, step, anchor, passage, body, received_on, source_document, recorded_by, \
    illustrative, created_at, answer, justification, answer_revision, answer_step, answer_place, answered_by, workshop";

impl ContributionReadRow {
    fn into_info(self) -> Result<ContributionInfo, StoreError> {
        let answer = match self.answer.as_deref() {
            Some(key) => Some(Answer {
                state: AnswerState::from_key(key).ok_or_else(|| corrupt(key))?,
                justification: self.justification,
                revision: self.answer_revision.map(|r| r as u32),
                changed_step: self.answer_step.map(|s| s as u8),
                place: self.answer_place,
            }),
            None => None,
        };
        Ok(ContributionInfo {
            id: self.id,
            number: self.number as u32,
            parent: self.parent,
            author_id: self.author,
            author: self.author_name,
            organisation: self.organisation,
            jurisdiction: self.jurisdiction,
            channel: Channel::from_key(&self.channel).ok_or_else(|| corrupt(&self.channel))?,
            step: self.step as u8,
            anchor: self.anchor,
            passage: self.passage,
            body: self.body,
            created_at: self.created_at,
            received_on: self.received_on,
            source_document: self.source_document,
            recorded_by: self.recorded_by,
            illustrative: self.illustrative,
            answer,
            answered_by: self.answered_by,
            workshop: self.workshop,
        })
    }
}

#[derive(Debug, Clone, SurrealValue)]
struct NotificationRow {
    user: RecordId,
    kind: String,
    subject: String,
    message: String,
    link: String,
    created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, SurrealValue)]
struct NoticeRow {
    kind: String,
    message: String,
    link: String,
    created_at: DateTime<Utc>,
    #[surreal(default)]
    read_at: Option<DateTime<Utc>>,
}

/// How many rounds' contributions a server keeps in memory (a round of 2,000 is about 2 MB).
pub(super) const KEPT_ROUNDS: usize = 16;
/// How many rounds' figures a server keeps in memory (two numbers each).
pub(super) const KEPT_FIGURES: usize = 4096;

/// A contribution waiting for its round's turn to be numbered, and where to say its number.
struct Waiting {
    row: ContributionRow,
    workshop: Option<String>,
    done: tokio::sync::oneshot::Sender<Result<u32, StoreError>>,
}

/// A contribution as one transaction writes it with others: the `i`-th after the round's highest number.
#[derive(Debug, Clone, SurrealValue)]
struct Queued {
    row: ContributionRow,
    i: i64,
    /// Only a workshop's contribution names one.
    workshop: Option<String>,
}

/// The contributions waiting to be numbered, by round, and the turns in which they are (see
/// `Store::add_contribution`); shared by every clone of the store.
#[derive(Clone, Default)]
pub(super) struct Numbering {
    turns: super::kept::Turns,
    waiting: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, Vec<Waiting>>>>,
}

impl Numbering {
    fn wait(&self, round: &str, w: Waiting) {
        self.waiting.lock().unwrap_or_else(std::sync::PoisonError::into_inner).entry(round.to_string()).or_default().push(w);
    }

    fn take(&self, round: &str) -> Vec<Waiting> {
        self.waiting.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(round).unwrap_or_default()
    }
}

/// `kept` (by number) with `changed` (by number) written over it: a contribution read again
/// replaces its older copy (an answer), a new one takes its place by number.
fn merged(kept: &[ContributionInfo], changed: Vec<ContributionInfo>) -> Vec<ContributionInfo> {
    let mut list = kept.to_vec();
    for c in changed {
        match list.binary_search_by_key(&c.number, |k| k.number) {
            Ok(at) => list[at] = c,
            Err(at) => list.insert(at, c),
        }
    }
    list
}

fn round_id(id: &str) -> RecordId {
    RecordId::new("round", id)
}

impl Store {
    /// Creates a round and tells every invited account (participants of the invited jurisdictions,
    /// members of the invited organisations, invited addresses) in the app.
    pub async fn create_round(&self, code: &str, deliverable: u8, r: &NewRound, by: &Author, illustrative: bool) -> Result<String, StoreError> {
        self.create_round_with_version(code, deliverable, Some(r.version), r, by, illustrative).await
    }

    /// As `create_round`, for a round whose text is not in Pasos (`version` none): the seeded history.
    pub async fn create_round_with_version(
        &self,
        code: &str,
        deliverable: u8,
        version: Option<u32>,
        r: &NewRound,
        by: &Author,
        illustrative: bool,
    ) -> Result<String, StoreError> {
        let name = by.name();
        let row = RoundRow {
            policy: policy_id(code),
            deliverable: deliverable.into(),
            version: version.map(i64::from),
            kind: r.kind.key().to_string(),
            title: r.title.clone(),
            steps: r.steps.iter().map(|s| i64::from(*s)).collect(),
            opens: r.opens,
            closes: r.closes,
            jurisdictions: r.jurisdictions.clone(),
            organisations: r.organisations.clone(),
            users: r.users.clone(),
            created_by: name,
            created_at: Utc::now(),
            illustrative,
        };
        let mut res = self.db.query("CREATE round CONTENT $row RETURN VALUE record::id(id)").bind(("row", row)).await?.check()?;
        let id: Option<String> = res.take(0)?;
        let id = id.ok_or_else(|| corrupt("ronda sin id"))?;
        if !illustrative && r.closes > Utc::now() {
            let round = self.round(&id).await?.ok_or_else(|| corrupt("ronda"))?;
            let invited: Vec<User> = self.users().await?.into_iter().filter(|u| u.active && round.invites(u)).collect();
            let message = crate::i18n::t().notice_round_opened(&r.title, code, deliverable);
            for u in invited {
                self.notify(&u.id, "ronda_abierta", &id, &message, &crate::urls::round(&id)).await?;
            }
        }
        self.audit(by, Some(code), "ronda", &crate::i18n::t().audit_round_created(&r.title)).await?;
        Ok(id)
    }

    pub async fn round(&self, id: &str) -> Result<Option<RoundInfo>, StoreError> {
        let mut res = self.db.query(format!("SELECT {ROUND_FIELDS} FROM ONLY $rid")).bind(("rid", round_id(id))).await?.check()?;
        let row: Option<RoundReadRow> = res.take(0)?;
        row.map(RoundReadRow::into_info).transpose()
    }

    /// Every round, or a policy's (and a deliverable's), newest first.
    pub async fn rounds(&self, code: Option<&str>, deliverable: Option<u8>) -> Result<Vec<RoundInfo>, StoreError> {
        let mut conditions = Vec::new();
        if code.is_some() {
            conditions.push("policy = $pid");
        }
        if deliverable.is_some() {
            conditions.push("deliverable = $d");
        }
        let filter = if conditions.is_empty() { String::new() } else { format!(" WHERE {}", conditions.join(" AND ")) };
        let mut res = self
            .db
            .query(format!("SELECT {ROUND_FIELDS} FROM round{filter} ORDER BY opens DESC"))
            .bind(("pid", code.map(policy_id)))
            .bind(("d", deliverable.map(i64::from)))
            .await?
            .check()?;
        let rows: Vec<RoundReadRow> = res.take(0)?;
        rows.into_iter().map(RoundReadRow::into_info).collect()
    }

    /// For each of these rounds, (contributions, unanswered), by round id: kept in memory under
    /// the round's `changes` as it was read (see `kept`), and counted inside the database for the
    /// rounds whose count moved since, all in one query, so a list of rounds neither reads every
    /// contribution's text nor counts again the rounds nobody wrote to.
    pub async fn round_figures(&self, rounds: &[&RoundInfo]) -> Result<std::collections::HashMap<String, (usize, usize)>, StoreError> {
        #[derive(SurrealValue)]
        struct Figures {
            round: String,
            total: i64,
            unanswered: i64,
        }
        let mut figures = std::collections::HashMap::new();
        let mut stale = Vec::new();
        for r in rounds {
            if let Some(f) = self.figures.get(&r.id, &|kept| kept >= r.changes) {
                figures.insert(r.id.clone(), f);
            } else if self.contributions.get(&r.id, &|_| true).is_some() {
                // Its contributions are kept: brought up to date by what changed since, then counted.
                let all = self.contributions_of(r).await?;
                let f = (all.len(), all.iter().filter(|c| c.answer.is_none()).count());
                self.figures.keep(&r.id, r.changes, f);
                figures.insert(r.id.clone(), f);
            } else {
                stale.push(*r);
            }
        }
        if stale.is_empty() {
            return Ok(figures);
        }
        let ids: Vec<RecordId> = stale.iter().map(|r| round_id(&r.id)).collect();
        let mut res = self
            .db
            .query(
                "SELECT record::id(round) AS round, count() AS total, count(answer = NONE) AS unanswered \
                 FROM contribution WHERE round IN $ids GROUP BY round",
            )
            .bind(("ids", ids))
            .await?
            .check()?;
        let rows: Vec<Figures> = res.take(0)?;
        let counted: std::collections::HashMap<String, (usize, usize)> =
            rows.into_iter().map(|f| (f.round, (f.total.max(0) as usize, f.unanswered.max(0) as usize))).collect();
        for r in stale {
            let f = counted.get(&r.id).copied().unwrap_or_default();
            // Read after the round: a write since counted it up past the count kept.
            self.figures.keep(&r.id, r.changes, f);
            figures.insert(r.id.clone(), f);
        }
        Ok(figures)
    }

    /// A round's contributions, by number, from memory when they were read at the round's
    /// `changes` or later (each write counts it up in its own transaction, on whichever instance).
    /// The round must have been read before the call, so the list kept is never older than `round`.
    pub async fn contributions_of(&self, round: &RoundInfo) -> Result<std::sync::Arc<Vec<ContributionInfo>>, StoreError> {
        self.kept_contributions(&round.id, round.changes).await
    }

    /// A round's contributions as they are now, by number (none for an unknown round): its count
    /// read first, then as `contributions_of`.
    pub async fn contributions(&self, round: &str) -> Result<std::sync::Arc<Vec<ContributionInfo>>, StoreError> {
        let changes: Option<i64> = self.db.query("SELECT VALUE changes FROM ONLY $rid").bind(("rid", round_id(round))).await?.check()?.take(0)?;
        match changes {
            Some(changes) => self.kept_contributions(round, changes).await,
            None => Ok(Default::default()),
        }
    }

    /// A round's contributions as read at `changes` or later. A copy read at that count or later
    /// is at least as new as what a read now would give. It is kept under the count read just
    /// before the list, not the caller's: while writers keep counting it up, the requests that
    /// queued during this read are served by it. A stale copy is brought up to date with only the
    /// contributions written or answered since its count: each such write stamps them with the
    /// count it reached (migration 0021).
    async fn kept_contributions(&self, round: &str, changes: i64) -> Result<std::sync::Arc<Vec<ContributionInfo>>, StoreError> {
        self.contributions
            .current_or_load(round, |kept| kept >= changes, |stale| async move {
                let (read_at, changed) = self.counted_contributions(round, stale.as_ref().map(|(count, _)| *count)).await?;
                let list = match stale {
                    Some((_, kept)) => merged(&kept, changed),
                    None => changed,
                };
                Ok((read_at.unwrap_or(0).max(changes), std::sync::Arc::new(list)))
            })
            .await
    }

    /// A person's own contributions, newest first, at most `limit`, each with its round's id.
    pub async fn contributions_by(&self, user_id: &str, limit: usize) -> Result<Vec<(String, ContributionInfo)>, StoreError> {
        let mut res = self
            .db
            .query(format!(
                "SELECT record::id(round) AS round_of, {CONTRIBUTION_FIELDS} FROM contribution WHERE author = $uid ORDER BY created_at DESC LIMIT $n"
            ))
            .bind(("uid", RecordId::new("user", user_id)))
            .bind(("n", limit as i64))
            .await?
            .check()?;
        let rows: Vec<ContributionReadRow> = res.take(0)?;
        rows.into_iter().map(|r| Ok((r.round_of.clone().unwrap_or_default(), r.into_info()?))).collect()
    }

    /// A round's `changes` (none for an unknown round) and then its contributions: all of them by
    /// number, or those stamped with a count above `since`.
    async fn counted_contributions(&self, round: &str, since: Option<i64>) -> Result<(Option<i64>, Vec<ContributionInfo>), StoreError> {
        // Those changed since are found by the index on (round, change), in no order: ordering
        // them by number would have the engine scan the round by its numbers instead.
        let filter = if since.is_some() { " AND change > $since" } else { " ORDER BY number" };
        let mut res = self
            .db
            .query("SELECT VALUE changes FROM ONLY $rid")
            .query(format!("SELECT {CONTRIBUTION_FIELDS} FROM contribution WHERE round = $rid{filter}"))
            .bind(("rid", round_id(round)))
            .bind(("since", since))
            .await?
            .check()?;
        let changes: Option<i64> = res.take(0)?;
        let rows: Vec<ContributionReadRow> = res.take(1)?;
        Ok((changes, rows.into_iter().map(ContributionReadRow::into_info).collect::<Result<_, _>>()?))
    }

    /// Adds a contribution with the round's next number.
    ///
    /// Contributions to one round are numbered in turns within this process: sixteen regions
    /// writing at once otherwise conflict on the number and the round's counter, and the losers
    /// retried for seconds. Whoever takes the turn writes every contribution waiting for it in one
    /// transaction, numbered in the order they came, so a writer waits for about one write, not
    /// one per writer ahead of it. The turn runs on a task of its own, so a request given up
    /// half-way does not cut the others' write short. Across instances two writes can still meet
    /// (the same number, or a conflict the engine asks to retry): the loser waits a little, with
    /// jitter, and takes the next numbers.
    pub async fn add_contribution(&self, round: &str, c: NewContribution) -> Result<u32, StoreError> {
        let row = ContributionRow {
            round: round_id(round),
            number: 0,
            parent: c.parent.map(|p| RecordId::new("contribution", p)),
            author: super::accounts::author_record(&c.author),
            author_name: c.author_name,
            organisation: c.organisation,
            jurisdiction: c.jurisdiction,
            channel: c.channel.key().to_string(),
            step: c.step.into(),
            anchor: c.anchor,
            passage: c.passage,
            body: c.body,
            received_on: c.received_on,
            source_document: c.source_document,
            recorded_by: c.recorded_by,
            illustrative: c.illustrative,
            created_at: Utc::now(),
        };
        let (done, numbered) = tokio::sync::oneshot::channel();
        self.numbering.wait(round, Waiting { row, workshop: c.workshop, done });
        let (store, round) = (self.clone(), round.to_string());
        tokio::spawn(async move {
            let turn = store.numbering.turns.of(&round);
            let _turn = turn.lock().await;
            let batch = store.numbering.take(&round);
            if !batch.is_empty() {
                store.number_batch(&round, batch).await;
            }
        });
        numbered.await.unwrap_or_else(|_| Err(corrupt("no se pudo numerar el aporte")))
    }

    /// Writes `batch` in one transaction; if that fails, each alone, so that one contribution the
    /// database refuses does not take the others with it. Each waiting writer is told its number.
    async fn number_batch(&self, round: &str, batch: Vec<Waiting>) {
        let rows: Vec<Queued> = batch.iter().enumerate().map(|(i, w)| Queued { row: w.row.clone(), i: i as i64, workshop: w.workshop.clone() }).collect();
        match self.write_numbered(round, rows).await {
            Ok(last) => {
                for (i, w) in batch.into_iter().enumerate() {
                    let _ = w.done.send(Ok(last + i as u32 + 1));
                }
            }
            Err(e) if batch.len() == 1 => {
                if let Some(w) = batch.into_iter().next() {
                    let _ = w.done.send(Err(e));
                }
            }
            Err(_) => {
                for w in batch {
                    let row = Queued { row: w.row, i: 0, workshop: w.workshop };
                    let _ = w.done.send(self.write_numbered(round, vec![row]).await.map(|last| last + 1));
                }
            }
        }
    }

    /// Creates `rows` in one transaction, numbered after the round's highest number, and counts
    /// the round up once (stamping them with the count reached); gives the highest number before them.
    async fn write_numbered(&self, round: &str, rows: Vec<Queued>) -> Result<u32, StoreError> {
        // Another instance's write may take the numbers first: the unique index on (round, number)
        // refuses the second, which goes again with the numbers after them.
        let mut res = super::retrying_also(&["contribution_round_number"], || {
            self.db
                .query(
                    "BEGIN TRANSACTION;
                     LET $last = (SELECT VALUE number FROM contribution WHERE round = $rid ORDER BY number DESC LIMIT 1)[0] ?? 0;
                     LET $change = (UPDATE ONLY $rid SET changes += 1 RETURN VALUE changes);
                     FOR $q IN $rows {
                         CREATE contribution CONTENT object::extend($q.row, IF $q.workshop THEN { number: $last + $q.i + 1, change: $change, workshop: $q.workshop }
                             ELSE { number: $last + $q.i + 1, change: $change } END);
                     };
                     RETURN $last;
                     COMMIT TRANSACTION;",
                )
                .bind(("rid", round_id(round)))
                .bind(("rows", rows.clone()))
        })
        .await?;
        let last: Option<i64> = res.take(4)?;
        Ok(last.unwrap_or(0) as u32)
    }

    /// Records (or changes) the team's answer to a contribution.
    pub async fn answer_contribution(&self, id: &str, answer: &Answer, by: &Author) -> Result<(), StoreError> {
        let name = by.name();
        // Two answers in one round at once meet on the round's counter: the loser goes again.
        super::retrying(|| {
            self.db
                .query(
                    "BEGIN TRANSACTION;
                     LET $change = (UPDATE ONLY $cid.round SET changes += 1 RETURN VALUE changes);
                     UPDATE $cid SET answer = $state, justification = $justification, answer_revision = $revision, \
                     answer_step = $step, answer_place = $place, answered_by = $by, answered_at = time::now(), change = $change;
                     COMMIT TRANSACTION;",
                )
                .bind(("cid", RecordId::new("contribution", id)))
                .bind(("state", answer.state.key()))
                .bind(("justification", answer.justification.clone()))
                .bind(("revision", answer.revision.map(i64::from)))
                .bind(("step", answer.changed_step.map(i64::from)))
                .bind(("place", answer.place.clone()))
                .bind(("by", name.clone()))
        })
        .await?;
        Ok(())
    }

    /// Publishes a round's answers (all at once) and tells each author whose contribution was answered.
    pub async fn publish_answers(&self, round: &RoundInfo, by: &Author) -> Result<(), StoreError> {
        self.db.query("UPDATE $rid SET published_at = time::now()").bind(("rid", round_id(&round.id))).await?.check()?;
        for c in self.contributions(&round.id).await?.iter() {
            if let (Some(author), Some(_)) = (&c.author_id, &c.answer) {
                let message = crate::i18n::t().notice_answered(c.number, &round.title);
                self.notify(author, "aporte_respondido", &c.id, &message, &crate::urls::contribution(&round.id, &c.id, c.number)).await?;
            }
        }
        self.audit(by, Some(&round.policy_code), "ronda", &crate::i18n::t().audit_answers_published(&round.title)).await
    }

    /// Ends a round's window now.
    pub async fn close_round(&self, round: &RoundInfo, by: &Author) -> Result<(), StoreError> {
        self.db.query("UPDATE $rid SET closed_at = time::now() WHERE closed_at = NONE").bind(("rid", round_id(&round.id))).await?.check()?;
        self.audit(by, Some(&round.policy_code), "ronda", &crate::i18n::t().audit_round_closed(&round.title)).await
    }

    /// Marks a round as systematized (closing it if still open), with a directivo's reason when forced.
    pub async fn systematize_round(&self, round: &RoundInfo, forced: Option<&str>, by: &Author) -> Result<(), StoreError> {
        self.db
            .query("UPDATE $rid SET systematized = true, forced_reason = $reason, closed_at = closed_at ?? time::now()")
            .bind(("rid", round_id(&round.id)))
            .bind(("reason", forced.map(str::to_string)))
            .await?
            .check()?;
        let what = crate::i18n::t().audit_round_systematized(&round.title, forced);
        self.audit(by, Some(&round.policy_code), "ronda", &what).await
    }

    /// Leaves a notice for a user, once per kind and subject.
    pub(super) async fn notify(&self, user: &str, kind: &str, subject: &str, message: &str, link: &str) -> Result<(), StoreError> {
        let row = NotificationRow {
            user: RecordId::new("user", user),
            kind: kind.into(),
            subject: subject.into(),
            message: message.into(),
            link: link.into(),
            created_at: Utc::now(),
        };
        // Two notices for one user at once meet on the user's unread counter: `retrying`.
        match super::retrying(|| self.db.query("CREATE notification CONTENT $row").bind(("row", row.clone()))).await {
            Ok(_) => {}
            // The unique index makes a repeated notice a no-op.
            Err(e) if e.to_string().contains("notification_once") => {}
            // What the notice is about (a round, an answer) is saved already: answering the
            // user with an error would invite them to do it twice. The log says what was lost.
            Err(e) => tracing::warn!(error = %e, user, kind, subject, "no se pudo dejar el aviso"),
        }
        Ok(())
    }

    /// The "closing in three days" notices due at `now` to each of `readers` a round invites, each
    /// made once per round and reader (the scheduled task's, and the bell's when it is read).
    /// Answers how many rounds close that soon.
    pub(super) async fn notify_closing_soon(&self, readers: &[User], now: DateTime<Utc>) -> Result<usize, StoreError> {
        let mut closing = 0;
        for r in self.rounds(None, None).await? {
            if r.illustrative || r.status(now) != crate::domain::rounds::RoundStatus::Abierta || r.closes - now > Duration::days(3) {
                continue;
            }
            closing += 1;
            let message = crate::i18n::t().round_closing_notice(&r.title, &crate::domain::time::moment(&r.closes));
            for u in readers.iter().filter(|u| r.invites(u)) {
                self.notify(&u.id, "ronda_por_cerrar", &r.id, &message, &crate::urls::round(&r.id)).await?;
            }
        }
        Ok(closing)
    }

    /// A user's notices, newest first, after adding the "closing in three days" ones now due.
    pub async fn notifications(&self, user: &User) -> Result<Vec<Notice>, StoreError> {
        self.notify_closing_soon(std::slice::from_ref(user), Utc::now()).await?;
        let mut res = self
            .db
            .query("SELECT kind, message, link, created_at, read_at FROM notification WHERE user = $uid ORDER BY created_at DESC LIMIT 100")
            .bind(("uid", RecordId::new("user", user.id.as_str())))
            .await?
            .check()?;
        let rows: Vec<NoticeRow> = res.take(0)?;
        Ok(rows
            .into_iter()
            .map(|r| Notice { kind: r.kind, message: r.message, link: r.link, created_at: r.created_at, read_at: r.read_at })
            .collect())
    }

    /// How many notices a user has not read (for the bell).
    pub async fn unread_notifications(&self, user_id: &str) -> Result<usize, StoreError> {
        let mut res = self
            .db
            .query("SELECT VALUE unread FROM ONLY $uid")
            .bind(("uid", RecordId::new("user", user_id)))
            .await?
            .check()?;
        let n: Option<i64> = res.take(0)?;
        Ok(n.unwrap_or(0) as usize)
    }

    pub async fn mark_notifications_read(&self, user_id: &str) -> Result<(), StoreError> {
        super::retrying(|| {
            self.db
                .query("UPDATE notification SET read_at = time::now() WHERE user = $uid AND read_at = NONE")
                .bind(("uid", RecordId::new("user", user_id)))
        })
        .await?;
        Ok(())
    }
}
