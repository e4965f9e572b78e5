//! Fixtures made by code, shared by the modules of this binary.
use pasos_app::domain::Policy;

/// A policy of the Ministry of Labour's sector, with nothing recorded on it.
pub fn policy(code: &str) -> Policy {
    Policy {
        code: code.into(),
        name: "Política de prueba".into(),
        topic: "Prueba".into(),
        rector_sector: "Trabajo y Promoción del Empleo".into(),
        responsible_unit: None,
        start_resolution: None,
        horizon_year: Some(2030),
    }
}
