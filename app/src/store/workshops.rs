//! The workshops of policies, their actas and attendance lists.
use chrono::{DateTime, NaiveDate, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::ids::policy_id;
use super::policies::corrupt;
use super::{Store, StoreError};
use crate::domain::workshop::{counts, Attendee, AttendeeInfo, EntityType, Modality, Sex, Workshop, WorkshopInfo, WorkshopSummary};
use crate::domain::{Author, DatePrecision, EventDate};

#[derive(Debug, Clone, SurrealValue)]
struct WorkshopRow {
    title: String,
    date: String,
    precision: String,
    last_day: Option<String>,
    modality: Option<String>,
    place: Option<String>,
    purpose: Option<String>,
    deliverable: Option<i64>,
    version: Option<i64>,
    steps: Vec<i64>,
    round: Option<String>,
    jurisdictions: Vec<String>,
    organisations: Option<String>,
}

#[derive(Debug, Clone, SurrealValue)]
struct WorkshopNew {
    policy: RecordId,
    recorded_by: String,
    created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, SurrealValue)]
struct WorkshopReadRow {
    id: String,
    code: String,
    title: String,
    date: String,
    precision: String,
    #[surreal(default)]
    last_day: Option<String>,
    #[surreal(default)]
    modality: Option<String>,
    #[surreal(default)]
    place: Option<String>,
    #[surreal(default)]
    purpose: Option<String>,
    #[surreal(default)]
    deliverable: Option<i64>,
    #[surreal(default)]
    version: Option<i64>,
    steps: Vec<i64>,
    #[surreal(default)]
    round: Option<String>,
    jurisdictions: Vec<String>,
    #[surreal(default)]
    organisations: Option<String>,
    minutes: String,
    minutes_version: i64,
    #[surreal(default)]
    call_version: i64,
    recorded_by: String,
}

#[derive(Debug, Clone, SurrealValue)]
struct AttendeeRow {
    id: RecordId,
    workshop: RecordId,
    name: String,
    position: Option<String>,
    entity: Option<String>,
    entity_type: Option<String>,
    jurisdiction: Option<String>,
    sex: Option<String>,
    created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, SurrealValue)]
struct AttendeeReadRow {
    id: String,
    workshop: String,
    name: String,
    #[surreal(default)]
    position: Option<String>,
    #[surreal(default)]
    entity: Option<String>,
    #[surreal(default)]
    entity_type: Option<String>,
    #[surreal(default)]
    jurisdiction: Option<String>,
    #[surreal(default)]
    sex: Option<String>,
}

fn day(s: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| corrupt(s))
}

fn workshop_id(id: &str) -> RecordId {
    RecordId::new("workshop", id)
}

const WORKSHOP_FIELDS: &str = "record::id(id) AS id, record::id(policy) AS code, title, date, precision, last_day, modality, place, purpose, \
    deliverable, version, steps, round, jurisdictions, organisations, minutes, minutes_version, call_version, recorded_by";
const ATTENDEE_FIELDS: &str = "record::id(id) AS id, record::id(workshop) AS workshop, name, position, entity, entity_type, jurisdiction, sex";

impl WorkshopRow {
    fn of(w: &Workshop) -> WorkshopRow {
        WorkshopRow {
            title: w.title.clone(),
            date: w.date.date.to_string(),
            precision: w.date.precision.key().to_string(),
            last_day: w.last_day.map(|d| d.to_string()),
            modality: w.modality.map(|m| m.key().to_string()),
            place: w.place.clone(),
            purpose: w.purpose.clone(),
            deliverable: w.version.map(|v| v.0.into()),
            version: w.version.map(|v| v.1.into()),
            steps: w.steps.iter().map(|s| i64::from(*s)).collect(),
            round: w.round.clone(),
            jurisdictions: w.jurisdictions.clone(),
            organisations: w.organisations.clone(),
        }
    }
}

impl WorkshopReadRow {
    fn into_info(self) -> Result<WorkshopInfo, StoreError> {
        let precision = DatePrecision::from_key(&self.precision).ok_or_else(|| corrupt(&self.precision))?;
        let workshop = Workshop {
            title: self.title,
            date: EventDate { date: day(&self.date)?, precision, until: None },
            last_day: self.last_day.as_deref().map(day).transpose()?,
            modality: self.modality.as_deref().map(|m| Modality::from_key(m).ok_or_else(|| corrupt(m))).transpose()?,
            place: self.place,
            purpose: self.purpose,
            version: self.deliverable.zip(self.version).map(|(n, v)| (n as u8, v as u32)),
            steps: self.steps.into_iter().map(|s| s as u8).collect(),
            round: self.round,
            jurisdictions: self.jurisdictions,
            organisations: self.organisations,
        };
        Ok(WorkshopInfo {
            id: self.id,
            policy_code: self.code,
            workshop,
            minutes: self.minutes,
            minutes_version: self.minutes_version as u32,
            call_version: self.call_version as u32,
            recorded_by: self.recorded_by,
        })
    }
}

impl AttendeeReadRow {
    fn into_info(self) -> Result<(String, AttendeeInfo), StoreError> {
        let attendee = Attendee {
            name: self.name,
            position: self.position,
            entity: self.entity,
            entity_type: self.entity_type.as_deref().map(|t| EntityType::from_key(t).ok_or_else(|| corrupt(t))).transpose()?,
            jurisdiction: self.jurisdiction,
            sex: self.sex.as_deref().map(|s| Sex::from_key(s).ok_or_else(|| corrupt(s))).transpose()?,
        };
        Ok((self.workshop, AttendeeInfo { id: self.id, attendee }))
    }
}

/// An attendee's id: the workshop's and the person's key, digested (hex, 32 digits).
fn attendee_key(workshop: &str, a: &Attendee) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(format!("{workshop}\n{}", a.key()).as_bytes());
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

impl Store {
    /// Records a workshop of a policy; its id.
    pub async fn add_workshop(&self, code: &str, w: &Workshop, by: &Author) -> Result<String, StoreError> {
        let id = super::credentials::new_key();
        let new = WorkshopNew { policy: policy_id(code), recorded_by: by.name(), created_at: Utc::now() };
        self.db
            .query("CREATE $wid CONTENT object::extend($new, $row)")
            .bind(("wid", workshop_id(&id)))
            .bind(("new", new))
            .bind(("row", WorkshopRow::of(w)))
            .await?
            .check()?;
        self.audit(by, Some(code), "taller", &crate::i18n::t().audit_workshop(&w.title)).await?;
        Ok(id)
    }

    /// A policy's workshops, by their first day.
    pub async fn workshops(&self, code: &str) -> Result<Vec<WorkshopInfo>, StoreError> {
        let rows: Vec<WorkshopReadRow> = self
            .db
            .query(format!("SELECT {WORKSHOP_FIELDS}, created_at FROM workshop WHERE policy = $pid ORDER BY date, created_at"))
            .bind(("pid", policy_id(code)))
            .await?
            .take(0)?;
        rows.into_iter().map(WorkshopReadRow::into_info).collect()
    }

    /// A workshop.
    pub async fn workshop(&self, id: &str) -> Result<Option<WorkshopInfo>, StoreError> {
        let row: Option<WorkshopReadRow> = self.db.query(format!("SELECT {WORKSHOP_FIELDS} FROM ONLY $wid")).bind(("wid", workshop_id(id))).await?.take(0)?;
        row.map(WorkshopReadRow::into_info).transpose()
    }

    /// Corrects a workshop's call over version `base` of it. `Ok(false)`: it was corrected
    /// meanwhile by someone else, and nothing was written.
    pub async fn correct_workshop(&self, w: &WorkshopInfo, new: &Workshop, base: u32, by: &Author) -> Result<bool, StoreError> {
        let saved: Vec<i64> = self
            .db
            .query(
                "UPDATE $wid SET title = $row.title, date = $row.date, precision = $row.precision, last_day = $row.last_day, modality = $row.modality, \
                 place = $row.place, purpose = $row.purpose, deliverable = $row.deliverable, version = $row.version, steps = $row.steps, round = $row.round, \
                 jurisdictions = $row.jurisdictions, organisations = $row.organisations, call_version += 1 \
                 WHERE call_version = $base RETURN VALUE call_version",
            )
            .bind(("wid", workshop_id(&w.id)))
            .bind(("row", WorkshopRow::of(new)))
            .bind(("base", i64::from(base)))
            .await?
            .take(0)?;
        if saved.is_empty() {
            return Ok(false);
        }
        self.audit(by, Some(&w.policy_code), "taller", &crate::i18n::t().audit_call(&new.title)).await?;
        Ok(true)
    }

    /// Saves a workshop's acta over version `base`. `Ok(false)`: it was saved meanwhile by
    /// someone else, and nothing was written.
    pub async fn save_minutes(&self, w: &WorkshopInfo, text: &str, base: u32, by: &Author) -> Result<bool, StoreError> {
        let saved: Vec<i64> = self
            .db
            .query("UPDATE $wid SET minutes = $text, minutes_version += 1 WHERE minutes_version = $base RETURN VALUE minutes_version")
            .bind(("wid", workshop_id(&w.id)))
            .bind(("text", text.to_string()))
            .bind(("base", i64::from(base)))
            .await?
            .take(0)?;
        if saved.is_empty() {
            return Ok(false);
        }
        self.audit(by, Some(&w.policy_code), "taller", &crate::i18n::t().audit_minutes(&w.workshop.title)).await?;
        Ok(true)
    }

    /// The attendance lists of a policy's workshops: (workshop id, attendee), in the order recorded.
    pub async fn attendance(&self, code: &str) -> Result<Vec<(String, AttendeeInfo)>, StoreError> {
        self.attendee_rows("workshop.policy", policy_id(code)).await
    }

    /// A workshop's attendance list, in the order recorded.
    pub async fn attendees(&self, workshop: &str) -> Result<Vec<AttendeeInfo>, StoreError> {
        Ok(self.attendee_rows("workshop", workshop_id(workshop)).await?.into_iter().map(|(_, a)| a).collect())
    }

    /// The attendees whose `field` (a fixed path, never typed) is `id`, in the order recorded.
    async fn attendee_rows(&self, field: &'static str, id: RecordId) -> Result<Vec<(String, AttendeeInfo)>, StoreError> {
        let rows: Vec<AttendeeReadRow> = self
            .db
            .query(format!("SELECT {ATTENDEE_FIELDS}, created_at FROM attendee WHERE {field} = $id ORDER BY created_at, name"))
            .bind(("id", id))
            .await?
            .take(0)?;
        rows.into_iter().map(AttendeeReadRow::into_info).collect()
    }

    /// Adds people to a workshop's attendance list, all or none; a person listed already (same
    /// name and entity, however spelled) is not added again. How many were added.
    pub async fn add_attendees(&self, w: &WorkshopInfo, people: &[Attendee], by: &Author) -> Result<usize, StoreError> {
        let now = Utc::now();
        let mut seen = std::collections::HashSet::new();
        let rows: Vec<AttendeeRow> = people
            .iter()
            .filter(|a| seen.insert(a.key()))
            .enumerate()
            .map(|(i, a)| AttendeeRow {
                id: RecordId::new("attendee", attendee_key(&w.id, a)),
                workshop: workshop_id(&w.id),
                name: a.name.clone(),
                position: a.position.clone(),
                entity: a.entity.clone(),
                entity_type: a.entity_type.map(|t| t.key().to_string()),
                jurisdiction: a.jurisdiction.clone(),
                sex: a.sex.map(|s| s.key().to_string()),
                // One sheet keeps its order.
                created_at: now + chrono::Duration::microseconds(i as i64),
            })
            .collect();
        let added: Vec<RecordId> = self.db.query("INSERT IGNORE INTO attendee $rows RETURN VALUE id").bind(("rows", rows)).await?.take(0)?;
        if !added.is_empty() {
            self.audit(by, Some(&w.policy_code), "taller", &crate::i18n::t().audit_attendance(&w.workshop.title, added.len())).await?;
        }
        Ok(added.len())
    }

    /// Takes a person off a workshop's list. `Ok(None)`: not on it.
    pub async fn remove_attendee(&self, w: &WorkshopInfo, attendee: &str, by: &Author) -> Result<Option<String>, StoreError> {
        let removed: Vec<String> = self
            .db
            .query("DELETE $aid WHERE workshop = $wid RETURN BEFORE")
            .bind(("aid", RecordId::new("attendee", attendee)))
            .bind(("wid", workshop_id(&w.id)))
            .await?
            .take::<Vec<AttendeeReadRowName>>(0)?
            .into_iter()
            .map(|r| r.name)
            .collect();
        let Some(name) = removed.into_iter().next() else { return Ok(None) };
        self.audit(by, Some(&w.policy_code), "taller", &crate::i18n::t().audit_attendee_removed(&w.workshop.title)).await?;
        Ok(Some(name))
    }

    /// What the progress report tells of a policy's workshops held by `day` (a call recorded
    /// ahead is not told as done): each with its counts and the contributions received in it.
    pub async fn workshop_summaries(&self, code: &str, day: NaiveDate) -> Result<Vec<WorkshopSummary>, StoreError> {
        let (mut workshops, attendance) = tokio::try_join!(self.workshops(code), self.attendance(code))?;
        workshops.retain(|w| w.workshop.held_by(day));
        let received = self.workshop_contributions(&workshops.iter().map(|w| w.id.clone()).collect::<Vec<_>>()).await?;
        Ok(workshops
            .into_iter()
            .map(|w| {
                let people: Vec<Attendee> = attendance.iter().filter(|(id, _)| *id == w.id).map(|(_, a)| a.attendee.clone()).collect();
                WorkshopSummary { counts: counts(&people), contributions: received.get(&w.id).copied().unwrap_or(0), workshop: w.workshop }
            })
            .collect())
    }

    /// How many contributions each of a policy's workshops received: (workshop id, count).
    pub async fn workshop_contributions(&self, ids: &[String]) -> Result<std::collections::HashMap<String, usize>, StoreError> {
        let rows: Vec<WorkshopCount> = self
            .db
            .query("SELECT workshop, count() AS n FROM contribution WHERE workshop IN $ids GROUP BY workshop")
            .bind(("ids", ids.to_vec()))
            .await?
            .take(0)?;
        Ok(rows.into_iter().map(|r| (r.workshop, r.n.max(0) as usize)).collect())
    }
}

#[derive(Debug, Clone, SurrealValue)]
struct AttendeeReadRowName {
    name: String,
}

#[derive(Debug, Clone, SurrealValue)]
struct WorkshopCount {
    workshop: String,
    n: i64,
}
