//! Forms held for their authors and the keys of forms already sent. A refused form, or one sent
//! after its session expired, is held here and offered back by a short id (the address carries
//! the id, never the text); a form's key makes a second sending of the same form find the first
//! one's answer instead of storing it again. Both are kept for [`HELD_FOR_DAYS`] days.
use chrono::{DateTime, Duration, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{Store, StoreError};

/// How long a held form and a form's key are kept, in days.
pub const HELD_FOR_DAYS: i64 = 7;

/// A form that could not be accepted: the page and anchor of the form, the refusal's key, and
/// every field as typed (in the order they came).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeldForm {
    pub page: String,
    pub anchor: String,
    pub error: String,
    pub fields: Vec<(String, String)>,
}

/// Whose a held form is: an account's, or (sent signed out) the browser's holding the cookie
/// whose digest is given, until an account signs in there.
#[derive(Debug, Clone, Copy)]
pub enum Holder<'a> {
    User(&'a str),
    Browser(&'a str),
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
    #[surreal(default)]
    owner: Option<RecordId>,
    #[surreal(default)]
    claim: Option<String>,
    page: String,
    anchor: String,
    error: String,
    fields: Vec<Field>,
    created_at: DateTime<Utc>,
}

fn form_key_id(user_id: &str, key: &str) -> RecordId {
    RecordId::new("form_key", format!("{user_id}-{key}"))
}

impl Store {
    /// Holds `form` for `holder` and returns its id (32 random hex digits). Forms older than
    /// [`HELD_FOR_DAYS`] go on the way.
    pub async fn hold_form(&self, holder: Holder<'_>, form: &HeldForm) -> Result<String, StoreError> {
        let id = super::credentials::new_key();
        let (owner, claim) = match holder {
            Holder::User(u) => (Some(RecordId::new("user", u)), None),
            Holder::Browser(digest) => (None, Some(digest.to_string())),
        };
        let row = HeldRow {
            owner,
            claim,
            page: form.page.clone(),
            anchor: form.anchor.clone(),
            error: form.error.clone(),
            fields: form.fields.iter().map(|(name, value)| Field { name: name.clone(), value: value.clone() }).collect(),
            created_at: Utc::now(),
        };
        self.db
            .query("DELETE held_form WHERE created_at < $old; CREATE $rid CONTENT $row RETURN NONE")
            .bind(("old", Utc::now() - Duration::days(HELD_FOR_DAYS)))
            .bind(("rid", RecordId::new("held_form", id.as_str())))
            .bind(("row", row))
            .await?
            .check()?;
        Ok(id)
    }

    /// The held form `id`, for its account only. One held by a browser (sent signed out) becomes
    /// the account's when `claim` is that browser's cookie digest; anyone else finds nothing.
    pub async fn held_form(&self, id: &str, user_id: &str, claim: Option<&str>) -> Result<Option<HeldForm>, StoreError> {
        let mut res = self
            .db
            .query("UPDATE $rid SET owner = $uid, claim = NONE WHERE owner = NONE AND claim != NONE AND claim = $claim RETURN NONE;")
            .query("SELECT * OMIT id FROM ONLY $rid WHERE owner = $uid AND created_at > $old")
            .bind(("rid", RecordId::new("held_form", id)))
            .bind(("uid", RecordId::new("user", user_id)))
            .bind(("claim", claim.map(str::to_string)))
            .bind(("old", Utc::now() - Duration::days(HELD_FOR_DAYS)))
            .await?
            .check()?;
        let row: Option<HeldRow> = res.take(1)?;
        Ok(row.map(|r| HeldForm {
            page: r.page,
            anchor: r.anchor,
            error: r.error,
            fields: r.fields.into_iter().map(|f| (f.name, f.value)).collect(),
        }))
    }

    /// Takes `key` for a form `user_id` sends: the first sending gets [`KeyTurn::First`], any
    /// later one what the first was answered with. Keys older than [`HELD_FOR_DAYS`] are forgotten.
    pub async fn take_form_key(&self, user_id: &str, key: &str) -> Result<KeyTurn, StoreError> {
        let rid = form_key_id(user_id, key);
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
    pub async fn settle_form_key(&self, user_id: &str, key: &str, location: Option<&str>) -> Result<(), StoreError> {
        let rid = form_key_id(user_id, key);
        let query = match location {
            Some(_) => "UPDATE $rid SET location = $l RETURN NONE",
            None => "DELETE $rid",
        };
        self.db.query(query).bind(("rid", rid)).bind(("l", location.map(str::to_string))).await?.check()?;
        Ok(())
    }
}
