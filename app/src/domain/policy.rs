//! A national policy under formulation and the rules for creating one.
use serde::{Deserialize, Serialize};

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

#[cfg(test)]
mod tests {
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
