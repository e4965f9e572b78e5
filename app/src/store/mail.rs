//! Notices by e-mail: each account's choice, the notices the scheduled task makes (closing soon,
//! overdue against the plan), the outbox (one message per notice or one digest a day, named by
//! what it carries so it is made once), and the claims with which several instances send each
//! message once.
use chrono::{DateTime, NaiveDate, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{Store, StoreError};
use crate::domain::access::Role;
use crate::domain::mail::{self, Frequency, Letter, MailNotice, MailProblem, Outbox};
use crate::domain::{Action, Author, Resource, User};

/// What the outbox needs to know of the deployment: the public address its links start with,
/// and the hour (in Lima) of the daily digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailQueue {
    /// `https://pasos.trabajo.gob.pe`, without a trailing slash.
    pub base_url: String,
    pub digest_hour: u32,
}

/// A message an instance has claimed and is to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    pub id: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub attempts: i64,
}

#[derive(Debug, Clone, SurrealValue)]
struct MailRow {
    user: RecordId,
    to: String,
    subject: String,
    text: String,
    html: String,
    notices: i64,
    created_at: DateTime<Utc>,
    next_at: DateTime<Utc>,
}

#[derive(Debug, Clone, SurrealValue)]
struct PendingNotice {
    id: String,
    user: String,
    #[surreal(default)]
    email: Option<String>,
    #[surreal(default)]
    name: Option<String>,
    #[surreal(default)]
    frequency: Option<String>,
    #[surreal(default)]
    active: Option<bool>,
    message: String,
    link: String,
}

#[derive(Debug, Clone, SurrealValue)]
struct ClaimedRow {
    to: String,
    subject: String,
    text: String,
    html: String,
    attempts: i64,
}

#[derive(Debug, Clone, SurrealValue)]
struct ProblemRow {
    id: String,
    to: String,
    subject: String,
    created_at: DateTime<Utc>,
    attempts: i64,
    #[surreal(default)]
    last_error: Option<String>,
    #[surreal(default)]
    failed_at: Option<DateTime<Utc>>,
    next_at: DateTime<Utc>,
}

#[derive(Debug, Clone, SurrealValue)]
struct Counts {
    pending: i64,
    sent: i64,
    failed: i64,
}

fn mail_id(id: &str) -> RecordId {
    RecordId::new("mail", id)
}

/// Whether a write failed only because the record it creates is there already.
fn already_there(e: &surrealdb::Error) -> bool {
    e.to_string().contains("already exists")
}

impl Store {
    /// How `user_id` hears of their notices by e-mail (an account from before the choice existed:
    /// immediately).
    pub async fn mail_frequency(&self, user_id: &str) -> Result<Frequency, StoreError> {
        let mut res = self.db.query("SELECT VALUE mail FROM ONLY $uid").bind(("uid", RecordId::new("user", user_id))).await?.check()?;
        let key: Option<String> = res.take(0)?;
        Ok(key.as_deref().and_then(Frequency::from_key).unwrap_or(Frequency::Inmediato))
    }

    pub async fn set_mail_frequency(&self, user: &User, frequency: Frequency) -> Result<(), StoreError> {
        self.db
            .query("UPDATE $uid SET mail = $f")
            .bind(("uid", RecordId::new("user", user.id.as_str())))
            .bind(("f", frequency.key()))
            .await?
            .check()?;
        Ok(())
    }

    /// Tells the policy's team that CEPLAN's observations to a deliverable were recorded.
    pub async fn notify_observations(&self, code: &str, deliverable: u8, event: &str) -> Result<(), StoreError> {
        let message = crate::i18n::t().notice_observations(code, deliverable);
        let link = crate::urls::deliverable(code, deliverable);
        for u in self.users().await?.into_iter().filter(|u| u.active && on_team(u, code)) {
            self.notify(&u.id, "observaciones_ceplan", event, &message, &link).await?;
        }
        Ok(())
    }

    /// The notices due at `now` that nobody's action makes: a consultation closing within three
    /// days (to each reader it invites) and a line of a work plan past its planned end undone (to
    /// the policy's team and the managers who follow it). Each is made once per subject: running
    /// this again, on any instance, adds nothing. Answers how many subjects were looked at.
    pub async fn scheduled_notices(&self, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let users: Vec<User> = self.users().await?.into_iter().filter(|u| u.active).collect();
        let mut looked_at = self.notify_closing_soon(&users, now).await?;
        let today = crate::domain::time::lima_date(now);
        let (details, plans) = tokio::try_join!(self.details(), self.all_work_plans())?;
        for detail in details.iter() {
            let code = &detail.overview.policy.code;
            let Some(plan) = plans.get(code) else { continue };
            let states: Vec<_> = detail.overview.deliverables.iter().map(|d| d.state).collect();
            for line in crate::domain::plan::plan_lines(plan, &states, &detail.events, today) {
                if !matches!(line.status, crate::domain::plan::PlanStatus::Late(_)) {
                    continue;
                }
                looked_at += 1;
                let t = crate::i18n::t();
                let end = line.entry.end.format("%d/%m/%Y").to_string();
                let message = t.notice_late(code, &t.plan_target(line.entry.target), &end);
                // A new planned end (re-planning) is a new subject: late against it is news again.
                let subject = format!("{code}:{}:{}", line.entry.target.key(), line.entry.end);
                let follows = |u: &&User| {
                    on_team(u, code)
                        || (u.roles.contains(&Role::Directivo) && crate::domain::may(&u.actor(), Action::ReadPolicy, Resource::Policy(code)))
                };
                for u in users.iter().filter(follows) {
                    self.notify(&u.id, "retraso_plan", &subject, &message, &crate::urls::plan(code)).await?;
                }
            }
        }
        Ok(looked_at)
    }

    /// Takes (or keeps) the lease `name` for `holder` until `until`: true when it is this holder's
    /// now. Of two instances asking at once, the engine lets one write.
    pub async fn take_lease(&self, name: &str, holder: &str, now: DateTime<Utc>, until: DateTime<Utc>) -> Result<bool, StoreError> {
        let lease = RecordId::new("lease", name);
        let created = self
            .db
            .query("CREATE $lease SET holder = $me, until = $until")
            .bind(("lease", lease.clone()))
            .bind(("me", holder.to_string()))
            .bind(("until", until))
            .await?
            .check();
        match created {
            Ok(_) => return Ok(true),
            Err(e) if already_there(&e) => {}
            Err(e) if e.to_string().contains("can be retried") => return Ok(false),
            Err(e) => return Err(e.into()),
        }
        let taken = self
            .db
            .query("UPDATE $lease SET holder = $me, until = $until WHERE until <= $now OR holder = $me RETURN VALUE holder")
            .bind(("lease", lease))
            .bind(("me", holder.to_string()))
            .bind(("until", until))
            .bind(("now", now))
            .await?
            .check();
        match taken {
            Ok(mut res) => Ok(!res.take::<Vec<String>>(0)?.is_empty()),
            Err(e) if e.to_string().contains("can be retried") => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// Puts into the outbox the messages due at `now`: one per new notice of an account that
    /// chose `inmediato`; for those who chose `diario`, once the digest hour has passed, one digest
    /// a day with every notice not yet mailed. Notices of accounts that chose none, or closed, are
    /// marked as dealt with. Each message is named by what it carries, so two instances doing this
    /// at once make it once. Answers how many messages were made.
    pub async fn queue_mail(&self, queue: &MailQueue, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let mut res = self
            .db
            .query(
                "SELECT record::id(id) AS id, record::id(user) AS user, user.email AS email, user.name AS name, \
                 user.mail AS frequency, user.active AS active, message, link, created_at \
                 FROM notification WHERE emailed_at = NONE AND created_at > $since ORDER BY created_at LIMIT 1000",
            )
            .bind(("since", now - mail::MAIL_WITHIN))
            .await?
            .check()?;
        let pending: Vec<PendingNotice> = res.take(0)?;
        let account = format!("{}{}", queue.base_url, crate::urls::ACCOUNT);
        let absolute = |n: &PendingNotice| MailNotice { message: n.message.clone(), link: format!("{}{}", queue.base_url, n.link) };
        let mut made = 0;
        let mut done: Vec<String> = Vec::new();
        let mut digests: std::collections::BTreeMap<String, Vec<&PendingNotice>> = Default::default();
        for n in &pending {
            let frequency = n.frequency.as_deref().and_then(Frequency::from_key).unwrap_or(Frequency::Inmediato);
            let (Some(email), true) = (n.email.as_deref(), n.active.unwrap_or(false)) else {
                done.push(n.id.clone());
                continue;
            };
            match frequency {
                Frequency::Ninguno => done.push(n.id.clone()),
                Frequency::Diario => digests.entry(n.user.clone()).or_default().push(n),
                Frequency::Inmediato => {
                    let letter = mail::notice_letter(n.name.as_deref().unwrap_or(""), &absolute(n), &account);
                    if self.put_mail(&format!("aviso-{}", n.id), &n.user, email, &letter, 1, now).await? {
                        made += 1;
                    }
                    done.push(n.id.clone());
                }
            }
        }
        if let Some(day) = mail::digest_day(now, queue.digest_hour) {
            for (user, notices) in digests {
                let Some(first) = notices.first() else { continue };
                let key = digest_key(&user, day);
                if self.mail_exists(&key).await? {
                    // Today's is made: these wait for tomorrow's.
                    continue;
                }
                let list: Vec<MailNotice> = notices.iter().map(|n| absolute(n)).collect();
                let letter = mail::digest_letter(first.name.as_deref().unwrap_or(""), day, &list, &account);
                if self.put_mail(&key, &user, first.email.as_deref().unwrap_or(""), &letter, list.len() as i64, now).await? {
                    made += 1;
                }
                done.extend(notices.iter().map(|n| n.id.clone()));
            }
        }
        if !done.is_empty() {
            let ids: Vec<RecordId> = done.iter().map(|id| RecordId::new("notification", id.as_str())).collect();
            super::retrying(|| self.db.query("UPDATE $ids SET emailed_at = $now").bind(("ids", ids.clone())).bind(("now", now))).await?;
        }
        Ok(made)
    }

    async fn mail_exists(&self, key: &str) -> Result<bool, StoreError> {
        let mut res = self.db.query("SELECT VALUE id FROM ONLY $mid").bind(("mid", mail_id(key))).await?.check()?;
        let id: Option<RecordId> = res.take(0)?;
        Ok(id.is_some())
    }

    /// Creates the message `key`; false when it was there already.
    async fn put_mail(&self, key: &str, user: &str, to: &str, letter: &Letter, notices: i64, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let row = MailRow {
            user: RecordId::new("user", user),
            to: to.to_string(),
            subject: letter.subject.clone(),
            text: letter.text.clone(),
            html: letter.html.clone(),
            notices,
            created_at: now,
            next_at: now,
        };
        match self.db.query("CREATE $mid CONTENT $row").bind(("mid", mail_id(key))).bind(("row", row)).await?.check() {
            Ok(_) => Ok(true),
            Err(e) if already_there(&e) || e.to_string().contains("can be retried") => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// Claims for `holder`, until `now + CLAIM`, at most `limit` messages due at `now` that no one
    /// holds: each is claimed by one conditional write, which of two instances only one wins.
    pub async fn claim_mail(&self, holder: &str, now: DateTime<Utc>, limit: usize) -> Result<Vec<OutgoingMail>, StoreError> {
        let mut res = self
            .db
            .query(
                "SELECT VALUE record::id(id) FROM mail WHERE sent_at = NONE AND failed_at = NONE AND next_at <= $now \
                 AND (claimed_until = NONE OR claimed_until <= $now) ORDER BY next_at LIMIT $n",
            )
            .bind(("now", now))
            .bind(("n", limit as i64))
            .await?
            .check()?;
        let due: Vec<String> = res.take(0)?;
        let mut claimed = Vec::new();
        for id in due {
            let won = self
                .db
                .query(
                    "UPDATE $mid SET claimed_by = $me, claimed_until = $until \
                     WHERE sent_at = NONE AND failed_at = NONE AND (claimed_until = NONE OR claimed_until <= $now) \
                     RETURN to, subject, text, html, attempts",
                )
                .bind(("mid", mail_id(&id)))
                .bind(("me", holder.to_string()))
                .bind(("until", now + mail::CLAIM))
                .bind(("now", now))
                .await?
                .check();
            match won {
                Ok(mut res) => {
                    let rows: Vec<ClaimedRow> = res.take(0)?;
                    claimed.extend(rows.into_iter().map(|r| OutgoingMail {
                        id: id.clone(),
                        to: r.to,
                        subject: r.subject,
                        text: r.text,
                        html: r.html,
                        attempts: r.attempts,
                    }));
                }
                // Another instance claimed it at the same moment.
                Err(e) if e.to_string().contains("can be retried") => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(claimed)
    }

    /// Marks a claimed message sent.
    pub async fn mail_sent(&self, id: &str, holder: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
        super::retrying(|| {
            self.db
                .query("UPDATE $mid SET sent_at = $now, claimed_until = NONE, last_error = NONE WHERE claimed_by = $me")
                .bind(("mid", mail_id(id)))
                .bind(("me", holder.to_string()))
                .bind(("now", now))
        })
        .await?;
        Ok(())
    }

    /// Counts a failed attempt: tried again after a longer wait each time, or, after the last
    /// attempt, marked failed for the administrators.
    pub async fn mail_failed(&self, mail: &OutgoingMail, holder: &str, error: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
        let attempts = mail.attempts + 1;
        let failed = (attempts >= mail::MAX_ATTEMPTS).then_some(now);
        let error: String = error.chars().take(500).collect();
        super::retrying(|| {
            self.db
                .query(
                    "UPDATE $mid SET attempts = $attempts, next_at = $next, failed_at = $failed, last_error = $error, \
                     claimed_until = NONE WHERE claimed_by = $me",
                )
                .bind(("mid", mail_id(&mail.id)))
                .bind(("me", holder.to_string()))
                .bind(("attempts", attempts))
                .bind(("next", now + mail::retry_delay(attempts)))
                .bind(("failed", failed))
                .bind(("error", error.clone()))
        })
        .await?;
        Ok(())
    }

    /// The outbox for the administrators: counts, and the messages with problems.
    pub async fn outbox(&self) -> Result<Outbox, StoreError> {
        let mut res = self
            .db
            .query(
                "SELECT count(sent_at = NONE AND failed_at = NONE) AS pending, count(sent_at != NONE) AS sent, \
                 count(failed_at != NONE) AS failed FROM mail GROUP ALL",
            )
            .query(
                "SELECT record::id(id) AS id, to, subject, created_at, attempts, last_error, failed_at, next_at FROM mail \
                 WHERE sent_at = NONE AND attempts > 0 ORDER BY created_at DESC LIMIT 100",
            )
            .await?
            .check()?;
        let counts: Option<Counts> = res.take::<Vec<Counts>>(0)?.into_iter().next();
        let rows: Vec<ProblemRow> = res.take(1)?;
        let (pending, sent, failed) = counts.map_or((0, 0, 0), |c| (c.pending, c.sent, c.failed));
        Ok(Outbox {
            pending: pending.max(0) as usize,
            sent: sent.max(0) as usize,
            failed: failed.max(0) as usize,
            problems: rows
                .into_iter()
                .map(|r| MailProblem {
                    id: r.id,
                    to: r.to,
                    subject: r.subject,
                    created_at: r.created_at,
                    attempts: r.attempts,
                    last_error: r.last_error,
                    failed: r.failed_at.is_some(),
                    next_at: r.next_at,
                })
                .collect(),
        })
    }

    /// An administrator sends a failed (or waiting) message again now, with its attempts counted
    /// from zero. False when there is no such unsent message.
    pub async fn retry_mail(&self, id: &str, by: &Author) -> Result<bool, StoreError> {
        let mut res = self
            .db
            .query("UPDATE $mid SET attempts = 0, failed_at = NONE, next_at = time::now(), claimed_until = NONE WHERE sent_at = NONE RETURN VALUE to")
            .bind(("mid", mail_id(id)))
            .await?
            .check()?;
        let to: Vec<String> = res.take(0)?;
        let Some(to) = to.first() else { return Ok(false) };
        self.audit(by, None, "correo", &crate::i18n::t().audit_mail_retried(to)).await?;
        Ok(true)
    }

    /// The messages received for `user_id` (for tests and the command line): subject and when sent.
    pub async fn mails_of(&self, user_id: &str) -> Result<Vec<(String, Option<DateTime<Utc>>)>, StoreError> {
        #[derive(SurrealValue)]
        struct Row {
            subject: String,
            #[surreal(default)]
            sent_at: Option<DateTime<Utc>>,
        }
        let mut res = self
            .db
            .query("SELECT subject, sent_at, created_at FROM mail WHERE user = $uid ORDER BY created_at")
            .bind(("uid", RecordId::new("user", user_id)))
            .await?
            .check()?;
        let rows: Vec<Row> = res.take(0)?;
        Ok(rows.into_iter().map(|r| (r.subject, r.sent_at)).collect())
    }
}

/// Whether `u` is on the team of policy `code`.
fn on_team(u: &User, code: &str) -> bool {
    u.roles.contains(&Role::Equipo) && u.policies.iter().any(|p| p == code)
}

/// The name of `user`'s digest of `day` in the outbox.
pub fn digest_key(user: &str, day: NaiveDate) -> String {
    format!("resumen-{user}-{day}")
}
