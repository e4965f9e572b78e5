//! Account administration, the audit log as read back, and one-time messages.
use chrono::{DateTime, Duration, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{Store, StoreError};
use crate::domain::{Author, User};
use crate::domain::NewUser;
use crate::domain::{AuditEntry, AuditFilter, AuditPage};

/// What the transaction that changes an account throws when it would leave no administrator.
const LAST_ADMIN: &str = "sin-administrador";

/// Rows per page of the audit log.
pub const AUDIT_PAGE_SIZE: usize = 50;

#[derive(Debug, Clone, SurrealValue)]
struct AuditReadRow {
    at: DateTime<Utc>,
    actor_name: String,
    #[surreal(default)]
    policy: Option<String>,
    entity: String,
    summary: String,
}

#[derive(Debug, Clone, SurrealValue)]
struct FlashRow {
    session: String,
    message: String,
    #[surreal(default)]
    secret: Option<String>,
    created_at: DateTime<Utc>,
}


impl Store {
    pub async fn user_by_id(&self, id: &str) -> Result<Option<User>, StoreError> {
        self.user_where("id = $uid", ("uid", RecordId::new("user", id))).await
    }

    /// Applies an administrator's changes (validated as a `NewUser`); deactivating ends every session.
    /// Changes an account; refused with [`StoreError::LastAdmin`] when no active administrator
    /// would be left.
    pub async fn update_user(&self, user: &User, changes: NewUser, active: bool, by: &Author) -> Result<User, StoreError> {
        let uid = RecordId::new("user", user.id.as_str());
        let roles: Vec<String> = changes.roles.iter().map(|r| r.key().to_string()).collect();
        let mut script = String::from(
            "BEGIN TRANSACTION; UPDATE $uid SET name = $name, organisation = $org, jurisdiction = $jur, \
             roles = $roles, policies = $policies, active = $active;",
        );
        if !active {
            script.push_str(" DELETE session WHERE user = $uid;");
        }
        // In the same transaction, so that two administrators removing each other at once cannot
        // both succeed: Pasos always keeps an active administrator.
        script.push_str(&format!(
            " LET $admins = (SELECT VALUE id FROM user WHERE active = true AND roles CONTAINS 'admin'); \
             IF array::len($admins) = 0 {{ THROW '{LAST_ADMIN}'; }}; COMMIT TRANSACTION;"
        ));
        let result = super::retrying(|| {
            self.db
                .query(script.as_str())
                .bind(("uid", uid.clone()))
                .bind(("name", changes.name.clone()))
                .bind(("org", changes.organisation.clone()))
                .bind(("jur", changes.jurisdiction.clone()))
                .bind(("roles", roles.clone()))
                .bind(("policies", changes.policies.clone()))
                .bind(("active", active))
        })
        .await;
        match result {
            Err(e) if e.to_string().contains(LAST_ADMIN) => return Err(StoreError::LastAdmin),
            other => {
                other?;
            }
        }
        let summary = crate::i18n::t().audit_account_changed(&user.email, &roles.join(", "), active);
        self.audit(by, None, "usuario", &summary).await?;
        self.user_by_id(&user.id).await?.ok_or_else(|| StoreError::Corrupt("usuario".into()))
    }

    /// One page (1-based) of the audit log, newest first, with the number of matching rows.
    pub async fn audit_page(&self, filter: &AuditFilter, page: usize) -> Result<AuditPage, StoreError> {
        let mut conditions = Vec::new();
        if filter.user_id.is_some() {
            conditions.push("actor = $actor");
        }
        if filter.policy.is_some() {
            conditions.push("policy = $policy");
        }
        if filter.from.is_some() {
            conditions.push("at >= $from");
        }
        if filter.to.is_some() {
            conditions.push("at < $to");
        }
        let where_clause =
            if conditions.is_empty() { String::new() } else { format!(" WHERE {}", conditions.join(" AND ")) };
        let page = page.max(1);
        let lima = crate::domain::time::lima();
        // Dates are Lima calendar days: from its first instant to the first instant of the day after `to`.
        let day_start = |d: chrono::NaiveDate| {
            d.and_hms_opt(0, 0, 0).and_then(|t| t.and_local_timezone(lima).single()).map(|t| t.with_timezone(&Utc))
        };
        let mut res = self
            .db
            .query(format!(
                "SELECT at, actor_name, policy, entity, summary FROM audit{where_clause} ORDER BY at DESC LIMIT $limit START $start"
            ))
            .query(format!("SELECT count() FROM audit{where_clause} GROUP ALL"))
            .bind(("actor", filter.user_id.as_ref().map(|id| RecordId::new("user", id.as_str()))))
            .bind(("policy", filter.policy.clone()))
            .bind(("from", filter.from.and_then(day_start)))
            .bind(("to", filter.to.and_then(|d| d.succ_opt()).and_then(day_start)))
            .bind(("limit", AUDIT_PAGE_SIZE as i64))
            .bind(("start", ((page - 1) * AUDIT_PAGE_SIZE) as i64))
            .await?
            .check()?;
        let rows: Vec<AuditReadRow> = res.take(0)?;
        let total: Option<i64> = res.take((1, "count"))?;
        Ok(AuditPage {
            entries: rows
                .into_iter()
                .map(|r| AuditEntry { at: r.at, actor: r.actor_name, policy: r.policy, entity: r.entity, summary: r.summary })
                .collect(),
            total: total.unwrap_or(0) as usize,
            page,
            page_size: AUDIT_PAGE_SIZE,
        })
    }

    /// Leaves a message (and possibly a secret) for the next page this session loads.
    pub async fn put_flash(&self, session: &str, message: &str, secret: Option<String>) -> Result<(), StoreError> {
        let row = FlashRow { session: session.to_string(), message: message.to_string(), secret, created_at: Utc::now() };
        self.db.query("CREATE flash CONTENT $row").bind(("row", row)).await?.check()?;
        Ok(())
    }

    /// Takes (reads and deletes, in one statement, so a message is shown once) the session's
    /// messages; those older than ten minutes are dropped unseen.
    pub async fn take_flash(&self, session: &str) -> Result<Vec<(String, Option<String>)>, StoreError> {
        let mut res = self
            .db
            .query("DELETE flash WHERE session = $s RETURN BEFORE")
            .bind(("s", session.to_string()))
            .await?
            .check()?;
        let mut rows: Vec<FlashRow> = res.take(0)?;
        rows.sort_by_key(|r| r.created_at);
        let since = Utc::now() - Duration::minutes(10);
        Ok(rows.into_iter().filter(|r| r.created_at > since).map(|r| (r.message, r.secret)).collect())
    }

    /// Takes the session's one-time secret left under `message`, leaving other messages alone.
    pub async fn take_flash_named(&self, session: &str, message: &str) -> Result<Option<String>, StoreError> {
        let mut res = self
            .db
            .query("DELETE flash WHERE session = $s AND message = $m RETURN BEFORE")
            .bind(("s", session.to_string()))
            .bind(("m", message.to_string()))
            .await?
            .check()?;
        let mut rows: Vec<FlashRow> = res.take(0)?;
        rows.sort_by_key(|r| r.created_at);
        Ok(rows.pop().and_then(|r| r.secret))
    }
}
