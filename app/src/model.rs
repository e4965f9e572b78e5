//! What the pages receive from the server: plain serde types, the same on both sides.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{step_state, DeliverableState, Policy, PolicyEvent, Role, StepState};

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub policy: Option<String>,
    pub entity: String,
    pub summary: String,
}

/// Which audit lines to show: by user (id), policy code and Lima calendar days (inclusive).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub user_id: Option<String>,
    pub policy: Option<String>,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub total: usize,
    pub page: usize,
    pub page_size: usize,
}

impl AuditPage {
    pub fn pages(&self) -> usize {
        self.total.div_ceil(self.page_size.max(1)).max(1)
    }
}

/// An account (never with its password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    pub email: String,
    pub name: String,
    pub organisation: Option<String>,
    pub jurisdiction: Option<String>,
    pub roles: Vec<Role>,
    pub policies: Vec<String>,
    pub active: bool,
}

impl User {
    /// This user as the permission rule sees them.
    pub fn actor(&self) -> crate::domain::Actor {
        crate::domain::Actor {
            user_id: self.id.clone(),
            roles: self.roles.clone(),
            policies: self.policies.clone(),
            jurisdiction: self.jurisdiction.clone(),
            organisation: self.organisation.clone(),
        }
    }
}

/// The signed-in user, as the page header shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub name: String,
    pub email: String,
    pub roles: Vec<Role>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepOverview {
    pub number: u8,
    pub has_text: bool,
    pub state: StepState,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeliverableOverview {
    pub number: u8,
    pub state: DeliverableState,
    pub steps: Vec<StepOverview>,
}

impl DeliverableOverview {
    /// Builds a deliverable's overview; each step's state derives from its text and the deliverable.
    pub fn new(number: u8, state: DeliverableState, steps_with_text: &[(u8, bool)]) -> Self {
        let steps = steps_with_text
            .iter()
            .map(|&(number, has_text)| StepOverview { number, has_text, state: step_state(has_text, state) })
            .collect();
        Self { number, state, steps }
    }

    pub fn steps_delivered(&self) -> usize {
        self.steps.iter().filter(|s| s.state == StepState::Entregado).count()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PolicyOverview {
    pub policy: Policy,
    pub deliverables: Vec<DeliverableOverview>,
    pub last_event: Option<PolicyEvent>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PolicyDetail {
    pub overview: PolicyOverview,
    /// The dated history, oldest first.
    pub events: Vec<PolicyEvent>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepPage {
    pub policy_code: String,
    pub policy_name: String,
    pub number: u8,
    pub deliverable: u8,
    pub deliverable_state: DeliverableState,
    pub state: StepState,
    /// Sanitised HTML rendered on the server; empty when the step has no text.
    pub body_html: String,
    pub updated_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delivered_steps_count() {
        let d = DeliverableOverview::new(1, DeliverableState::EnLevantamiento, &[(1, true), (2, false)]);
        assert_eq!(d.steps_delivered(), 2);
        let d = DeliverableOverview::new(2, DeliverableState::EnElaboracion, &[(3, true), (4, false)]);
        assert_eq!(d.steps_delivered(), 0);
        assert_eq!(d.steps[0].state, StepState::EnElaboracion);
        assert_eq!(d.steps[1].state, StepState::NoIniciado);
    }
}

/// What the account administration page needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminUsers {
    pub users: Vec<User>,
    pub total: usize,
    pub page: usize,
    pub page_size: usize,
    /// (ubigeo, name) of every jurisdiction, for the forms.
    pub jurisdictions: Vec<(String, String)>,
    /// Codes of every policy, for the forms.
    pub policies: Vec<String>,
    /// One-time messages for this session (a temporary password, shown once).
    pub flash: Vec<(String, Option<String>)>,
}

/// The audit page: a page of entries and the accounts to filter by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminAudit {
    pub page: AuditPage,
    /// (id, name) of every account.
    pub users: Vec<(String, String)>,
    pub policies: Vec<String>,
}
