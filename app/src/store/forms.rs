//! Forms held for their authors and the keys of forms already sent. A refused form, or one sent
//! after its session ended, is held here for its account and offered back by a short id (the
//! address carries the id, never the text); a form's key makes a second sending of the same form
//! find the first one's answer instead of storing it again. Both are kept for [`HELD_FOR_DAYS`]
//! days, and an account holds at most [`HELD_PER_ACCOUNT`] forms of at most [`HELD_FIELDS`] fields.
use chrono::{DateTime, Duration, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{Store, StoreError};

/// How long a held form, a form's key and an ended session are kept, in days.
pub const HELD_FOR_DAYS: i64 = 7;
/// The most forms an account has held at once (the oldest go first).
pub const HELD_PER_ACCOUNT: usize = 20;
/// The most fields a held form keeps (Pasos' largest form has fewer than 80).
pub const HELD_FIELDS: usize = 200;

/// A form that could not be accepted: the page and anchor of the form, the refusal's key, and
/// every field as typed (in the order they came).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeldForm {
    pub page: String,
    pub anchor: String,
    pub error: String,
    pub fields: Vec<(String, String)>,
}

/// What became of a form's key when a form arrived with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyTurn {
    /// The first sending: answer it, then [`Store::settle_form_key`].
    First,
    /// Sent before, and answered with this address.
    Answered(String),
    /// Sent before and still being answered.
    Pending,
}

#[derive(Debug, Clone, SurrealValue)]
struct Field {
    name: String,
    value: String,
}

#[derive(Debug, Clone, SurrealValue)]
struct HeldRow {
    owner: RecordId,
    page: String,
    anchor: String,
    error: String,
    fields: Vec<Field>,
    created_at: DateTime<Utc>,
}

/// A form's key is its account's and its address's: the same key elsewhere is another form.
fn form_key_id(user_id: &str, path: &str, key: &str) -> RecordId {
    RecordId::new("form_key", format!("{user_id}-{key}-{path}"))
}

impl Store {
    /// Holds `form` for the account `user_id` and returns its id (32 random hex digits). Only its
    /// first [`HELD_FIELDS`] fields are kept; the account's oldest held forms beyond
    /// [`HELD_PER_ACCOUNT`], and everyone's older than [`HELD_FOR_DAYS`], go on the way.
    pub async fn hold_form(&self, user_id: &str, form: &HeldForm) -> Result<String, StoreError> {
        let id = super::credentials::new_key();
        let owner = RecordId::new("user", user_id);
        let row = HeldRow {
            owner: owner.clone(),
            page: form.page.clone(),
            anchor: form.anchor.clone(),
            error: form.error.clone(),
            fields: form.fields.iter().take(HELD_FIELDS).map(|(name, value)| Field { name: name.clone(), value: value.clone() }).collect(),
            created_at: Utc::now(),
        };
        // Several refusals of one account at once meet on its held forms: the loser goes again
        // (an answer of 503 would lose what was typed). The statements are not one transaction,
        // so the form may be written already when a clean-up loses: going again writes the same
        // record over itself (UPSERT) rather than fail on it.
        super::retrying(|| {
            self.db
                .query("DELETE held_form WHERE created_at < $old;")
                .query("DELETE (SELECT VALUE id FROM held_form WHERE owner = $uid ORDER BY created_at DESC START $keep);")
                .query("UPSERT $rid CONTENT $row RETURN NONE")
                .bind(("old", Utc::now() - Duration::days(HELD_FOR_DAYS)))
                .bind(("uid", owner.clone()))
                .bind(("keep", (HELD_PER_ACCOUNT - 1) as i64))
                .bind(("rid", RecordId::new("held_form", id.as_str())))
                .bind(("row", row.clone()))
        })
        .await?;
        Ok(id)
    }

    /// The held form `id` of the account `user_id`, if it was held for the page at `path`;
    /// anyone else, or another page, finds nothing.
    pub async fn held_form(&self, id: &str, user_id: &str, path: &str) -> Result<Option<HeldForm>, StoreError> {
        let mut res = self
            .db
            .query("SELECT * OMIT id FROM ONLY $rid WHERE owner = $uid AND created_at > $old")
            .bind(("rid", RecordId::new("held_form", id)))
            .bind(("uid", RecordId::new("user", user_id)))
            .bind(("old", Utc::now() - Duration::days(HELD_FOR_DAYS)))
            .await?
            .check()?;
        let row: Option<HeldRow> = res.take(0)?;
        Ok(row.filter(|r| r.page.split('?').next() == Some(path)).map(|r| HeldForm {
            page: r.page,
            anchor: r.anchor,
            error: r.error,
            fields: r.fields.into_iter().map(|f| (f.name, f.value)).collect(),
        }))
    }

    /// Forgets the held form `id` of `user_id` (its text was sent again and accepted).
    pub async fn drop_held_form(&self, id: &str, user_id: &str) -> Result<(), StoreError> {
        self.db
            .query("DELETE $rid WHERE owner = $uid")
            .bind(("rid", RecordId::new("held_form", id)))
            .bind(("uid", RecordId::new("user", user_id)))
            .await?
            .check()?;
        Ok(())
    }

    /// The account whose session had the token digest `digest`, if it ended (expired or signed
    /// out) less than [`HELD_FOR_DAYS`] days ago.
    pub async fn ended_session_user(&self, digest: &str) -> Result<Option<String>, StoreError> {
        let mut res = self
            .db
            .query("SELECT VALUE record::id(user) FROM ONLY $eid WHERE ended_at > $old")
            .bind(("eid", RecordId::new("ended_session", digest)))
            .bind(("old", Utc::now() - Duration::days(HELD_FOR_DAYS)))
            .await?
            .check()?;
        Ok(res.take(0)?)
    }

    /// Takes `key` for a form `user_id` sends to `path`: the first sending gets
    /// [`KeyTurn::First`], any later one what the first was answered with. Keys older than
    /// [`HELD_FOR_DAYS`] are forgotten.
    pub async fn take_form_key(&self, user_id: &str, path: &str, key: &str) -> Result<KeyTurn, StoreError> {
        let rid = form_key_id(user_id, path, key);
        let mut res = self
            .db
            .query("DELETE form_key WHERE created_at < $old; CREATE $rid CONTENT { created_at: time::now() } RETURN NONE")
            .bind(("old", Utc::now() - Duration::days(HELD_FOR_DAYS)))
            .bind(("rid", rid.clone()))
            .await?;
        if res.take_errors().is_empty() {
            return Ok(KeyTurn::First);
        }
        let mut res = self.db.query("SELECT VALUE location FROM ONLY $rid").bind(("rid", rid)).await?.check()?;
        let location: Option<Option<String>> = res.take(0)?;
        Ok(match location.flatten() {
            Some(l) => KeyTurn::Answered(l),
            None => KeyTurn::Pending,
        })
    }

    /// Records where the first sending of a form led (`Some`), or frees its key for another try
    /// when it led nowhere (`None`: the server failed).
    pub async fn settle_form_key(&self, user_id: &str, path: &str, key: &str, location: Option<&str>) -> Result<(), StoreError> {
        let rid = form_key_id(user_id, path, key);
        let query = match location {
            Some(_) => "UPDATE $rid SET location = $l RETURN NONE",
            None => "DELETE $rid",
        };
        self.db.query(query).bind(("rid", rid)).bind(("l", location.map(str::to_string))).await?.check()?;
        Ok(())
    }
}
