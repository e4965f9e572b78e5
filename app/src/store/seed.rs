//! Loading the real 2023 history. Idempotent: what exists is left as it is.
use surrealdb::types::{RecordId, SurrealValue};

use crate::domain::PolicyStart;
use super::{Store, StoreError};
use super::demo;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub policies_created: usize,
    pub jurisdictions_created: usize,
    pub accounts_created: usize,
}

#[derive(SurrealValue)]
struct JurisdictionRow {
    id: RecordId,
    ubigeo: String,
    name: String,
    cdrpeti_2023: String,
}

impl Store {
    /// Whether the database holds no policy and no jurisdiction (a first start).
    pub async fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.count("policy").await? == 0 && self.count("jurisdiction").await? == 0)
    }

    /// Creates the demo policies, jurisdictions and accounts that are missing; never overwrites.
    /// Demo accounts get `demo_password`.
    pub async fn seed_demo(&self, demo_password: &str) -> Result<SeedReport, StoreError> {
        let mut report = SeedReport::default();
        for d in demo::policies() {
            if self.policy(&d.policy.code).await?.is_some() {
                continue;
            }
            let start = PolicyStart { states: d.states, bodies: d.bodies, events: d.events };
            match self.create_policy_with(d.policy, start).await {
                Ok(_) => report.policies_created += 1,
                // Another instance seeded it at the same moment: that is the outcome we want.
                Err(StoreError::DuplicatePolicy(_)) => {}
                Err(e) => return Err(e),
            }
        }
        for j in demo::jurisdictions() {
            let row = JurisdictionRow {
                id: RecordId::new("jurisdiction", j.ubigeo.as_str()),
                ubigeo: j.ubigeo,
                name: j.name,
                cdrpeti_2023: j.cdrpeti_2023.key().to_string(),
            };
            // INSERT IGNORE keeps an existing row untouched and reports only what it created.
            let mut res = self.db.query("INSERT IGNORE INTO jurisdiction $row").bind(("row", row)).await?.check()?;
            let created: Vec<surrealdb::types::Value> = res.take(0)?;
            report.jurisdictions_created += created.len();
        }
        let seeder = crate::domain::Author::System(demo::SEEDER);
        if self.policy("PNMPETI").await?.is_some() && self.rounds(Some("PNMPETI"), Some(2)).await?.is_empty() {
            let (round, examples) = demo::workshop_round();
            let id = self.create_round_with_version("PNMPETI", 2, None, &round, &seeder, true).await?;
            for (step, region, body) in examples {
                let contribution = crate::domain::NewContribution {
                    parent: None,
                    author: seeder.clone(),
                    author_name: demo::WORKSHOP_AUTHOR.into(),
                    organisation: None,
                    jurisdiction: Some(region.into()),
                    channel: crate::domain::rounds::Channel::Taller,
                    step,
                    anchor: None,
                    passage: None,
                    body: body.into(),
                    received_on: Some(round.opens + chrono::Duration::days(20)),
                    source_document: None,
                    recorded_by: Some(demo::RECORDED_BY.into()),
                    illustrative: true,
                    workshop: None,
                };
                self.add_contribution(&id, contribution).await?;
            }
        }
        if self.policy("PNTP").await?.is_some() && self.items("PNTP").await?.is_empty() {
            self.seed_pntp_followup(&seeder).await?;
        }
        for account in demo::accounts() {
            let account = account.validate().map_err(|e| StoreError::Corrupt(e.to_string()))?;
            if self.user_by_email(&account.email).await?.is_some() {
                continue;
            }
            let hash = crate::store::credentials::hash_password(demo_password).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            match self.create_user(account, hash, &seeder).await {
                Ok(_) => report.accounts_created += 1,
                Err(StoreError::DuplicateEmail(_)) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(report)
    }

    /// The PNTP's structure as far as the report gives it, and its follow-up of 2023 with the one
    /// figure the report gives (`demo::pntp_followup`).
    async fn seed_pntp_followup(&self, seeder: &crate::domain::Author) -> Result<(), StoreError> {
        use std::collections::{BTreeMap, HashMap};
        let (items, values) = demo::pntp_followup();
        self.set_scheme("PNTP", crate::domain::structure::CodeScheme::Own, seeder).await?;
        let mut ids: HashMap<&str, String> = HashMap::new();
        for d in &items {
            let fields: BTreeMap<String, String> = d.values.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            let targets: BTreeMap<u16, String> = d.targets.iter().map(|(y, v)| (*y, v.to_string())).collect();
            let parent = d.parent.and_then(|p| ids.get(p)).map(String::as_str);
            let new = crate::store::NewItem { typed_code: Some(d.code), ..crate::store::NewItem::new(d.kind, parent, &fields).targets(&targets) };
            match self.add_item("PNTP", new, seeder).await? {
                Ok(item) => ids.insert(d.key, item.id),
                Err(_) => return Err(StoreError::Corrupt(format!("PNTP {}", d.code))),
            };
        }
        for (key, year, value, source, data_date, explanation) in values {
            if self.period("PNTP", year).await?.is_none() {
                self.open_period("PNTP", year, crate::domain::followup::Thresholds::default(), seeder).await?;
            }
            let indicator = ids.get(key).ok_or_else(|| StoreError::Corrupt(key.to_string()))?;
            let value = crate::domain::quantity::parse(value).map(|q| q.text()).unwrap_or_else(|| value.to_string());
            let new = crate::domain::followup::NewValue { value, source, data_date, explanation: explanation.into(), provisional: false };
            self.record_value("PNTP", year, indicator, &new, None, seeder).await?;
        }
        Ok(())
    }

    /// The 26 jurisdictions, in ubigeo order.
    pub async fn jurisdictions(&self) -> Result<Vec<crate::domain::Jurisdiction>, StoreError> {
        #[derive(SurrealValue)]
        struct Row {
            ubigeo: String,
            name: String,
            cdrpeti_2023: String,
        }
        let mut res = self
            .db
            .query("SELECT ubigeo, name, cdrpeti_2023 FROM jurisdiction ORDER BY ubigeo")
            .await?
            .check()?;
        let rows: Vec<Row> = res.take(0)?;
        rows.into_iter()
            .map(|r| {
                let state = crate::domain::CdrpetiState::from_key(&r.cdrpeti_2023)
                    .ok_or_else(|| StoreError::Corrupt(r.cdrpeti_2023.clone()))?;
                Ok(crate::domain::Jurisdiction { ubigeo: r.ubigeo, name: r.name, cdrpeti_2023: state })
            })
            .collect()
    }

    /// (ubigeo, name) of every jurisdiction, for naming them and for the forms.
    pub async fn jurisdiction_names(&self) -> Result<Vec<(String, String)>, StoreError> {
        Ok(self.jurisdictions().await?.into_iter().map(|j| (j.ubigeo, j.name)).collect())
    }
}
