//! A national policy under formulation and the rules for creating one.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{step_state, DeliverableState, PolicyEvent, StepState};

/// A *Política Nacional* as the team registers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// Short upper-case code users know it by (PNMPETI).
    pub code: String,
    pub name: String,
    /// The subject it addresses (trabajo infantil, trabajo forzoso, trata de personas…).
    pub topic: String,
    pub rector_sector: String,
    pub responsible_unit: Option<String>,
    /// The resolution that formally started the formulation, as written on it.
    pub start_resolution: Option<String>,
    pub horizon_year: Option<u16>,
}

/// What a user submits to create a policy; `validate` turns it into a `Policy`.
pub type NewPolicy = Policy;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum PolicyError {
    #[error("code")]
    InvalidCode,
    #[error("name")]
    MissingName,
    #[error("topic")]
    MissingTopic,
    #[error("sector")]
    MissingSector,
    #[error("horizon")]
    InvalidHorizon,
}

impl Policy {
    /// Normalises a policy code as typed in a URL or a form (`pnmpetf` → `PNMPETF`).
    pub fn normalize_code(code: &str) -> String {
        code.trim().to_uppercase()
    }

    /// Checks and normalises a new policy: a code of 2 to 16 letters, digits or hyphens, the
    /// texts present, a horizon year (if any) between 2000 and 2100.
    pub fn validate(mut self) -> Result<Policy, PolicyError> {
        self.code = Self::normalize_code(&self.code);
        let code_ok = (2..=16).contains(&self.code.chars().count())
            && self.code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
        if !code_ok {
            return Err(PolicyError::InvalidCode);
        }
        for field in [&mut self.name, &mut self.topic, &mut self.rector_sector] {
            *field = field.trim().to_string();
        }
        if self.name.is_empty() {
            return Err(PolicyError::MissingName);
        }
        if self.topic.is_empty() {
            return Err(PolicyError::MissingTopic);
        }
        if self.rector_sector.is_empty() {
            return Err(PolicyError::MissingSector);
        }
        if self.horizon_year.is_some_and(|y| !(2000..=2100).contains(&y)) {
            return Err(PolicyError::InvalidHorizon);
        }
        let blank_to_none = |o: Option<String>| o.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        self.responsible_unit = blank_to_none(self.responsible_unit);
        self.start_resolution = blank_to_none(self.start_resolution);
        Ok(self)
    }
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


/// A step's working text as the step page and the editor need it.
#[derive(Debug, Clone, PartialEq)]
pub struct StepText {
    pub policy: Policy,
    pub deliverable_state: DeliverableState,
    pub body: String,
    /// 0 when the step was never saved.
    pub revision: u32,
    pub updated_at: Option<DateTime<Utc>>,
    pub updated_by: Option<String>,
}

/// What a new policy starts with besides its definition; empty for a policy created by a user,
/// filled in for the seeded history.
#[derive(Debug, Clone, Default)]
pub struct PolicyStart {
    pub states: Vec<(u8, DeliverableState)>,
    pub bodies: Vec<(u8, String)>,
    pub events: Vec<PolicyEvent>,
}

#[cfg(test)]
mod tests {
    #[test]
    fn delivered_steps_count() {
        let d = DeliverableOverview::new(1, DeliverableState::EnLevantamiento, &[(1, true), (2, false)]);
        assert_eq!(d.steps_delivered(), 2);
        let d = DeliverableOverview::new(2, DeliverableState::EnElaboracion, &[(3, true), (4, false)]);
        assert_eq!(d.steps_delivered(), 0);
        assert_eq!(d.steps[0].state, StepState::EnElaboracion);
        assert_eq!(d.steps[1].state, StepState::NoIniciado);
    }


    use super::*;

    fn sample() -> Policy {
        Policy {
            code: " pnmpetf ".into(),
            name: "Política Nacional Multisectorial para la Prevención y Erradicación del Trabajo Forzoso".into(),
            topic: "Trabajo forzoso".into(),
            rector_sector: "Trabajo y Promoción del Empleo".into(),
            responsible_unit: Some("  ".into()),
            start_resolution: Some("R.M. N° 293-2022-TR".into()),
            horizon_year: None,
        }
    }

    #[test]
    fn codes_are_normalised_to_upper_case() {
        let p = sample().validate().unwrap();
        assert_eq!(p.code, "PNMPETF");
        assert_eq!(p.responsible_unit, None, "a blank unit is no unit");
        assert_eq!(Policy::normalize_code("pntp"), "PNTP");
    }

    #[test]
    fn bad_codes_are_refused() {
        for code in ["", "P", "PNM PETF", "PNMPETF<script>", "ABCDEFGHIJKLMNOPQ"] {
            let p = Policy { code: code.into(), ..sample() };
            assert_eq!(p.validate(), Err(PolicyError::InvalidCode), "{code:?}");
        }
    }

    #[test]
    fn required_texts_and_horizon() {
        assert_eq!(Policy { name: " ".into(), ..sample() }.validate(), Err(PolicyError::MissingName));
        assert_eq!(Policy { topic: "".into(), ..sample() }.validate(), Err(PolicyError::MissingTopic));
        assert_eq!(Policy { rector_sector: "".into(), ..sample() }.validate(), Err(PolicyError::MissingSector));
        assert_eq!(Policy { horizon_year: Some(1990), ..sample() }.validate(), Err(PolicyError::InvalidHorizon));
        assert!(Policy { horizon_year: Some(2030), ..sample() }.validate().is_ok());
    }
}
