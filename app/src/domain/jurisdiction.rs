//! Peru's 26 regional jurisdictions and the state of their child-labour committee (CDRPETI).
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CdrpetiState {
    Activo,
    Inactivo,
    SinDato,
}

impl CdrpetiState {
    pub fn key(self) -> &'static str {
        match self {
            Self::Activo => "activo",
            Self::Inactivo => "inactivo",
            Self::SinDato => "sin_dato",
        }
    }
    pub fn from_key(key: &str) -> Option<Self> {
        [Self::Activo, Self::Inactivo, Self::SinDato].into_iter().find(|s| s.key() == key)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jurisdiction {
    /// INEI ubigeo code ("01", or "1501" for Lima Metropolitana).
    pub ubigeo: String,
    pub name: String,
    /// CDRPETI state in 2023 (Cuadro 1 of the progress report).
    pub cdrpeti_2023: CdrpetiState,
}
