//! Users, sessions, sign-in failures and the audit log.
use chrono::{DateTime, Duration, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{Store, StoreError};
use crate::domain::account::{session_alive, AttemptCount, DEVICE_LIFETIME};
use crate::domain::{Author, LiveSession, NewUser, Role, User};


#[derive(Debug, Clone, SurrealValue)]
struct UserRow {
    id: String,
    email: String,
    name: String,
    #[surreal(default)]
    organisation: Option<String>,
    #[surreal(default)]
    jurisdiction: Option<String>,
    roles: Vec<String>,
    policies: Vec<String>,
    active: bool,
    #[surreal(default)]
    password_hash: Option<String>,
    #[surreal(default)]
    unread: Option<i64>,
}

#[derive(Debug, Clone, SurrealValue)]
struct NewUserRow {
    email: String,
    name: String,
    password_hash: String,
    organisation: Option<String>,
    jurisdiction: Option<String>,
    roles: Vec<String>,
    policies: Vec<String>,
    active: bool,
}

#[derive(Debug, Clone, SurrealValue)]
struct SessionRow {
    user: RecordId,
    created_at: DateTime<Utc>,
    last_seen: DateTime<Utc>,
}

/// A session as read with its user (none when the user record is gone).
#[derive(Debug, Clone, SurrealValue)]
struct SessionReadRow {
    created_at: DateTime<Utc>,
    last_seen: DateTime<Utc>,
    #[surreal(default)]
    user: Option<UserRow>,
}

/// What the transaction that counts a sign-in attempt throws when a count is at its limit.
const THROTTLED: &str = "intentos-agotados";

#[derive(Debug, Clone, SurrealValue)]
struct AuditRow {
    actor: Option<RecordId>,
    actor_name: String,
    policy: Option<String>,
    entity: String,
    summary: String,
}

/// The account behind a change, if a person made it.
pub(crate) fn author_record(author: &Author) -> Option<RecordId> {
    match author {
        Author::User { id, .. } => Some(user_id(id)),
        Author::System(_) => None,
    }
}

const USER_FIELDS: &str =
    "record::id(id) AS id, email, name, organisation, jurisdiction, roles, policies, active";

fn user_id(key: &str) -> RecordId {
    RecordId::new("user", key)
}

/// A live session as this instance keeps it (`Store::session_user_as_of`).
#[derive(Debug, Clone)]
pub(super) struct KeptSession {
    live: LiveSession,
    created_at: DateTime<Utc>,
    last_seen: DateTime<Utc>,
}

/// How many sessions an instance keeps before it starts again.
pub(super) const KEPT_SESSIONS: usize = 10_000;

fn session_id(digest: &str) -> RecordId {
    RecordId::new("session", digest)
}

impl UserRow {
    fn into_user(self) -> Result<User, StoreError> {
        let roles = self
            .roles
            .iter()
            .map(|r| Role::from_key(r).ok_or_else(|| StoreError::Corrupt(format!("rol desconocido {r}"))))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(User {
            id: self.id,
            email: self.email,
            name: self.name,
            organisation: self.organisation,
            jurisdiction: self.jurisdiction,
            roles,
            policies: self.policies,
            active: self.active,
        })
    }
}

impl Store {
    /// Creates a user (already validated) with an argon2id hash; refuses a taken e-mail.
    pub async fn create_user(&self, user: NewUser, password_hash: String, by: &Author) -> Result<User, StoreError> {
        if self.user_by_email(&user.email).await?.is_some() {
            return Err(StoreError::DuplicateEmail(user.email));
        }
        let row = NewUserRow {
            email: user.email.clone(),
            name: user.name.clone(),
            password_hash,
            organisation: user.organisation.clone(),
            jurisdiction: user.jurisdiction.clone(),
            roles: user.roles.iter().map(|r| r.key().to_string()).collect(),
            policies: user.policies.clone(),
            active: true,
        };
        let result = self.db.query("CREATE user CONTENT $row").bind(("row", row)).await?.check();
        if result.is_err() && self.user_by_email(&user.email).await?.is_some() {
            return Err(StoreError::DuplicateEmail(user.email));
        }
        result?;
        let created = self.user_by_email(&user.email).await?.ok_or_else(|| StoreError::Corrupt("usuario".into()))?;
        let roles: Vec<&str> = created.roles.iter().map(|r| r.key()).collect();
        self.audit(by, None, "usuario", &crate::i18n::t().audit_account_created(&created.email, &roles.join(", "))).await?;
        Ok(created)
    }

    pub async fn user_by_email(&self, email: &str) -> Result<Option<User>, StoreError> {
        Ok(self.user_with_hash(email).await?.map(|(u, _)| u))
    }

    /// The one user matching `condition` (with one bound parameter), without the password hash.
    pub(super) async fn user_where(
        &self,
        condition: &str,
        param: (&'static str, RecordId),
    ) -> Result<Option<User>, StoreError> {
        let mut res =
            self.db.query(format!("SELECT {USER_FIELDS} FROM user WHERE {condition} LIMIT 1")).bind(param).await?.check()?;
        let rows: Vec<UserRow> = res.take(0)?;
        rows.into_iter().next().map(UserRow::into_user).transpose()
    }

    /// The user and their password hash, for signing in.
    pub async fn user_with_hash(&self, email: &str) -> Result<Option<(User, String)>, StoreError> {
        let mut res = self
            .db
            .query(format!("SELECT {USER_FIELDS}, password_hash FROM user WHERE email = $email LIMIT 1"))
            .bind(("email", crate::domain::account::normalize_email(email)))
            .await?
            .check()?;
        let rows: Vec<UserRow> = res.take(0)?;
        let Some(mut row) = rows.into_iter().next() else { return Ok(None) };
        let hash = row.password_hash.take().unwrap_or_default();
        Ok(Some((row.into_user()?, hash)))
    }

    /// Every user, by name.
    pub async fn users(&self) -> Result<Vec<User>, StoreError> {
        let mut res = self.db.query(format!("SELECT {USER_FIELDS} FROM user ORDER BY name")).await?.check()?;
        let rows: Vec<UserRow> = res.take(0)?;
        rows.into_iter().map(UserRow::into_user).collect()
    }

    /// Replaces a user's password and ends every session they have.
    pub async fn set_password(&self, user: &User, password_hash: String, by: &Author) -> Result<(), StoreError> {
        self.change_password(user, password_hash, None, by).await
    }

    /// Replaces a user's password and ends their sessions but `keep` (the digest of the session
    /// the user changed it from, so they stay signed in there and only there).
    pub async fn change_password(
        &self,
        user: &User,
        password_hash: String,
        keep: Option<&str>,
        by: &Author,
    ) -> Result<(), StoreError> {
        let uid = user_id(&user.id);
        self.db
            .query(
                "BEGIN TRANSACTION; UPDATE $uid SET password_hash = $hash; \
                 DELETE session WHERE user = $uid AND id != $keep; COMMIT TRANSACTION;",
            )
            .bind(("uid", uid))
            .bind(("hash", password_hash))
            .bind(("keep", keep.map(session_id)))
            .await?
            .check()?;
        self.audit(by, None, "usuario", &crate::i18n::t().audit_password_changed(&user.email)).await
    }

    /// Opens a session for a user under the digest of its token.
    pub async fn create_session(&self, user: &User, digest: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
        let row = SessionRow { user: user_id(&user.id), created_at: now, last_seen: now };
        self.db.query("CREATE $sid CONTENT $row").bind(("sid", session_id(digest))).bind(("row", row)).await?.check()?;
        Ok(())
    }

    /// The active user behind a session, if the session is alive, with their unread notices; a
    /// dead session is removed. One record read (the user comes through the session's link);
    /// `last_seen` is refreshed at most once a minute, to spare the database a write per request.
    pub async fn session_user(&self, digest: &str, now: DateTime<Utc>) -> Result<Option<LiveSession>, StoreError> {
        Ok(self.read_session(digest, now).await?.map(|s| s.live))
    }

    /// As [`Store::session_user`], before every request: from the copy this instance kept while
    /// `counters.sessions` (`Store::counters`, read first) says no session ended and no account
    /// changed since it was read, and the session was seen within the minute; else read as
    /// `session_user` does, and kept. A token that names no session is never kept.
    pub async fn session_user_as_of(&self, digest: &str, now: DateTime<Utc>, counters: &super::Counters) -> Result<Option<LiveSession>, StoreError> {
        let fresh = |s: &KeptSession| session_alive(s.created_at, s.last_seen, now) && now - s.last_seen <= Duration::minutes(1);
        let current = |count: i64| count == counters.sessions && count >= 0;
        if let Some(kept) = self.sessions.get(digest, &current).filter(|s| fresh(s)) {
            return Ok(Some(kept.live));
        }
        let read = self.read_session(digest, now).await?;
        if let Some(session) = &read {
            self.sessions.keep(digest, counters.sessions, session.clone());
        }
        Ok(read.map(|s| s.live))
    }

    async fn read_session(&self, digest: &str, now: DateTime<Utc>) -> Result<Option<KeptSession>, StoreError> {
        let sid = session_id(digest);
        let mut res = self
            .db
            .query(
                "SELECT created_at, last_seen, user.{ id: record::id(id), email, name, organisation, jurisdiction, \
                 roles, policies, active, unread } AS user FROM ONLY $sid",
            )
            .bind(("sid", sid.clone()))
            .await?
            .check()?;
        let Some(session): Option<SessionReadRow> = res.take(0)? else { return Ok(None) };
        if !session_alive(session.created_at, session.last_seen, now) {
            self.end_session(digest).await?;
            return Ok(None);
        }
        let Some(row) = session.user else { return Ok(None) };
        let unread = usize::try_from(row.unread.unwrap_or(0)).unwrap_or(0);
        let user = row.into_user()?;
        if !user.active {
            return Ok(None);
        }
        let mut last_seen = session.last_seen;
        if now - session.last_seen > Duration::minutes(1) {
            // Requests of one session that meet here all refresh it at once: one of them is enough,
            // and the others' conflicts are no reason to refuse them.
            match self.db.query("UPDATE $sid SET last_seen = $now").bind(("sid", sid)).bind(("now", now)).await.and_then(|r| r.check()) {
                Ok(_) => last_seen = now,
                Err(e) if e.to_string().contains("can be retried") => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(Some(KeptSession { live: LiveSession { user, unread }, created_at: session.created_at, last_seen }))
    }

    /// Ends a session (signed out, or found expired), remembering whose it was for as long as a
    /// form sent with it is held (`Store::ended_session_user`).
    pub async fn end_session(&self, digest: &str) -> Result<(), StoreError> {
        self.db
            .query("LET $u = (SELECT VALUE user FROM ONLY $sid); DELETE $sid;")
            .query("IF $u != NONE { UPSERT $eid CONTENT { user: $u, ended_at: time::now() } RETURN NONE };")
            .query("DELETE ended_session WHERE ended_at < $old;")
            .bind(("sid", session_id(digest)))
            .bind(("eid", RecordId::new("ended_session", digest)))
            .bind(("old", Utc::now() - Duration::days(super::HELD_FOR_DAYS)))
            .await?
            .check()?;
        Ok(())
    }

    pub async fn sessions_of(&self, user: &User) -> Result<usize, StoreError> {
        let mut res = self
            .db
            .query("SELECT count() FROM session WHERE user = $uid GROUP ALL")
            .bind(("uid", user_id(&user.id)))
            .await?
            .check()?;
        let n: Option<i64> = res.take((0, "count"))?;
        Ok(n.unwrap_or(0) as usize)
    }

    /// Counts an attempt to sign in, unless one of its counts is already at its limit: then
    /// nothing is counted and the answer is `false`. Check and count are one transaction on one
    /// record per count, so attempts that arrive together take turns (the engine refuses all but
    /// one writer of a record and the others go again): at most the limit ever get `true`.
    pub async fn count_sign_in_attempt(&self, counts: &[AttemptCount]) -> Result<bool, StoreError> {
        let mut sql = String::from("BEGIN TRANSACTION;");
        for i in 0..counts.len() {
            sql.push_str(&format!(
                " LET $c{i} = (UPSERT ONLY $id{i} SET attempts += 1, until = $until{i} RETURN AFTER);\
                 IF $c{i}.attempts > $limit{i} {{ THROW \"{THROTTLED}\"; }};"
            ));
        }
        sql.push_str(" COMMIT TRANSACTION;");
        // Within this process the attempts take turns before they reach the engine (always in
        // the order account, address: no two attempts wait for each other's locks).
        let turns: Vec<_> = counts.iter().map(|c| self.attempts.of(&c.key)).collect();
        let mut held = Vec::with_capacity(turns.len());
        for turn in &turns {
            held.push(turn.lock().await);
        }
        let result = super::retrying(|| {
            let mut q = self.db.query(sql.as_str());
            for (i, c) in counts.iter().enumerate() {
                q = q
                    .bind((format!("id{i}"), RecordId::new("sign_in_count", c.key.as_str())))
                    .bind((format!("until{i}"), c.until))
                    .bind((format!("limit{i}"), i64::from(c.limit)));
            }
            q
        })
        .await;
        match result {
            Ok(_) => Ok(true),
            Err(e) if e.to_string().contains(THROTTLED) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// Takes back a counted attempt that signed in (a successful sign-in is no guess), and drops
    /// the counts of windows that have ended.
    pub async fn uncount_sign_in_attempt(&self, counts: &[AttemptCount], now: DateTime<Utc>) -> Result<(), StoreError> {
        let ids: Vec<RecordId> = counts.iter().map(|c| RecordId::new("sign_in_count", c.key.as_str())).collect();
        super::retrying(|| {
            self.db
                .query("UPDATE $ids SET attempts -= 1 WHERE attempts > 0; DELETE sign_in_count WHERE until < $now; DELETE device WHERE until < $now;")
                .bind(("ids", ids.clone()))
                .bind(("now", now))
        })
        .await?;
        Ok(())
    }

    /// Whether the browser whose device cookie has this digest signed in as `email` before.
    pub async fn known_device(&self, digest: &str, email: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let mut res = self
            .db
            .query("SELECT VALUE email FROM ONLY $did WHERE until > $now")
            .bind(("did", RecordId::new("device", digest)))
            .bind(("now", now))
            .await?
            .check()?;
        let found: Option<String> = res.take(0)?;
        Ok(found.as_deref() == Some(email))
    }

    /// Remembers that the browser with this device cookie signed in as `email`.
    pub async fn remember_device(&self, digest: &str, email: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
        self.db
            .query("UPSERT $did SET email = $email, until = $until")
            .bind(("did", RecordId::new("device", digest)))
            .bind(("email", email.to_string()))
            .bind(("until", now + DEVICE_LIFETIME))
            .await?
            .check()?;
        Ok(())
    }

    /// Appends a line to the audit log.
    pub async fn audit(&self, by: &Author, policy: Option<&str>, entity: &str, summary: &str) -> Result<(), StoreError> {
        let (actor, actor_name) = (author_record(by), by.name());
        let row = AuditRow {
            actor,
            actor_name,
            policy: policy.map(str::to_string),
            entity: entity.to_string(),
            summary: summary.to_string(),
        };
        self.db.query("CREATE audit CONTENT $row").bind(("row", row)).await?.check()?;
        Ok(())
    }
}
